package dev.hindsight.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI in real headless Chromium against the real HTTP server and store, holding two
 * hours of synthetic data ({@link SyntheticData}). Every page must load without console errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class WebUiTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    UiServer server;
    Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        UiTestEnvironment.requireChromium();
        server = UiServer.start(Files.createDirectories(dir.resolve("data")));
        browser = Browser.start(Files.createDirectories(dir.resolve("chromium-profile")), SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConsoleProblems() {
        if (browser != null) {
            assertThat(browser.consoleProblems()).as("browser console").isEmpty();
        }
    }

    String url(String hash) {
        return server.baseUrl() + "/#/" + hash;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Map<String, String> chartAttrs(String chart) {
        WebElement e = browser.find(".chart[data-chart='" + chart + "']");
        return Map.of("state", attr(e, "data-state"), "series", attr(e, "data-series"), "points", attr(e, "data-points"),
            "step", attr(e, "data-step"), "start", attr(e, "data-start"), "range", attr(e, "data-range"),
            "markers", attr(e, "data-markers"), "end", attr(e, "data-end"));
    }

    static String attr(WebElement e, String name) {
        String v = e.getDomAttribute(name);
        return v == null ? "" : v;
    }

    static int num(Map<String, String> attrs, String key) {
        return Integer.parseInt(attrs.get(key));
    }

    @Test
    @Order(1)
    void containerListShowsEveryCgroupWithCpuAndMemory() {
        browser.open(url("?view=tree"));
        WebElement table = browser.await("container table", d -> {
            List<WebElement> t = browser.findAll("#container-table[data-count='5']");
            return t.isEmpty() ? null : t.get(0);
        });
        List<String> ids = browser.findAll("#container-table tr[data-id]").stream()
            .map(r -> r.getDomAttribute("data-id")).collect(Collectors.toList());
        assertThat(ids).containsExactlyInAnyOrder("/", "/docker", SyntheticData.WEB, SyntheticData.DB,
            SyntheticData.SSHD);
        assertThat(table.getText()).contains("web", "db", "ssh.service", "nginx:1.27");

        // the top lists rank the leaf containers by the values the table shows; db holds the most memory
        List<WebElement> topCpu = browser.findAll("#top-cpu li");
        assertThat(topCpu).extracting(li -> li.getDomAttribute("data-id"))
            .containsExactlyInAnyOrder(SyntheticData.WEB, SyntheticData.DB, SyntheticData.SSHD);
        List<Double> shown = topCpu.stream().map(li -> cores(li.findElement(By.cssSelector(".mono")).getText()))
            .collect(Collectors.toList());
        assertThat(shown).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(shown).allMatch(v -> v > 0);
        assertThat(browser.findAll("#top-mem li").get(0).getDomAttribute("data-id")).isEqualTo(SyntheticData.DB);
        browser.screenshot("containers-tree");

        // the Docker view lists only containers with an image; sorting by memory puts db first
        browser.find("button[data-view='docker']").click();
        browser.await("docker view", d -> browser.findAll("#container-table[data-view='docker'][data-count='2']").size() == 1);
        browser.find("th[data-sort='mem']").click();
        browser.await("sorted by memory", d -> SyntheticData.DB.equals(
            browser.findAll("#container-table tr[data-id]").get(0).getDomAttribute("data-id")));
        browser.screenshot("containers");

        // grouped by image: one group row per image, its containers below
        browser.find("button[data-view='image']").click();
        browser.await("image view", d -> browser.findAll("#container-table[data-view='image']").size() == 1);
        assertThat(browser.findAll("#container-table tr.group-row")).extracting(r -> r.getDomAttribute("data-image"))
            .containsExactlyInAnyOrder("nginx:1.27", "postgres:16");

        // filtering keeps the matches
        browser.find("button[data-view='tree']").click();
        browser.find("#filter").sendKeys("ssh");
        browser.await("filtered", d -> browser.findAll("#container-table tr[data-id]").stream()
            .map(r -> r.getDomAttribute("data-id")).collect(Collectors.toList())
            .equals(List.of("/", SyntheticData.SSHD)));
        browser.find("#filter").clear();
        browser.resize(420, 900);
        try {
            browser.open(url("?view=docker"));
            browser.await("narrow list", d -> !browser.findAll("#container-table[data-count='2']").isEmpty());
            assertThat((Number) browser.script("return document.documentElement.scrollWidth")).as("no sideways page scroll")
                .isEqualTo(420L);
            browser.screenshot("containers-narrow");
        } finally {
            browser.resize(1400, 1000);
        }
    }

    @Test
    @Order(2)
    void containerPageDrawsEveryChartAndTheRangePickerChangesTheStep() {
        browser.open(url("container?id=" + enc(SyntheticData.WEB) + "&range=1h"));
        browser.awaitCharts(6);
        assertThat(browser.find("h1").getText()).isEqualTo("web");

        // 1 h at a 10 s step: 361 grid points, the first few without a rate window's worth of data
        Map<String, String> cpu = chartAttrs("cpu");
        assertThat(cpu.get("state")).isEqualTo("ready");
        assertThat(num(cpu, "series")).isEqualTo(4); // total, cpu00, cpu01, quota
        assertThat(cpu.get("step")).isEqualTo("10");
        assertThat(num(cpu, "points")).isBetween(340, 361);
        assertThat(num(cpu, "markers")).as("the OOM kill 30 minutes ago").isEqualTo(1);
        assertThat(num(chartAttrs("memory"), "series")).isEqualTo(3); // usage, working set, limit
        assertThat(num(chartAttrs("network"), "series")).isEqualTo(2); // eth0 rx, tx
        assertThat(num(chartAttrs("throttling"), "series")).isEqualTo(1);
        assertThat(num(chartAttrs("processes"), "series")).isEqualTo(2);
        assertThat(chartAttrs("disk").get("state")).isEqualTo("empty"); // web does no disk I/O
        assertThat(browser.find(".chart[data-chart='cpu'] .u-legend").getText()).contains("total", "cpu00", "cpu01", "quota", "0.50");
        assertThat(browser.find("#spec").getText()).contains("0.50 cores", "512 MiB", "nginx:1.27");
        assertThat(browser.findAll("#events tr[data-type='oomKill']")).hasSize(1);
        browser.screenshot("container");

        // 5 minutes: a 1 s step, a new start, about 300 points
        browser.find("button[data-range='5m']").click();
        browser.await("5m range", d -> "1".equals(browser.find(".chart[data-chart='cpu']").getDomAttribute("data-step")));
        browser.awaitCharts(6);
        Map<String, String> five = chartAttrs("cpu");
        assertThat(five.get("range")).isEqualTo("5m");
        assertThat(Long.parseLong(five.get("start"))).isGreaterThan(Long.parseLong(cpu.get("start")) + 3000);
        assertThat(num(five, "points")).isBetween(250, 301);
        assertThat(browser.driver().getCurrentUrl()).contains("range=5m");

        // live: a short range fetches again by itself, with a later end
        assertThat(browser.find("#live-toggle").isSelected()).isTrue();
        long end = Long.parseLong(five.get("end"));
        browser.await("a live refresh", d -> Long.parseLong(attr(browser.find(".chart[data-chart='cpu']"), "data-end")) > end);

        // 3 hours: a 20 s step (541 grid points); only the last 2 h (and the test's minutes) hold data
        browser.find("button[data-range='3h']").click();
        browser.await("3h range", d -> "20".equals(browser.find(".chart[data-chart='cpu']").getDomAttribute("data-step")));
        browser.awaitCharts(6);
        assertThat(num(chartAttrs("cpu"), "points")).isBetween(340, 390);
        assertThat(browser.find("#live-toggle").isEnabled()).as("no live refresh beyond 1h").isFalse();

        // the dark theme
        browser.find("#theme-toggle").click();
        browser.awaitCharts(6);
        assertThat(browser.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
        browser.screenshot("container-dark");
        browser.find("#theme-toggle").click();
    }

    @Test
    @Order(3)
    void machinePageShowsTheHardwareAndOverallUsage() {
        browser.open(url("machine"));
        browser.awaitCharts(4);
        String facts = browser.await("machine facts", d -> {
            String t = browser.find("#machine-facts").getText();
            return t.contains("Logical cores") ? t : null;
        });
        assertThat(facts).contains("8.0 GiB", "sda", "mq-deadline", "eth0", "02:42:ac:11:00:02", "/dev/sda1");
        assertThat(num(chartAttrs("cpu"), "series")).isEqualTo(1);
        assertThat(num(chartAttrs("disk"), "series")).isEqualTo(2); // 8:0 read, write
        assertThat(num(chartAttrs("memory"), "points")).isBetween(340, 361);
        browser.screenshot("machine");
    }

    @Test
    @Order(4)
    void rootAndUnknownContainersLoadCleanly() {
        browser.open(url("container?id=" + enc("/")));
        browser.awaitCharts(6);
        assertThat(browser.find("h1").getText()).isEqualTo("/ (whole machine)");
        assertThat(num(chartAttrs("disk"), "series")).isEqualTo(2);
        browser.await("spec", d -> !browser.findAll("#spec").isEmpty());

        browser.open(url("container?id=" + enc("/docker/gone")));
        browser.awaitCharts(6);
        assertThat(browser.findAll(".chart[data-state='empty']")).hasSize(6);
        browser.await("spec", d -> browser.findAll("#spec").stream().anyMatch(e -> e.getText().contains("No spec")));
    }

    @Test
    @Order(5)
    void queryPageShowsATableAGraphAndAnErrorWithItsPosition() {
        browser.open(url("query"));
        WebElement input = browser.find("#query-input");
        input.sendKeys("sum by (name) (rate(container_cpu_usage_seconds_total{image!=\"\"}[1m]))");
        browser.find("#run-query").click();
        WebElement table = browser.await("result table", d -> {
            List<WebElement> t = browser.findAll("table#query-result");
            return t.isEmpty() ? null : t.get(0);
        });
        assertThat(table.getDomAttribute("data-result-type")).isEqualTo("vector");
        assertThat(table.getDomAttribute("data-count")).isEqualTo("2");
        assertThat(table.getText()).contains("{name=\"web\"}", "{name=\"db\"}");

        browser.find("button[data-tab='graph']").click();
        browser.await("graph", d -> "2".equals(attrOrNull(".chart#query-result", "data-series")));
        assertThat(Integer.parseInt(browser.find(".chart#query-result").getDomAttribute("data-points"))).isBetween(340, 361);
        browser.screenshot("query-graph");

        // a parse error: the message's line:column puts the caret under the bad character
        browser.find("button[data-tab='table']").click();
        input.clear();
        String bad = "sum(rate(container_cpu_usage_seconds_total[1m]) by";
        input.sendKeys(bad, Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement error = browser.await("error box", d -> {
            List<WebElement> e = browser.findAll("#query-error");
            return e.isEmpty() ? null : e.get(0);
        });
        String message = error.findElement(By.cssSelector(".message")).getText();
        Matcher m = Pattern.compile("(\\d+):(\\d+): parse error").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        assertThat(error.getDomAttribute("data-line")).isEqualTo(m.group(1));
        assertThat(error.getDomAttribute("data-column")).isEqualTo(m.group(2));
        String caretLine = error.findElement(By.cssSelector(".caret")).getText();
        assertThat(caretLine.indexOf('^') + 1).isEqualTo(Integer.parseInt(m.group(2)));
        browser.screenshot("query-error");
        // the failed request itself is the only console message
        List<String> console = browser.consoleProblems();
        assertThat(console).allMatch(s -> s.contains("400"), "only the 400 answer is logged");
    }

    /** "0.90" or "45m" (millicores) as cores. */
    static double cores(String text) {
        return text.endsWith("m") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 1000
            : Double.parseDouble(text);
    }

    String attrOrNull(String css, String name) {
        List<WebElement> e = browser.findAll(css);
        return e.isEmpty() ? null : e.get(0).getDomAttribute(name);
    }
}
