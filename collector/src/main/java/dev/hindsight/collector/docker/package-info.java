/** Docker identity of containers (names, images, labels), from the Engine API over its unix socket. */
package dev.hindsight.collector.docker;
