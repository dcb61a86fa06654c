/**
 * File-system steps shared by the storage's file writers and readers: publishing a finished
 * file durably, and reading checksums, headers and small tables through a channel rather than
 * the mapping a query reads through.
 */
package dev.hindsight.storage.files;
