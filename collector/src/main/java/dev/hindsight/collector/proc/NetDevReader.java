package dev.hindsight.collector.proc;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;

/**
 * Parses {@code /proc/<pid>/net/dev} into {@link NetDevStats} without allocating. Lines are
 * split at the first {@code ':'} (a long interface name has no leading space, e.g.
 * {@code veth-fx0:    7984}); the two header lines have no {@code ':'} and are skipped; the
 * loopback interface {@code lo} is skipped unless asked for. Owned by one thread.
 *
 * <p>The file holds one seq_file record per interface, so its {@link StatFile} must not be
 * single-record. A kept-open {@code net/dev} descriptor holds a reference to its network
 * namespace, which then outlives the container until the descriptor is closed: close it when
 * the container (or the pid read through) goes away.
 */
public final class NetDevReader {
    private static final byte[] LO = Ascii.bytes("lo");
    private static final int FIELDS = 16;

    private final StatFileReader reader;
    private final boolean includeLoopback;
    private final long[] fields = new long[FIELDS];

    /** A reader that skips {@code lo}, with its own buffer. */
    public NetDevReader() {
        this(new StatFileReader(), false);
    }

    /** A reader over {@code reader}'s buffer; {@code includeLoopback} keeps {@code lo}. */
    public NetDevReader(StatFileReader reader, boolean includeLoopback) {
        this.reader = reader;
        this.includeLoopback = includeLoopback;
    }

    /**
     * Reads one net/dev file into {@code out} (cleared first).
     *
     * @return the file's status; {@link ReadStatus#MALFORMED} when an interface line has fewer
     *         than 16 numbers (interfaces before it are kept)
     */
    public ReadStatus read(StatFile file, NetDevStats out) {
        out.clear();
        ReadStatus status = reader.load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        AsciiScanner s = reader.scanner();
        byte[] b = s.bytes();
        while (s.nextLine()) {
            int colon = Ascii.indexOf(b, s.lineStart(), s.lineEnd(), (byte) ':');
            if (colon < 0) {
                continue;
            }
            int nameStart = s.lineStart();
            while (nameStart < colon && Ascii.isSpace(b[nameStart])) {
                nameStart++;
            }
            if (nameStart == colon) {
                continue;
            }
            if (!includeLoopback && Ascii.equals(b, nameStart, colon, LO)) {
                continue;
            }
            s.seekInLine(colon + 1);
            int n = 0;
            while (n < FIELDS && s.nextToken()) {
                long v = s.tokenLong();
                if (v == Ascii.NOT_A_NUMBER) {
                    return reader.malformed();
                }
                fields[n++] = v;
            }
            if (n < FIELDS) {
                return reader.malformed();
            }
            int i = out.add(b, nameStart, colon);
            // receive: bytes packets errs drop fifo frame compressed multicast | transmit: bytes packets errs drop ...
            out.set(i, fields[0], fields[1], fields[2], fields[3], fields[8], fields[9], fields[10], fields[11]);
        }
        return ReadStatus.OK;
    }
}
