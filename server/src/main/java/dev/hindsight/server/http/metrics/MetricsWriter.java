package dev.hindsight.server.http.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0, straight
 * to a stream. Call {@link #family} once per metric name, then {@link #sample} for each of its
 * series (all samples of a family together). Counter names end in {@code _total} in both
 * formats' samples; in OpenMetrics the family line drops the suffix, and a counter whose
 * name lacks it is declared {@code unknown}. A family name given a second time is ignored
 * with its samples (a repeated family would make the whole exposition unparseable).
 * Not thread-safe: one writer per response.
 */
public final class MetricsWriter {
    public static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final Writer out;
    private final boolean openMetrics;
    private final StringBuilder line = new StringBuilder(256);
    /** Whether the sample being built has opened its label braces. */
    private boolean labelOpen;
    /** Families written so far, and whether the current one is a repeat being skipped. */
    private final java.util.Set<String> families = new java.util.HashSet<>();
    private boolean skipping;

    public MetricsWriter(Writer out, boolean openMetrics) {
        this.out = out;
        this.openMetrics = openMetrics;
    }

    /** Whether the client asked for OpenMetrics in its Accept header. */
    public static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    /**
     * Starts a family.
     *
     * @param type {@code counter}, {@code gauge} or {@code untyped}
     */
    public void family(String name, String type, String help) {
        skipping = !families.add(name);
        if (skipping) {
            return;
        }
        line.setLength(0);
        String familyName = name;
        String t = type;
        if (openMetrics) {
            if ("counter".equals(type)) {
                if (name.endsWith("_total")) {
                    familyName = name.substring(0, name.length() - "_total".length());
                } else {
                    t = "unknown";
                }
            } else if ("untyped".equals(type)) {
                t = "unknown";
            }
        }
        line.append("# HELP ").append(familyName).append(' ');
        escapeHelp(help == null ? "" : help);
        line.append("\n# TYPE ").append(familyName).append(' ').append(t).append('\n');
        flushLine();
    }

    /** One sample with labels given as alternating names and values (empty values are skipped). */
    public void sample(String name, double value, String... labelPairs) {
        line.setLength(0);
        line.append(name);
        boolean open = false;
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            open = label(open, labelPairs[i], labelPairs[i + 1]);
        }
        if (open) {
            line.append('}');
        }
        line.append(' ');
        value(value);
        line.append('\n');
        if (!skipping) {
            flushLine();
        }
    }

    /** Starts a sample line for callers that add labels one by one; finish with {@link #endSample}. */
    public void beginSample(String name) {
        line.setLength(0);
        line.append(name);
        labelOpen = false;
    }

    /** Adds one label to the sample begun with {@link #beginSample}. */
    public void label(String name, String value) {
        labelOpen = label(labelOpen, name, value);
    }

    public void endSample(double value) {
        if (labelOpen) {
            line.append('}');
        }
        line.append(' ');
        value(value);
        line.append('\n');
        if (!skipping) {
            flushLine();
        }
    }

    /** Ends the exposition ({@code # EOF} in OpenMetrics) and flushes. */
    public void finish() {
        try {
            if (openMetrics) {
                out.write("# EOF\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean label(boolean open, String name, String value) {
        if (value == null || value.isEmpty()) {
            return open;
        }
        line.append(open ? ',' : '{').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '"' -> line.append("\\\"");
                case '\n' -> line.append("\\n");
                default -> line.append(c);
            }
        }
        line.append('"');
        return true;
    }

    private void escapeHelp(String help) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '"' -> line.append(openMetrics ? "\\\"" : "\"");
                default -> line.append(c);
            }
        }
    }

    private void value(double v) {
        if (Double.isNaN(v)) {
            line.append("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            line.append("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            line.append("-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            line.append((long) v);
        } else {
            line.append(v);
        }
    }

    private void flushLine() {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
