/** The running agent: opens the store, starts the collector and servers, closes them in order. */
package dev.hindsight.server.agent;
