package dev.hindsight.query.promqltest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed promqltest script: its load/clear/eval commands in file order. */
final class TestScript {
    sealed interface Command permits Load, Clear, Eval {
    }

    /** {@code load <interval>} (or {@code load_with_nhcb}) and its series lines. */
    record Load(int line, long intervalMs, boolean withNhcb, List<String> series) implements Command {
    }

    record Clear(int line) implements Command {
    }

    /**
     * One {@code eval}: instant ({@code step == 0}, at {@code start}) or range. {@code expected} are the
     * series lines; {@code failMsg}/{@code failRegex} are set when a failure is expected.
     */
    record Eval(int line, String query, boolean range, long start, long end, long step, boolean expectFail,
            String failMsg, String failRegex, boolean ordered, String expectString, long[] rangeVector,
            List<String> expected) implements Command {
    }

    private static final Pattern INSTANT = Pattern.compile("^eval(?:_(fail|warn|info|ordered))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE = Pattern.compile(
            "^eval(?:_(fail|warn|info|ordered))?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
    private static final Pattern LOAD = Pattern.compile("^(load|load_with_nhcb)\\s+(\\S+)$");
    private static final Pattern RANGE_VECTOR = Pattern.compile(
            "^expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");

    final String file;
    final List<Command> commands = new ArrayList<>();

    TestScript(String file, List<String> lines) {
        this.file = file;
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            Matcher m;
            if ((m = LOAD.matcher(line)).matches()) {
                List<String> series = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && isBodyLine(lines.get(j))) {
                    if (!lines.get(j).trim().startsWith("#")) {
                        series.add(lines.get(j).trim());
                    }
                    j++;
                }
                commands.add(new Load(i + 1, parseDuration(m.group(2)), m.group(1).equals("load_with_nhcb"), series));
                i = j;
            } else if (line.equals("clear")) {
                commands.add(new Clear(i + 1));
                i++;
            } else if (line.startsWith("eval")) {
                i = parseEval(lines, i);
            } else {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown command: " + line);
            }
        }
    }

    private static boolean isBodyLine(String l) {
        return !l.isEmpty() && Character.isWhitespace(l.charAt(0)) && !l.trim().isEmpty();
    }

    private int parseEval(List<String> lines, int i) {
        String line = lines.get(i).trim();
        Matcher mi = INSTANT.matcher(line);
        Matcher mr = RANGE.matcher(line);
        String legacy;
        boolean range;
        long start;
        long end;
        long step;
        String query;
        if (mi.matches()) {
            legacy = mi.group(1);
            range = false;
            start = parseDuration(mi.group(2));
            end = start;
            step = 0;
            query = mi.group(3);
        } else if (mr.matches()) {
            legacy = mr.group(1);
            range = true;
            start = parseDuration(mr.group(2));
            end = parseDuration(mr.group(3));
            step = parseDuration(mr.group(4));
            query = mr.group(5);
        } else {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": bad eval: " + line);
        }
        boolean fail = "fail".equals(legacy);
        boolean ordered = "ordered".equals(legacy);
        String failMsg = null;
        String failRegex = null;
        String expectString = null;
        long[] rangeVector = null;
        List<String> expected = new ArrayList<>();
        int j = i + 1;
        while (j < lines.size() && isBodyLine(lines.get(j))) {
            String l = lines.get(j).trim();
            j++;
            if (l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("expect ") || l.startsWith("expected_fail_")) {
                Matcher rv = RANGE_VECTOR.matcher(l);
                if (rv.matches()) {
                    rangeVector = new long[] {parseDuration(rv.group(1)), parseDuration(rv.group(2)),
                            parseDuration(rv.group(3))};
                } else if (l.startsWith("expect fail")) {
                    fail = true;
                    String rest = l.substring("expect fail".length()).trim();
                    if (rest.startsWith("msg:")) {
                        failMsg = rest.substring(4).trim();
                    } else if (rest.startsWith("regex:")) {
                        failRegex = rest.substring(6).trim();
                    }
                } else if (l.startsWith("expected_fail_message")) {
                    failMsg = l.substring("expected_fail_message".length()).trim();
                } else if (l.startsWith("expected_fail_regexp")) {
                    failRegex = l.substring("expected_fail_regexp".length()).trim();
                } else if (l.startsWith("expect ordered")) {
                    ordered = true;
                } else if (l.startsWith("expect string")) {
                    String rest = l.substring("expect string".length()).trim();
                    int[] e = new int[1];
                    expectString = SeriesDescription.unquote(rest, 0, e);
                }
                continue;
            }
            expected.add(l);
        }
        commands.add(new Eval(i + 1, query, range, start, end, step, fail, failMsg, failRegex, ordered,
                expectString, rangeVector, expected));
        return j;
    }

    /** Prometheus's model.ParseDuration, plus plain numbers as seconds. */
    static long parseDuration(String s) {
        if (s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Math.round(Double.parseDouble(s) * 1000);
        }
        Matcher m = Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)").matcher(s);
        long total = 0;
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new IllegalArgumentException("bad duration " + s);
            }
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                case "y" -> 365 * 86_400_000L;
                default -> throw new IllegalArgumentException(s);
            };
            pos = m.end();
        }
        if (pos != s.length()) {
            throw new IllegalArgumentException("bad duration " + s);
        }
        return total;
    }
}
