package dev.hindsight.server.cli;

import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.query.repl.BackendException;
import dev.hindsight.query.repl.LocalBackend;
import dev.hindsight.query.repl.OutputFormat;
import dev.hindsight.query.repl.QueryRunner;
import dev.hindsight.query.repl.Repl;
import dev.hindsight.query.repl.ReplBackend;
import dev.hindsight.query.repl.ReplSettings;
import dev.hindsight.query.repl.TimeArgs;
import dev.hindsight.server.http.ServerConfig;
import dev.hindsight.server.repl.HttpBackend;
import dev.hindsight.storage.config.HindsightConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hindsight query}: the PromQL prompt, or one query with {@code -e} for scripts. Talks to
 * a running server ({@code --url}, default the configured listen address) or, when none
 * answers, reads the data directory itself. Exit codes: 0 answered, 1 the query failed (the
 * message and a caret go to stderr), 2 bad options or no server and no data.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Ask PromQL questions: an interactive prompt, or one query with -e.")
final class QueryCommand implements Callable<Integer> {
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(3);
    /** Width of tables and charts printed by {@code -e} (no terminal to ask). */
    private static final int SCRIPT_WIDTH = 120;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--url", paramLabel = "URL",
            description = "A running server, e.g. http://127.0.0.1:8080 (default: the configured listen address, "
                + "falling back to reading the data directory when nothing answers).")
    URI url;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Basic-auth user for --url.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the basic-auth password (default: $HINDSIGHT_PASSWORD, else ask).")
    Path passwordFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Read this data directory directly (no server).")
    Path data;

    @Option(names = {"-e", "--expr"}, paramLabel = "EXPR", description = "Run this one query, print it, and exit.")
    String expr;

    @Option(names = "--time", paramLabel = "TIME", description = "Instant query time (RFC 3339, Unix seconds, -5m; default now).")
    String time;

    @Option(names = "--start", paramLabel = "TIME", description = "Range query start (default: end - 1h).")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "Range query end (default now).")
    String end;

    @Option(names = "--step", paramLabel = "DURATION", description = "Range query step (default: about 240 points).")
    String step;

    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table",
            description = "Output: table (tables and charts), json (Prometheus's data object) or csv; "
                + "for -e, and the prompt's initial :format.")
    String format;

    @Option(names = "--history", paramLabel = "FILE", hidden = true, description = "History file (default ~/.hindsight_history).")
    Path history;

    /** The wall clock; tests replace it. */
    LongSupplier clockMs = System::currentTimeMillis;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OutputFormat fmt = OutputFormat.parse(format).orElse(null);
        if (fmt == null) {
            err.println("hindsight: --format " + format + ": expected table, json or csv");
            return 2;
        }
        ReplBackend backend;
        try {
            backend = openBackend(err);
        } catch (BackendException e) {
            err.println("hindsight: " + e.getMessage());
            return 2;
        }
        try (backend) {
            return expr != null ? once(backend, fmt) : interactive(backend, fmt);
        }
    }

    private int once(ReplBackend backend, OutputFormat fmt) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long now = clockMs.getAsLong();
        QueryRunner.Request req;
        try {
            req = request(now);
        } catch (IllegalArgumentException e) {
            err.println("hindsight: " + e.getMessage());
            return 2;
        }
        QueryRunner.Outcome o = QueryRunner.run(backend, req, fmt, SCRIPT_WIDTH, ZoneId.systemDefault());
        PrintWriter to = o.ok() ? out : err;
        o.lines().forEach(to::println);
        to.flush();
        return o.ok() ? 0 : 1;
    }

    private QueryRunner.Request request(long now) {
        if (start == null && end == null && step == null) {
            return QueryRunner.Request.instant(expr, time == null ? now : time("--time", time, now));
        }
        long e = end == null ? now : time("--end", end, now);
        long s = start == null ? e - 3_600_000L : time("--start", start, now);
        if (e < s) {
            throw new IllegalArgumentException("--end is before --start");
        }
        long st;
        if (step == null) {
            st = TimeArgs.autoStep(e - s);
        } else {
            OptionalLong d = TimeArgs.duration(step);
            if (d.isEmpty() || d.getAsLong() <= 0) {
                throw new IllegalArgumentException("--step " + step + ": not a positive duration (e.g. 15s, 1m)");
            }
            st = d.getAsLong();
        }
        return QueryRunner.Request.range(expr, s, e, st);
    }

    private static long time(String option, String text, long now) {
        OptionalLong t = TimeArgs.time(text, now);
        if (t.isEmpty()) {
            throw new IllegalArgumentException(option + " " + text + ": not a time (RFC 3339, Unix seconds, now, -1h)");
        }
        return t.getAsLong();
    }

    private int interactive(ReplBackend backend, OutputFormat fmt) {
        Path hist = history != null ? history : Path.of(System.getProperty("user.home"), ".hindsight_history");
        try (Terminal terminal = TerminalBuilder.builder().name("hindsight").system(true).build()) {
            new Repl(terminal, backend, hist, clockMs, ZoneId.systemDefault(), ReplSettings.DEFAULT.withFormat(fmt)).run();
        } catch (IOException e) {
            spec.commandLine().getErr().println("hindsight: no terminal: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** --url; else --data or --config; else the configured server, else its data directory. */
    private ReplBackend openBackend(PrintWriter err) {
        if (url != null) {
            return http(url);
        }
        HindsightConfig cfg = config.load();
        if (data != null || config.file != null) {
            return local(data != null ? cfg.withDataDir(data) : cfg);
        }
        URI guess = defaultUrl(cfg);
        try {
            return http(guess);
        } catch (BackendException e) {
            if (!(e.getCause() instanceof ConnectException)) {
                throw e;
            }
            err.println("hindsight: no server at " + guess + "; reading " + cfg.dataDir() + " directly");
            err.flush();
            return local(cfg);
        }
    }

    private HttpBackend http(URI u) {
        String password = null;
        if (user != null) {
            password = password();
        }
        HttpBackend b = new HttpBackend(u, user, password, QUERY_TIMEOUT);
        b.probe();
        return b;
    }

    private String password() {
        if (passwordFile != null) {
            try {
                String s = Files.readString(passwordFile);
                int nl = s.indexOf('\n');
                return (nl < 0 ? s : s.substring(0, nl)).stripTrailing();
            } catch (IOException e) {
                throw new BackendException("--password-file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        String env = System.getenv("HINDSIGHT_PASSWORD");
        if (env != null) {
            return env;
        }
        if (System.console() != null) {
            char[] p = System.console().readPassword("password for %s: ", user);
            return p == null ? "" : new String(p);
        }
        throw new BackendException("--user " + user + " needs --password-file or $HINDSIGHT_PASSWORD");
    }

    private static LocalBackend local(HindsightConfig cfg) {
        return LocalBackend.open(cfg, EngineLimits.DEFAULT);
    }

    private static URI defaultUrl(HindsightConfig cfg) {
        ServerConfig sc = ServerConfig.from(cfg);
        String host = sc.host().equals("0.0.0.0") || sc.host().isEmpty() ? "127.0.0.1" : sc.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create((sc.tls() != null ? "https" : "http") + "://" + host + ":" + sc.port());
    }
}
