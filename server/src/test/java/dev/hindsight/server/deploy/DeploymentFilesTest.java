package dev.hindsight.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files under {@code deploy/} can't be run here; this checks they parse and
 * carry what the agent needs: read-only host mounts, the Docker socket, a host data
 * directory, the capabilities, and a config the agent loads.
 */
@Timeout(60)
class DeploymentFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void daemonSetHasTheMountsPermissionsAndALoadableConfig() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser p = new YAMLFactory().createParser(ROOT.resolve("deploy/kubernetes/daemonset.yaml").toFile())) {
            YAML.readValues(p, JsonNode.class).forEachRemaining(docs::add);
        }
        Map<String, JsonNode> byKind = new HashMap<>();
        docs.forEach(d -> byKind.put(d.path("kind").asText(), d));
        assertThat(byKind).containsKeys("Namespace", "ConfigMap", "DaemonSet");
        JsonNode ds = byKind.get("DaemonSet");
        assertThat(ds.path("apiVersion").asText()).isEqualTo("apps/v1");
        JsonNode pod = ds.path("spec").path("template").path("spec");
        assertThat(ds.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(ds.path("spec").path("template").path("metadata").path("labels"));
        assertThat(pod.path("hostPID").asBoolean()).isTrue();

        Map<String, String> hostPaths = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("hostPath")) {
                hostPaths.put(v.path("name").asText(), v.path("hostPath").path("path").asText());
            }
        });
        assertThat(hostPaths).containsEntry("sys", "/sys").containsEntry("docker-socket", "/var/run/docker.sock")
                .containsEntry("data", "/var/lib/hindsight");

        JsonNode container = pod.path("containers").get(0);
        Map<String, JsonNode> mounts = new HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m));
        assertThat(mounts.keySet()).containsAll(hostPaths.keySet()).contains("config");
        assertThat(mounts.get("sys").path("readOnly").asBoolean()).isTrue();
        assertThat(mounts.get("docker-socket").path("readOnly").asBoolean()).isTrue();
        assertThat(mounts.get("data").path("readOnly").asBoolean(false)).isFalse();

        JsonNode sec = container.path("securityContext");
        assertThat(sec.path("privileged").asBoolean(true)).isFalse();
        assertThat(sec.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sec.path("capabilities").path("drop").toString()).contains("ALL");
        assertThat(sec.path("capabilities").path("add").toString()).contains("SYS_PTRACE").contains("DAC_READ_SEARCH")
            .contains("SYS_NICE");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");

        // the ConfigMap's config loads, and points at the mounts
        String yaml = byKind.get("ConfigMap").path("data").path("hindsight.yaml").asText();
        HindsightConfig cfg = ConfigLoader.parse("configmap:hindsight.yaml", yaml);
        assertThat(cfg.dataDir().toString()).isEqualTo(mounts.get("data").path("mountPath").asText());
        assertThat(cfg.collector().cgroupRoot()).isPresent();
        assertThat(cfg.collector().cgroupRoot().get().toString())
                .startsWith(mounts.get("sys").path("mountPath").asText());
        assertThat(cfg.collector().dockerSocket().toString())
                .isEqualTo(mounts.get("docker-socket").path("mountPath").asText());
        assertThat(cfg.listen()).startsWith("0.0.0.0:");
        assertThat(container.toString()).contains("/etc/hindsight/hindsight.yaml");
    }

    @Test
    void systemdUnitHasTheKeysItNeedsAndVerifies(@TempDir Path tmp) throws Exception {
        Path unit = ROOT.resolve("deploy/hindsight.service");
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = null;
        for (String line : Files.readAllLines(unit)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                section = t.substring(1, t.length() - 1);
                sections.put(section, new LinkedHashMap<>());
            } else {
                assertThat(section).as("key outside a section: " + t).isNotNull();
                int eq = t.indexOf('=');
                assertThat(eq).as("not key=value: " + t).isPositive();
                sections.get(section).put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        assertThat(sections).containsKeys("Unit", "Service", "Install");
        Map<String, String> svc = sections.get("Service");
        assertThat(svc.get("ExecStart")).contains("hindsight.jar").contains(" run ").contains("--config");
        assertThat(svc).containsKeys("Restart", "RestartPreventExitStatus", "ReadWritePaths", "KillSignal");
        assertThat(svc.get("ReadWritePaths")).isEqualTo("/var/lib/hindsight");
        assertThat(svc.get("ExecStart")).contains("--data " + svc.get("ReadWritePaths"));
        assertThat(svc.get("CapabilityBoundingSet")).contains("CAP_SYS_PTRACE").contains("CAP_DAC_READ_SEARCH")
            .contains("CAP_SYS_NICE");
        assertThat(sections.get("Install").get("WantedBy")).isEqualTo("multi-user.target");

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(analyze)) {
            Path copy = tmp.resolve("hindsight.service");
            Files.copy(unit, copy);
            Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the only acceptable complaint is the jar not being installed on this machine
            String relevant = out.lines().filter(l -> !l.contains("/opt/hindsight") && !l.contains("/usr/bin/java"))
                    .filter(l -> l.contains("hindsight.service")).reduce("", (a, b) -> a + b + "\n");
            assertThat(relevant).as(out).isEmpty();
        }
    }
}
