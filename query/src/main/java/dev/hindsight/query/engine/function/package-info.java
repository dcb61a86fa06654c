/**
 * Pure numeric helpers of the PromQL functions and aggregations: static methods over
 * primitive arrays, no engine state, each matching the Prometheus function of the same name.
 */
package dev.hindsight.query.engine.function;
