package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;

/**
 * The two fields of {@code /proc/<pid>/stat} the collector uses: the state character (field 3)
 * and {@code num_threads} (field 20). The line is split at the LAST {@code ')'}, because the
 * command name in parentheses may itself hold spaces and parentheses. Reusable; one thread.
 */
public final class PidStat {
    /** Tokens between the state (field 3) and num_threads (field 20). */
    private static final int TOKENS_BETWEEN_STATE_AND_THREADS = 16;

    private final AsciiScanner scanner = new AsciiScanner();
    private byte state;
    private long threads;

    /**
     * Parses one stat line from {@code [from, to)}.
     *
     * @return false when the bytes are not a stat line
     */
    public boolean parse(byte[] b, int from, int to) {
        int close = Ascii.lastIndexOf(b, from, to, (byte) ')');
        if (close < 0) {
            return false;
        }
        scanner.wrap(b, close + 1, to);
        if (!scanner.nextLine() || !scanner.nextToken() || scanner.tokenEnd() - scanner.tokenStart() != 1) {
            return false;
        }
        byte st = b[scanner.tokenStart()];
        if (!scanner.skipTokens(TOKENS_BETWEEN_STATE_AND_THREADS) || !scanner.nextToken()) {
            return false;
        }
        long n = scanner.tokenLong();
        if (n < 0) {
            return false;
        }
        state = st;
        threads = n;
        return true;
    }

    /** The state character: R, S, D, T, t, Z, X, I, ... */
    public char state() {
        return (char) state;
    }

    /** {@code num_threads}. */
    public long threads() {
        return threads;
    }
}
