/** Runs Prometheus's promqltest conformance scripts against the Hindsight engine. */
package dev.hindsight.query.promqltest;
