package dev.hindsight.server.http.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0, straight
 * to a stream. Call {@link #family} once per metric name, then {@link #sample} for each of its
 * series (all samples of a family together). Counter names end in {@code _total} in both
 * formats' samples; in OpenMetrics the family line drops the suffix, and a counter whose
 * name lacks it is declared {@code unknown}. A family name given a second time is ignored
 * with its samples (a repeated family would make the whole exposition unparseable).
 *
 * <p>Lines are encoded as UTF-8 into one reusable byte buffer, which goes to an
 * {@link OutputStream} when full (or, for a {@link Writer} target, after every line).
 * Sample lines whose {@code name{labels} } part was rendered once ({@link ExpositionLayout}) are
 * written by copying those bytes and formatting the value in place: no String per line.
 * Not thread-safe: one writer per response.
 */
public final class MetricsWriter {
    public static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final int BUFFER = 1 << 16;

    private final OutputStream stream;
    private final Writer writer;
    private final boolean openMetrics;
    /** Encoded output not yet handed to the target. */
    private byte[] buf;
    private int pos;
    /** The line being built by the String-based calls (family, sample, label). */
    private final StringBuilder line = new StringBuilder(256);
    /** Scratch for {@link Double#toString}'s digits without a String. */
    private final StringBuilder number = new StringBuilder(32);
    /** Whether the sample being built has opened its label braces. */
    private boolean labelOpen;
    /** Families written so far, and whether the current one is a repeat being skipped. */
    private final java.util.Set<String> families = new java.util.HashSet<>();
    private boolean skipping;

    /** A writer that hands each line to {@code out} as it is completed. */
    public MetricsWriter(Writer out, boolean openMetrics) {
        this.stream = null;
        this.writer = out;
        this.openMetrics = openMetrics;
        this.buf = new byte[1024];
    }

    /** A writer that buffers 64 KiB of encoded lines before each write to {@code out}. */
    public MetricsWriter(OutputStream out, boolean openMetrics) {
        this.stream = out;
        this.writer = null;
        this.openMetrics = openMetrics;
        this.buf = new byte[BUFFER];
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
            open = label(line, open, labelPairs[i], labelPairs[i + 1]);
        }
        if (open) {
            line.append('}');
        }
        line.append(' ');
        if (!skipping) {
            flushLine();
            endLine(value);
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
        labelOpen = label(line, labelOpen, name, value);
    }

    public void endSample(double value) {
        if (labelOpen) {
            line.append('}');
        }
        line.append(' ');
        if (!skipping) {
            flushLine();
            endLine(value);
        }
    }

    /** One sample whose {@code name{labels} } bytes were rendered before ({@link ExpositionLayout}). */
    void sample(byte[] prefix, double value) {
        if (skipping) {
            return;
        }
        if (pos + prefix.length <= buf.length) {
            System.arraycopy(prefix, 0, buf, pos, prefix.length);
            pos += prefix.length;
        } else {
            put(prefix);
        }
        endLine(value);
    }

    /** Ends the exposition ({@code # EOF} in OpenMetrics) and flushes. */
    public void finish() {
        if (openMetrics) {
            ascii("# EOF\n");
        }
        drain();
        try {
            if (stream != null) {
                stream.flush();
            } else {
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends {@code ,name="value"} (or with {@code {} when it is the first label) to {@code sb},
     * escaping backslash, double quote and newline; an empty value adds nothing. Returns whether
     * the braces are open.
     */
    static boolean label(StringBuilder sb, boolean open, String name, String value) {
        if (value == null || value.isEmpty()) {
            return open;
        }
        sb.append(open ? ',' : '{').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
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

    /** The value and the newline; for a Writer target, the line is then handed over. */
    private void endLine(double v) {
        ensure(32);
        if (Double.isNaN(v)) {
            ascii("NaN");
        } else if (v == Double.POSITIVE_INFINITY) {
            ascii("+Inf");
        } else if (v == Double.NEGATIVE_INFINITY) {
            ascii("-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            pos = AsciiNumbers.putLong(buf, pos, (long) v);
        } else {
            number.setLength(0);
            number.append(v); // Double.toString's digits, as before, without a String
            for (int i = 0; i < number.length(); i++) {
                buf[pos++] = (byte) number.charAt(i);
            }
        }
        buf[pos++] = '\n';
        if (writer != null) {
            drain();
        }
    }

    /** Moves the built {@link #line} into the buffer as UTF-8. */
    private void flushLine() {
        int n = line.length();
        if (n > buf.length / 2 || !isAscii(line)) {
            put(line.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) line.charAt(i);
            }
        }
        if (writer != null && n > 0 && line.charAt(n - 1) == '\n') {
            drain();
        }
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /**
     * Copies bytes in. A stream target takes them in buffer-sized pieces; a Writer target's
     * buffer grows instead, so that it is only ever decoded at whole lines.
     */
    private void put(byte[] b) {
        if (writer != null) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
            return;
        }
        int off = 0;
        while (off < b.length) {
            if (pos == buf.length) {
                drain();
            }
            int n = Math.min(b.length - off, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
        }
    }

    /** Makes room for {@code n} more bytes: drains a stream target, grows a Writer target's buffer. */
    private void ensure(int n) {
        if (pos + n <= buf.length) {
            return;
        }
        if (writer != null) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        } else {
            drain();
            if (n > buf.length) {
                throw new IllegalArgumentException("a line part of " + n + " bytes exceeds the buffer");
            }
        }
    }

    private void drain() {
        if (pos == 0) {
            return;
        }
        try {
            if (stream != null) {
                stream.write(buf, 0, pos);
            } else {
                writer.write(new String(buf, 0, pos, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }
}
