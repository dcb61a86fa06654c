package dev.hindsight.server.export.remotewrite;

import dev.hindsight.server.export.Batch;
import dev.hindsight.server.export.BatchEncoder;
import dev.hindsight.server.export.remotewrite.proto.RemoteWrite;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntFunction;
import org.agrona.collections.Int2ObjectHashMap;
import org.xerial.snappy.Snappy;

/**
 * Encodes a batch as a remote-write 1.0 {@code WriteRequest}: one {@code TimeSeries} per series
 * (labels sorted by name, as {@link Labels} keeps them), its samples in log (time) order.
 */
public final class RemoteWriteEncoder implements BatchEncoder {
    private static final Map<String, String> HEADERS = Map.of(
        "Content-Type", "application/x-protobuf",
        "Content-Encoding", "snappy",
        "X-Prometheus-Remote-Write-Version", "0.1.0");

    @Override
    public byte[] encode(Batch batch, IntFunction<Labels> labels) {
        Int2ObjectHashMap<RemoteWrite.TimeSeries.Builder> bySeries = new Int2ObjectHashMap<>();
        RemoteWrite.WriteRequest.Builder req = RemoteWrite.WriteRequest.newBuilder();
        for (int i = 0; i < batch.size(); i++) {
            int id = batch.seriesId(i);
            RemoteWrite.TimeSeries.Builder ts = bySeries.get(id);
            if (ts == null) {
                ts = RemoteWrite.TimeSeries.newBuilder();
                Labels l = labels.apply(id);
                for (int k = 0; k < l.size(); k++) {
                    if (l.value(k).isEmpty()) {
                        continue; // the spec forbids empty label values
                    }
                    ts.addLabels(RemoteWrite.Label.newBuilder().setName(l.name(k)).setValue(l.value(k)));
                }
                bySeries.put(id, ts);
            }
            ts.addSamples(RemoteWrite.Sample.newBuilder().setTimestamp(batch.timeMs(i)).setValue(batch.value(i)));
        }
        if (bySeries.isEmpty()) {
            return null;
        }
        bySeries.values().forEach(req::addTimeseries);
        try {
            return Snappy.compress(req.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }
}
