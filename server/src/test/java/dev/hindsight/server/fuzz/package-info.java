/**
 * Bad input against real parts: random and mutated PromQL over HTTP to a real server on a
 * real store, malformed HTTP requests, and mutated config files. The CI variants are
 * bounded; {@code -Dhindsight.soak=true} runs the long ones.
 */
package dev.hindsight.server.fuzz;
