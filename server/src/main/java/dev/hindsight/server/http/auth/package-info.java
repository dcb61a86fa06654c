/** HTTP basic auth from an htpasswd file of bcrypt hashes, in front of every endpoint. */
package dev.hindsight.server.http.auth;
