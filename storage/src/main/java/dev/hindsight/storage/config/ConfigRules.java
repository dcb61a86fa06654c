package dev.hindsight.storage.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation rules shared by the file loader (which adds file and line) and by
 * {@link HindsightConfig}'s constructor. A value of {@link #INVALID} means "already
 * reported as unparseable": rules involving it are skipped so one typo gives one message.
 */
final class ConfigRules {
    static final long INVALID = -1;

    /** One problem: the dotted field path and what is wrong with it. */
    record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private ConfigRules() {
    }

    static List<Problem> check(long intervalMs, String listen, RetentionConfig r) {
        List<Problem> out = new ArrayList<>();
        positive(out, "interval", intervalMs);
        if (listen != null && !validListen(listen)) {
            out.add(new Problem("listen", quote(listen) + " is not host:port"));
        }
        positive(out, "retention.raw", r.rawMs());
        positive(out, "retention.head_window", r.headWindowMs());
        if (r.rawMs() > 0 && r.headWindowMs() > r.rawMs()) {
            out.add(new Problem("retention.head_window", Durations.format(r.headWindowMs())
                + " must not exceed retention.raw " + Durations.format(r.rawMs())));
        }
        long previous = intervalMs > 0 ? intervalMs : INVALID;
        boolean previousIsInterval = true;
        for (int i = 0; i < r.rollups().size(); i++) {
            RollupLevel level = r.rollups().get(i);
            String path = "retention.rollups[" + i + "]";
            long res = level.resolutionMs();
            positive(out, path + ".resolution", res);
            positive(out, path + ".keep", level.keepMs());
            if (res > 0) {
                if (previous > 0 && !previousIsInterval && res <= previous) {
                    out.add(new Problem(path + ".resolution", Durations.format(res)
                        + " must be greater than the previous resolution " + Durations.format(previous)));
                } else if (previous > 0 && res % previous != 0) {
                    out.add(new Problem(path + ".resolution", Durations.format(res) + " is not a multiple of "
                        + (previousIsInterval ? "interval " : "the previous resolution ") + Durations.format(previous)));
                }
                if (level.keepMs() > 0 && level.keepMs() < res) {
                    out.add(new Problem(path + ".keep", Durations.format(level.keepMs())
                        + " must be at least the resolution " + Durations.format(res)));
                }
                previous = res;
                previousIsInterval = false;
            }
        }
        if (r.maxDiskBytes().isPresent() && r.maxDiskBytes().getAsLong() <= 0) {
            out.add(new Problem("retention.max_disk_bytes", "must be positive"));
        }
        return out;
    }

    private static void positive(List<Problem> out, String field, long value) {
        if (value != INVALID && value <= 0) {
            out.add(new Problem(field, Durations.format(value) + " must be positive"));
        }
    }

    static boolean validListen(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0 || colon == listen.length() - 1) {
            return false;
        }
        String port = listen.substring(colon + 1);
        if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        String host = listen.substring(0, colon);
        return Integer.parseInt(port) <= 65_535 && !host.contains(" ");
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
