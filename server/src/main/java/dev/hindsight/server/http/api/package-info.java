/**
 * The Prometheus HTTP API ({@code /api/v1/...}): the JSON envelope, parameter parsing as
 * Prometheus does it, and one handler class per concern (queries, metadata, misc).
 */
package dev.hindsight.server.http.api;
