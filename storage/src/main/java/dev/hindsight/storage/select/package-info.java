/**
 * The series selection API between the store and its readers (query engine, HTTP API):
 * label sets, matchers, cursors and the hints that let the store choose a rollup resolution.
 */
package dev.hindsight.storage.select;
