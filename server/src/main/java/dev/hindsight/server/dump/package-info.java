/** {@code hindsight dump}: the raw log decoded as text or JSON lines. */
package dev.hindsight.server.dump;
