package dev.hindsight.query.repl;

import java.util.List;
import java.util.OptionalLong;

/**
 * The prompt's {@code :commands}. Each returns what should happen as a value: new settings
 * with a message, help text, quitting, or a usage error.
 */
final class Commands {
    /** What a command asks for. */
    sealed interface Result {
    }

    record Quit() implements Result {
    }

    record Changed(ReplSettings settings, String message) implements Result {
    }

    record Help(List<String> lines) implements Result {
    }

    record Failed(String message) implements Result {
    }

    private Commands() {
    }

    static Result run(String line, ReplSettings s, long nowMs) {
        String[] w = line.strip().split("\\s+");
        String cmd = w[0];
        return switch (cmd) {
            case ":q", ":quit", ":exit" -> new Quit();
            case ":h", ":help", ":?" -> new Help(help(s));
            case ":instant", ":i" -> new Changed(s.withInstant(), "instant queries at " + when(s));
            case ":range", ":r" -> range(w, s);
            case ":format", ":f" -> format(w, s);
            case ":at" -> at(w, s, nowMs);
            default -> new Failed("unknown command " + cmd + " (try :help)");
        };
    }

    private static Result range(String[] w, ReplSettings s) {
        if (w.length > 3) {
            return new Failed("usage: :range [LENGTH [STEP]], e.g. :range 6h 1m");
        }
        long length = s.rangeMs();
        if (w.length >= 2) {
            OptionalLong l = TimeArgs.duration(w[1]);
            if (l.isEmpty() || l.getAsLong() <= 0) {
                return new Failed(":range " + w[1] + ": not a duration (e.g. 30m, 6h, 7d)");
            }
            length = l.getAsLong();
        }
        long step = w.length >= 2 ? TimeArgs.autoStep(length) : s.stepMs();
        if (w.length == 3) {
            OptionalLong st = TimeArgs.duration(w[2]);
            if (st.isEmpty() || st.getAsLong() <= 0) {
                return new Failed(":range step " + w[2] + ": not a duration (e.g. 15s, 1m)");
            }
            step = st.getAsLong();
        }
        if (length / step > 11_000) {
            return new Failed("range " + TimeArgs.showDuration(length) + " with step " + TimeArgs.showDuration(step)
                + " has more than 11,000 points; choose a larger step");
        }
        ReplSettings n = s.withRange(length, step);
        return new Changed(n, "range queries over the last " + TimeArgs.showDuration(length) + ", step "
            + TimeArgs.showDuration(step) + " (ending " + when(n) + ")");
    }

    private static Result format(String[] w, ReplSettings s) {
        if (w.length != 2) {
            return new Failed("usage: :format table|json|csv (now " + s.format().label() + ")");
        }
        return OutputFormat.parse(w[1])
            .<Result>map(f -> new Changed(s.withFormat(f), "output format " + f.label()))
            .orElseGet(() -> new Failed(":format " + w[1] + ": expected table, json or csv"));
    }

    private static Result at(String[] w, ReplSettings s, long nowMs) {
        if (w.length != 2) {
            return new Failed("usage: :at TIME|now, e.g. :at 2026-11-27T05:00:00Z, :at -2h, :at 1700000000");
        }
        if (w[1].equals("now")) {
            return new Changed(s.withAt(OptionalLong.empty()), "queries evaluate at the current time");
        }
        OptionalLong t = TimeArgs.time(w[1], nowMs);
        if (t.isEmpty()) {
            return new Failed(":at " + w[1] + ": not a time (RFC 3339, Unix seconds, now, or -1h)");
        }
        return new Changed(s.withAt(t), "queries evaluate at " + t.getAsLong() / 1000 + " ("
            + java.time.Instant.ofEpochMilli(t.getAsLong()) + ")");
    }

    private static String when(ReplSettings s) {
        return s.at().isPresent() ? java.time.Instant.ofEpochMilli(s.at().getAsLong()).toString() : "now";
    }

    static List<String> help(ReplSettings s) {
        return List.of(
            "Type a PromQL query and press Enter. A query continues on the next line while a bracket",
            "is open or the line ends with \\. Tab completes functions, metrics, label names and values.",
            "",
            "  :range [LEN [STEP]]   range mode: the last LEN (default 1h) every STEP, drawn as charts",
            "  :instant              instant mode: one value per series, as a table",
            "  :format table|json|csv  output format (table: tables and charts)",
            "  :at TIME|now          evaluate at a fixed time (RFC 3339, Unix seconds, -2h) or now",
            "  :help                 this text",
            "  :quit                 leave (or Ctrl-D)",
            "",
            "Now: " + (s.range() ? "range " + TimeArgs.showDuration(s.rangeMs()) + " step "
                + TimeArgs.showDuration(s.stepMs()) : "instant") + ", format " + s.format().label()
                + ", at " + when(s) + ".",
            "Examples:  topk(5, container_memory_working_set_bytes)",
            "           sum by (name) (rate(container_cpu_usage_seconds_total[5m]))");
    }
}
