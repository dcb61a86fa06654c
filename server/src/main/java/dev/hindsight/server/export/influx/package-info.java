/** InfluxDB line protocol bodies, for the 1.x {@code /write} and 2.x {@code /api/v2/write} endpoints. */
package dev.hindsight.server.export.influx;
