/**
 * Hindsight's HTTP server: {@link dev.hindsight.server.http.HttpServer} (Undertow) serving the
 * Prometheus HTTP API, {@code /metrics}, the cAdvisor REST subset, {@code /healthz} and the
 * web UI's static files, behind optional TLS, basic auth and limits. Configuration is
 * {@link dev.hindsight.server.http.ServerConfig}; what it serves from is
 * {@link dev.hindsight.server.http.ServerContext}. Every error goes through one table,
 * {@link dev.hindsight.server.http.HttpErrors}.
 */
package dev.hindsight.server.http;
