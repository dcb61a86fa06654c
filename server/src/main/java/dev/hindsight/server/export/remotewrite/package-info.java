/** Prometheus remote write 1.0 bodies: protobuf {@code WriteRequest}, snappy block-compressed. */
package dev.hindsight.server.export.remotewrite;
