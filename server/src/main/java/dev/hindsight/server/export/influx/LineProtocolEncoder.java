package dev.hindsight.server.export.influx;

import dev.hindsight.server.export.Batch;
import dev.hindsight.server.export.BatchEncoder;
import dev.hindsight.storage.select.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Encodes a batch as InfluxDB line protocol with millisecond timestamps (the write URL says
 * {@code precision=ms}): the measurement is the metric name, every other non-empty label a
 * tag, the sample the float field {@code value}:
 * <pre>container_cpu_usage_seconds_total,cpu=total,id=/docker/abc,name=web value=12.5 1700000000000</pre>
 * NaN and infinities have no line-protocol form: they are left out and counted.
 */
public final class LineProtocolEncoder implements BatchEncoder {
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "text/plain; charset=utf-8");

    private int skipped;

    @Override
    public byte[] encode(Batch batch, IntFunction<Labels> labels) {
        Int2ObjectHashMap<String> keys = new Int2ObjectHashMap<>();
        StringBuilder sb = new StringBuilder(batch.size() * 96);
        skipped = 0;
        for (int i = 0; i < batch.size(); i++) {
            double v = batch.value(i);
            if (!Double.isFinite(v)) {
                skipped++;
                continue;
            }
            int id = batch.seriesId(i);
            String key = keys.get(id);
            if (key == null) {
                key = seriesKey(labels.apply(id));
                keys.put(id, key);
            }
            sb.append(key).append(" value=").append(v).append(' ').append(batch.timeMs(i)).append('\n');
        }
        return sb.length() == 0 ? null : sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code measurement,tag=value,...} with line-protocol escaping. */
    static String seriesKey(Labels l) {
        StringBuilder sb = new StringBuilder();
        String name = l.metricName();
        escape(sb, name.isEmpty() ? "hindsight" : name, false);
        for (int k = 0; k < l.size(); k++) {
            if (l.name(k).equals(Labels.METRIC_NAME) || l.value(k).isEmpty()) {
                continue;
            }
            sb.append(',');
            escape(sb, l.name(k), true);
            sb.append('=');
            escape(sb, l.value(k), true);
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String s, boolean tag) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (tag && c == '=')) {
                sb.append('\\');
            }
            if (c == '\n' || c == '\r') {
                sb.append(' '); // newlines end a line; no escape exists for them
                continue;
            }
            sb.append(c);
        }
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public int skippedInLastEncode() {
        return skipped;
    }
}
