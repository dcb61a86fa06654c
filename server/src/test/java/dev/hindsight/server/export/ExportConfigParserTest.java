package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The remote_write: and influxdb: sections, from YAML as users write them. */
class ExportConfigParserTest {

    private static List<SinkConfig> parse(String yaml) {
        return ExportConfigParser.parse(ConfigLoader.parse("test.yaml", yaml).sections());
    }

    private static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void aPrometheusRemoteWriteBlockIsAcceptedAsIs() {
        List<SinkConfig> sinks = parse("""
            remote_write:
              - url: https://mimir.example:9009/api/v1/push
                name: mimir
                remote_timeout: 10s
                basic_auth:
                  username: agent
                  password: pw
                tls_config:
                  insecure_skip_verify: true
                  server_name: mimir.internal
                write_relabel_configs:
                  - source_labels: [__name__]
                    regex: container_(tasks_state|memory_failures_total)
                    action: drop
                  - action: labeldrop
                    regex: image
                queue_config:
                  capacity: 10000
                  max_shards: 50
                  max_samples_per_send: 1000
                  batch_send_deadline: 2s
                  min_backoff: 50ms
                  max_backoff: 10s
                external_labels:
                  node: worker-1
                  instance: worker-1:8080
              - url: http://127.0.0.1:8428/api/v1/write
                bearer_token: abc
            """);
        assertThat(sinks).hasSize(2);
        SinkConfig m = sinks.get(0);
        assertThat(m.name()).isEqualTo("mimir");
        assertThat(m.kind()).isEqualTo(SinkConfig.Kind.REMOTE_WRITE);
        assertThat(m.maxSamplesPerSend()).isEqualTo(1000);
        assertThat(m.batchDeadlineMs()).isEqualTo(2000);
        assertThat(m.minBackoffMs()).isEqualTo(50);
        assertThat(m.maxBackoffMs()).isEqualTo(10_000);
        assertThat(m.timeoutMs()).isEqualTo(10_000);
        assertThat(m.headers()).containsEntry("Authorization", "Basic YWdlbnQ6cHc=");
        assertThat(m.tls().insecureSkipVerify()).isTrue();
        assertThat(m.tls().serverName()).isEqualTo("mimir.internal");
        assertThat(m.externalLabels()).containsExactlyInAnyOrderEntriesOf(
            Map.of("node", "worker-1", "instance", "worker-1:8080"));
        assertThat(m.relabel()).extracting(RelabelRule::action)
            .containsExactly(RelabelRule.Action.DROP, RelabelRule.Action.LABELDROP);
        SinkConfig vm = sinks.get(1);
        assertThat(vm.name()).isEqualTo("127.0.0.1:8428/api/v1/write");
        assertThat(vm.headers()).containsEntry("Authorization", "Bearer abc");
        assertThat(vm.maxSamplesPerSend()).isEqualTo(2000);
        assertThat(vm.batchDeadlineMs()).isEqualTo(5000);
    }

    @Test
    void influxV1AndV2Urls() {
        List<SinkConfig> sinks = parse("""
            influxdb:
              - url: http://127.0.0.1:8086
                database: cadvisor
                retention_policy: two weeks
                username: u
                password: p
              - url: https://influx.example/
                token: t0k
                org: my org
                bucket: metrics
            """);
        assertThat(sinks.get(0).kind()).isEqualTo(SinkConfig.Kind.INFLUX_V1);
        assertThat(sinks.get(0).url()).isEqualTo("http://127.0.0.1:8086/write?db=cadvisor&rp=two+weeks&precision=ms");
        assertThat(sinks.get(0).headers()).containsEntry("Authorization", "Basic dTpw");
        assertThat(sinks.get(1).kind()).isEqualTo(SinkConfig.Kind.INFLUX_V2);
        assertThat(sinks.get(1).url())
            .isEqualTo("https://influx.example/api/v2/write?org=my+org&bucket=metrics&precision=ms");
        assertThat(sinks.get(1).headers()).containsEntry("Authorization", "Token t0k");
        assertThat(parse("influxdb:\n  url: http://h:8086\n  database: d\n")).hasSize(1);
    }

    @Test
    void everyProblemNamesItsField() {
        assertThat(problems("""
            remote_write:
              - url: ftp://x
                queue_config:
                  batch_send_deadline: 5x
                  max_samples_per_send: zero
                  shards: 3
                write_relabel_configs:
                  - action: keep
                  - action: explode
                  - regex: "("
                    target_label: x
                  - action: replace
                external_labels:
                  "bad-name": v
                oauth2: {}
              - url: http://a/b
                name: dup
              - url: http://a/c
                name: dup
            influxdb:
              url: http://h:8086
              token: t
            """)).containsExactly(
            "remote_write[0].oauth2: unknown setting (known: basic_auth, bearer_token, bearer_token_file, "
                + "external_labels, headers, name, queue_config, remote_timeout, tls_config, url, "
                + "write_relabel_configs)",
            "remote_write[0].url: \"ftp://x\" is not an http(s) URL",
            "remote_write[0].queue_config.shards: unknown setting (known: batch_send_deadline, capacity, "
                + "max_backoff, max_samples_per_send, max_shards, min_backoff, min_shards, retry_on_http_429, "
                + "sample_age_limit)",
            "remote_write[0].queue_config.max_samples_per_send: \"zero\" is not a whole number",
            "remote_write[0].queue_config.batch_send_deadline: \"5x\" is not a duration (e.g. 500ms, 5s, 1m)",
            "remote_write[0].external_labels.bad-name: is not a valid label name",
            "remote_write[0].write_relabel_configs[0].source_labels: keep needs source_labels",
            "remote_write[0].write_relabel_configs[1].action: \"explode\" is not one of replace, keep, drop, "
                + "labeldrop, labelkeep, labelmap",
            "remote_write[0].write_relabel_configs[2].regex: \"(\" is not a valid regular expression: "
                + "Unclosed group",
            "remote_write[0].write_relabel_configs[3].target_label: replace needs a target_label",
            "remote_write[2].name: \"dup\" is used by another sink; give each a distinct name",
            "influxdb.org: missing (InfluxDB 2.x writes need an organization)",
            "influxdb.bucket: missing (InfluxDB 2.x writes need a bucket)");
        assertThat(problems("remote_write:\n  - name: x\n")).containsExactly("remote_write[0].url: missing");
        assertThat(problems("influxdb:\n  url: http://h\n")).containsExactly(
            "influxdb.database: missing (the InfluxDB 1.x database to write to)");
    }

    @Test
    void noSectionsNoSinks() {
        assertThat(parse("interval: 1s\n")).isEmpty();
        assertThatThrownBy(() -> ExportConfigParser.parse(Map.of("remote_write", "http://x")))
            .isInstanceOf(ConfigException.class).hasMessage("remote_write: must be a list of sinks");
    }

    @Test
    void relabelRulesBehaveLikePrometheus() {
        List<RelabelRule> rules = parse("""
            remote_write:
              - url: http://x/
                write_relabel_configs:
                  - source_labels: [name, id]
                    separator: "@"
                    regex: "(web)-(\\\\d+)@/docker/(.*)"
                    target_label: container
                    replacement: "${1}_$2:$3"
                  - source_labels: [__name__]
                    regex: container_spec_.*
                    action: drop
                  - action: labelkeep
                    regex: __name__|container|id
                  - action: labeldrop
                    regex: id
            """).get(0).relabel();
        TreeMap<String, String> l = new TreeMap<>(Map.of("__name__", "container_memory_usage_bytes", "name", "web-1",
            "id", "/docker/c1", "image", "img"));
        for (RelabelRule r : rules) {
            assertThat(r.apply(l)).isTrue();
        }
        assertThat(l).containsExactlyEntriesOf(new TreeMap<>(Map.of("__name__", "container_memory_usage_bytes",
            "container", "web_1:c1")));
        TreeMap<String, String> spec = new TreeMap<>(Map.of("__name__", "container_spec_cpu_shares"));
        assertThat(rules.get(1).apply(spec)).isFalse();
        RelabelRule keep = new RelabelRule(RelabelRule.Action.KEEP, List.of("name"), ";",
            RelabelRule.anchored("web"), "", "$1");
        assertThat(keep.apply(new TreeMap<>(Map.of("name", "web-1")))).as("anchored at both ends").isFalse();
        assertThat(keep.apply(new TreeMap<>(Map.of("name", "web")))).isTrue();
        RelabelRule empty = new RelabelRule(RelabelRule.Action.REPLACE, List.of("missing"), ";",
            RelabelRule.anchored("(.*)"), "name", "$1");
        TreeMap<String, String> m = new TreeMap<>(Map.of("name", "x"));
        assertThat(empty.apply(m)).isTrue();
        assertThat(m).as("an empty replacement removes the target").isEmpty();
    }
}
