/** Static files of the web UI and WebJars from the classpath, with paths that cannot escape their roots. */
package dev.hindsight.server.http.web;
