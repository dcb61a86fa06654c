package dev.hindsight.storage.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

class SeriesMapperTest {
    static ContainerSpec spec(int id, String name) {
        return new ContainerSpec(id, 1000, "/docker/abc" + id, name, "busybox:latest", "docker",
            Map.of("com.example/team", "core"), 5_000, 1024, 50_000, 100_000, "0-1", "0",
            64L << 20, ContainerSpec.UNLIMITED, ContainerSpec.UNKNOWN, 100);
    }

    record Value(Labels labels, long t, double v) {
    }

    private final SeriesRegistry registry = SeriesRegistry.inMemory();
    private final SeriesMapper mapper = new SeriesMapper(registry);
    private final List<Value> out = new ArrayList<>();
    private final SampleSink sink = (id, t, v) -> out.add(new Value(registry.labels(id), t, v));

    private double value(String metric, String... extra) {
        return out.stream().filter(x -> x.labels().metricName().equals(metric)).filter(x -> {
            for (int i = 0; i < extra.length; i += 2) {
                if (!x.labels().get(extra[i]).equals(extra[i + 1])) {
                    return false;
                }
            }
            return true;
        }).mapToDouble(Value::v).findFirst().orElseThrow(() -> new AssertionError(metric + " missing in " + out));
    }

    @Test
    void containerSampleBecomesCadvisorSeries() {
        mapper.onSpec(spec(7, "web"));
        ContainerSampleFlyweight s = new ContainerSampleFlyweight().wrap(new ExpandableArrayBuffer(4096), 0).init(7, 2_000);
        s.set(ContainerField.CPU_USAGE_NS, 3_000_000_000L).set(ContainerField.MEMORY_WORKING_SET_BYTES, 4096)
            .set(ContainerField.MEMORY_PGFAULT, 12).set(ContainerField.TASKS_RUNNING, 2);
        int n = mapper.containerSample(s, sink);
        assertThat(value("container_cpu_usage_seconds_total", "cpu", "total")).isEqualTo(3.0);
        assertThat(value("container_memory_working_set_bytes")).isEqualTo(4096);
        assertThat(value("container_memory_failures_total", "failure_type", "pgfault", "scope", "container")).isEqualTo(12);
        assertThat(value("container_tasks_state", "state", "running")).isEqualTo(2);
        assertThat(out.stream().filter(x -> x.labels().metricName().equals("container_memory_rss"))).isEmpty();
        // spec gauges ride along
        assertThat(value("container_spec_memory_limit_bytes")).isEqualTo(64 << 20);
        assertThat(value("container_spec_memory_reservation_limit_bytes")).isZero();
        assertThat(out.stream().filter(x -> x.labels().metricName().equals("container_spec_memory_swap_limit_bytes"))).isEmpty();
        assertThat(value("container_spec_cpu_quota")).isEqualTo(50_000);
        assertThat(value("container_start_time_seconds")).isEqualTo(5.0);
        assertThat(value("container_info")).isEqualTo(1);
        Labels info = out.stream().filter(x -> x.labels().metricName().equals("container_info")).findFirst().orElseThrow().labels();
        assertThat(info.get("container_label_com_example_team")).isEqualTo("core");
        Labels ws = out.stream().filter(x -> x.labels().metricName().equals("container_memory_working_set_bytes"))
            .findFirst().orElseThrow().labels();
        assertThat(ws).isEqualTo(Labels.of("__name__", "container_memory_working_set_bytes", "id", "/docker/abc7",
            "name", "web", "image", "busybox:latest"));
        assertThat(n).isEqualTo(out.size());
        assertThat(out).allMatch(v -> v.t() == 2_000);

        // same series ids next time, per-CPU replaces cpu="total"
        int before = registry.size();
        out.clear();
        s.init(7, 3_000).set(ContainerField.CPU_USAGE_NS, 5).perCpu(new long[] {1_000_000_000L, 2_000_000_000L}, 2);
        mapper.containerSample(s, sink);
        assertThat(value("container_cpu_usage_seconds_total", "cpu", "cpu01")).isEqualTo(2.0);
        assertThat(out.stream().filter(x -> x.labels().get("cpu").equals("total"))).isEmpty();
        assertThat(registry.size()).isEqualTo(before + 2);
    }

    @Test
    void alternatingInterfacesEachKeepTheirOwnSeries() {
        mapper.onSpec(spec(1, "db"));
        ExpandableArrayBuffer buf = new ExpandableArrayBuffer(256);
        String[] names = {"eth0", "eth1", "eth1", "eth0", "eth10", "eth0"};
        for (int k = 0; k < names.length; k++) {
            byte[] n = names[k].getBytes(StandardCharsets.US_ASCII);
            InterfaceSampleFlyweight i = new InterfaceSampleFlyweight().wrap(buf, 0).init(1, 10 + k, n, n.length)
                .setCounter(InterfaceSampleFlyweight.RX_BYTES, 100 + k);
            assertThat(mapper.interfaceSample(i, sink)).isEqualTo(8);
        }
        List<String> seen = new ArrayList<>();
        for (Value v : out) {
            if (v.labels().metricName().equals("container_network_receive_bytes_total")) {
                seen.add(v.labels().get("interface") + "=" + (long) v.v());
            }
        }
        assertThat(seen).containsExactly("eth0=100", "eth1=101", "eth1=102", "eth0=103", "eth10=104", "eth0=105");
        assertThat(registry.select(List.of(LabelMatcher.eq("name", "db")))).hasSize(3 * 8 + 7);
    }

    @Test
    void interfaceAndDeviceSamples() {
        mapper.onSpec(spec(1, "db"));
        byte[] eth = "eth0".getBytes(StandardCharsets.US_ASCII);
        InterfaceSampleFlyweight i = new InterfaceSampleFlyweight().wrap(new ExpandableArrayBuffer(256), 0)
            .init(1, 10, eth, eth.length).setCounter(InterfaceSampleFlyweight.RX_BYTES, 100)
            .setCounter(InterfaceSampleFlyweight.TX_DROPPED, 3);
        assertThat(mapper.interfaceSample(i, sink)).isEqualTo(8);
        assertThat(value("container_network_receive_bytes_total", "interface", "eth0")).isEqualTo(100);
        assertThat(value("container_network_transmit_packets_dropped_total", "interface", "eth0")).isEqualTo(3);
        DeviceSampleFlyweight d = new DeviceSampleFlyweight().wrap(new ExpandableArrayBuffer(256), 0)
            .write(1, 10, 8, 0, 4096, 8192, 1, 2);
        assertThat(mapper.deviceSample(d, sink)).isEqualTo(4);
        assertThat(value("container_fs_writes_bytes_total", "device", "8:0")).isEqualTo(8192);
        assertThat(value("container_fs_reads_total", "major", "8", "minor", "0")).isEqualTo(1);
        assertThat(registry.select(List.of(LabelMatcher.eq("name", "db")))).hasSize(8 + 4 + 7); // 7 spec series registered with the spec
    }

    @Test
    void samplesOfUnknownContainersAreSkippedAndCounted() {
        ContainerSampleFlyweight s = new ContainerSampleFlyweight().wrap(new ExpandableArrayBuffer(4096), 0).init(9, 1);
        s.set(ContainerField.PROCESSES, 1);
        assertThat(mapper.containerSample(s, sink)).isZero();
        assertThat(mapper.unknownContainerCount()).isEqualTo(1);
        assertThat(out).isEmpty();
    }

    @Test
    void changedSpecGivesNewLabels() {
        mapper.onSpec(spec(7, "web"));
        mapper.onSpec(spec(7, "web").at(99_999)); // re-recorded, unchanged
        ContainerSampleFlyweight s = new ContainerSampleFlyweight().wrap(new ExpandableArrayBuffer(4096), 0).init(7, 1);
        s.set(ContainerField.THREADS, 4);
        mapper.containerSample(s, sink);
        mapper.onSpec(spec(7, "web-renamed"));
        mapper.containerSample(s, sink);
        assertThat(out.stream().filter(x -> x.labels().metricName().equals("container_threads")).map(x -> x.labels().get("name")))
            .containsExactly("web", "web-renamed");
    }
}
