/**
 * Faults on real processes and files: the agent SIGKILLed at random moments, a full disk,
 * damaged and unwritable data files, the Docker daemon going away, container churn. Each
 * test compares what the store answers over HTTP with what the raw log holds.
 */
package dev.hindsight.server.faults;
