package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.server.export.influx.LineProtocolEncoder;
import dev.hindsight.server.export.remotewrite.RemoteWriteEncoder;
import dev.hindsight.server.export.remotewrite.proto.RemoteWrite;
import dev.hindsight.storage.select.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** The two wire formats, byte for byte. */
class LineProtocolTest {
    private static final List<Labels> SERIES = List.of(
        Labels.of("__name__", "container_memory_usage_bytes", "id", "/docker/a b", "name", "web,1", "image", ""),
        Labels.of("__name__", "container_cpu_usage_seconds_total", "cpu", "total", "id", "/x=y"));

    private static Batch batch() {
        Batch b = new Batch();
        b.add(0, 1_000, 42);
        b.add(1, 1_000, 0.5);
        b.add(0, 2_000, Double.NaN);
        b.add(0, 3_000, 43.25);
        b.endRecord(7, 0);
        return b;
    }

    @Test
    void lineProtocolEscapesAndSkipsNonFiniteValues() {
        LineProtocolEncoder enc = new LineProtocolEncoder();
        String body = new String(enc.encode(batch(), SERIES::get), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("""
            container_memory_usage_bytes,id=/docker/a\\ b,name=web\\,1 value=42.0 1000
            container_cpu_usage_seconds_total,cpu=total,id=/x\\=y value=0.5 1000
            container_memory_usage_bytes,id=/docker/a\\ b,name=web\\,1 value=43.25 3000
            """);
        assertThat(enc.skippedInLastEncode()).isEqualTo(1);
    }

    @Test
    void remoteWriteGroupsSamplesPerSeriesInTimeOrder() throws Exception {
        RemoteWriteEncoder enc = new RemoteWriteEncoder();
        byte[] body = enc.encode(batch(), SERIES::get);
        RemoteWrite.WriteRequest req = RemoteWrite.WriteRequest.parseFrom(Snappy.uncompress(body));
        assertThat(req.getTimeseriesCount()).isEqualTo(2);
        RemoteWrite.TimeSeries mem = req.getTimeseriesList().stream()
            .filter(t -> t.getLabels(0).getValue().equals("container_memory_usage_bytes")).findFirst().orElseThrow();
        assertThat(mem.getLabelsList()).extracting(RemoteWrite.Label::getName)
            .as("no empty label values").containsExactly("__name__", "id", "name");
        assertThat(mem.getSamplesList()).extracting(RemoteWrite.Sample::getTimestamp).containsExactly(1000L, 2000L, 3000L);
        assertThat(mem.getSamples(2).getValue()).isEqualTo(43.25);
        assertThat(enc.headers()).containsEntry("Content-Encoding", "snappy");
        assertThat(enc.encode(new Batch(), SERIES::get)).isNull();
    }
}
