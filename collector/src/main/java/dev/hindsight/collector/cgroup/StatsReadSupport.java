package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.Ascii;
import dev.hindsight.collector.io.AsciiScanner;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.storage.record.ContainerField;

/**
 * What the v1 and v2 stats readers share: one {@link StatFileReader}, the tally of one
 * container read (files read, gone), and helpers that turn a file into fields.
 * Single-threaded.
 */
final class StatsReadSupport {
    final StatFileReader reader;
    private boolean gone;
    private int okReads;

    StatsReadSupport(StatFileReader reader) {
        this.reader = reader;
    }

    void begin() {
        gone = false;
        okReads = 0;
    }

    boolean gone() {
        return gone;
    }

    ReadResult result() {
        if (gone) {
            return ReadResult.GONE;
        }
        return okReads == 0 ? ReadResult.EMPTY : ReadResult.OK;
    }

    /** Tallies one file outcome; true when the file's content may be used. */
    boolean track(ReadStatus status) {
        if (status == ReadStatus.OK) {
            okReads++;
            return true;
        }
        if (status == ReadStatus.GONE) {
            gone = true;
        }
        return false;
    }

    /** A single-number file into {@code field}; {@code max} reads as {@link Long#MAX_VALUE}. */
    boolean single(StatFile file, ContainerStats out, ContainerField field) {
        if (gone) {
            return false;
        }
        if (track(reader.readSingle(file, Long.MAX_VALUE))) {
            out.set(field, reader.value());
            return true;
        }
        return false;
    }

    /** A PSI file's totals into two fields ({@code full} may be absent). */
    void psi(StatFile file, ContainerStats out, ContainerField some, ContainerField full) {
        if (gone || file == null) {
            return;
        }
        if (track(reader.readPsi(file))) {
            long mask = reader.foundMask();
            if ((mask & StatFileReader.PSI_SOME) != 0) {
                out.set(some, reader.psiSome());
            }
            if ((mask & StatFileReader.PSI_FULL) != 0) {
                out.set(full, reader.psiFull());
            }
        }
    }

    /** Key/value file; returns the found mask (0 when unread). */
    long keyValues(StatFile file, byte[][] keys, long[] values) {
        if (gone || file == null) {
            return 0;
        }
        return track(reader.readKeyValues(file, keys, values)) ? reader.foundMask() : 0;
    }

    /** Sets {@code field} from {@code values[k]} when bit {@code k} of {@code found} is set. */
    static void setIf(ContainerStats out, ContainerField field, long found, int k, long[] values, long scale) {
        if ((found & (1L << k)) != 0) {
            out.set(field, values[k] * scale);
        }
    }

    /** Parses a {@code major:minor} token; returns -1 for a token that is not one. */
    static long parseDevice(AsciiScanner s) {
        byte[] b = s.bytes();
        int colon = Ascii.indexOf(b, s.tokenStart(), s.tokenEnd(), (byte) ':');
        if (colon < 0) {
            return -1;
        }
        long major = Ascii.parseLong(b, s.tokenStart(), colon);
        long minor = Ascii.parseLong(b, colon + 1, s.tokenEnd());
        if (major < 0 || minor < 0 || major > Integer.MAX_VALUE || minor > Integer.MAX_VALUE) {
            return -1;
        }
        return major << 32 | minor;
    }

    /** Working set as cAdvisor computes it: usage minus inactive file, floored at 0. */
    static void workingSet(ContainerStats out) {
        if (!out.has(ContainerField.MEMORY_USAGE_BYTES)) {
            return;
        }
        long usage = out.get(ContainerField.MEMORY_USAGE_BYTES);
        long inactive = out.has(ContainerField.MEMORY_INACTIVE_FILE_BYTES)
                ? out.get(ContainerField.MEMORY_INACTIVE_FILE_BYTES) : 0;
        out.set(ContainerField.MEMORY_WORKING_SET_BYTES, Math.max(0, usage - inactive));
    }
}
