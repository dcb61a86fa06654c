/**
 * The cAdvisor REST subset ({@code /api/v1.3}, {@code /api/v2.0}) with cAdvisor's JSON field
 * names, answered from the store (so stats reach back as far as retention keeps data).
 */
package dev.hindsight.server.http.cadvisor;
