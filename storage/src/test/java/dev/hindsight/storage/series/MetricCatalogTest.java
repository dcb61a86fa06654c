package dev.hindsight.storage.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.record.ContainerField;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {
    @Test
    void everyFieldIsExposedWithTheFieldsKind() {
        for (ContainerField f : ContainerField.values()) {
            FieldMetric m = MetricCatalog.field(f).orElseThrow(() -> new AssertionError(f + " not mapped"));
            assertThat(m.metric().type().name()).as(f.name()).isEqualTo(f.kind.name());
            assertThat(m.metric().name()).startsWith("container_");
            if (f != ContainerField.MEMORY_FAILCNT) { // cAdvisor's one counter without _total
                assertThat(m.metric().name().endsWith("_total")).as(f.name())
                    .isEqualTo(m.metric().type() == MetricType.COUNTER);
            }
            assertThat(MetricCatalog.metadata(m.metric().name())).contains(m.metric());
        }
    }

    @Test
    void cadvisorNamesAndScaling() {
        FieldMetric cpu = MetricCatalog.field(ContainerField.CPU_USAGE_NS).orElseThrow();
        assertThat(cpu.metric().name()).isEqualTo("container_cpu_usage_seconds_total");
        assertThat(cpu.scale()).isEqualTo(1e-9);
        assertThat(cpu.extraLabels()).containsExactly("cpu", "total");
        FieldMetric maj = MetricCatalog.field(ContainerField.MEMORY_PGMAJFAULT).orElseThrow();
        assertThat(maj.metric().name()).isEqualTo("container_memory_failures_total");
        assertThat(maj.extraLabels()).containsExactly("failure_type", "pgmajfault", "scope", "container");
        assertThat(MetricCatalog.field(ContainerField.PSI_CPU_FULL_US).orElseThrow().metric().name())
            .isEqualTo("container_pressure_cpu_stalled_seconds_total");
        assertThat(MetricCatalog.field(ContainerField.PSI_IO_SOME_US).orElseThrow().scale()).isEqualTo(1e-6);
        assertThat(MetricCatalog.field(ContainerField.TASKS_IOWAIT).orElseThrow().extraLabels())
            .isEqualTo(List.of("state", "iowaiting"));
        assertThat(MetricCatalog.field(ContainerField.LOAD_AVERAGE_10S_MILLI).orElseThrow().scale()).isEqualTo(1e-3);
        assertThat(MetricCatalog.metadata("container_network_receive_packets_dropped_total")).isPresent();
        assertThat(MetricCatalog.metadata("container_fs_writes_bytes_total").orElseThrow().unit()).isEqualTo("bytes");
        assertThat(MetricCatalog.metadata("container_spec_memory_swap_limit_bytes")).isPresent();
        assertThat(MetricCatalog.metadata("container_info").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        assertThat(MetricCatalog.metadata("no_such_metric")).isEmpty();
    }

    @Test
    void labelsAreFormattedLikeCadvisor() {
        assertThat(MetricCatalog.cpuLabel(3)).isEqualTo("cpu03");
        assertThat(MetricCatalog.cpuLabel(12)).isEqualTo("cpu12");
        assertThat(MetricCatalog.sanitizeLabelName("com.docker.compose/project-x")).isEqualTo("com_docker_compose_project_x");
    }
}
