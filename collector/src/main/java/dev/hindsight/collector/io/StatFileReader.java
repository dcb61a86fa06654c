package dev.hindsight.collector.io;

/**
 * Reads {@link StatFile}s into one reusable {@link StatBuffer} and parses the common shapes of
 * kernel interface files from bytes: a single number, {@code key value} lines, PSI lines
 * ({@code some avg10=0.00 avg60=0.00 avg300=0.00 total=123}) and space-separated arrays.
 * Every outcome is counted in {@link #errors()}.
 *
 * <p>Each {@code read*} method returns the file's {@link ReadStatus}; parsed values are then
 * available from accessors ({@link #value()}, {@link #foundMask()}, {@link #psiSome()}...)
 * until the next read. A {@code null} file (controller not mounted) is {@link ReadStatus#MISSING}
 * and not counted.
 *
 * <p>Owned by one thread; allocation-free after warm-up (the buffer only grows).
 */
public final class StatFileReader {
    /** Bit of {@link #foundMask()} after {@link #readPsi}: the {@code some} total was found. */
    public static final long PSI_SOME = 1L;
    /** Bit of {@link #foundMask()} after {@link #readPsi}: the {@code full} total was found. */
    public static final long PSI_FULL = 2L;

    private static final byte[] SOME = Ascii.bytes("some");
    private static final byte[] FULL = Ascii.bytes("full");
    private static final byte[] TOTAL_EQ = Ascii.bytes("total=");

    private final StatBuffer buffer;
    private final AsciiScanner scanner = new AsciiScanner();
    private final ReadErrors errors;
    private long value;
    private long foundMask;
    private long psiSome;
    private long psiFull;
    private int count;

    /** A reader with its own 64 KiB buffer and error counters. */
    public StatFileReader() {
        this(new StatBuffer(), new ReadErrors());
    }

    /** A reader over a given buffer, counting into {@code errors}. */
    public StatFileReader(StatBuffer buffer, ReadErrors errors) {
        this.buffer = buffer;
        this.errors = errors;
    }

    /** Outcome counters of every read through this reader. */
    public ReadErrors errors() {
        return errors;
    }

    /** The buffer holding the last file read. */
    public StatBuffer buffer() {
        return buffer;
    }

    /** Reads a file and, when OK, points {@link #scanner()} at its content. */
    public ReadStatus load(StatFile file) {
        if (file == null) {
            buffer.clear();
            scanner.wrap(buffer);
            return ReadStatus.MISSING;
        }
        ReadStatus status = file.read(buffer);
        scanner.wrap(buffer);
        errors.record(status);
        return status;
    }

    /** A scanner over the last file loaded. */
    public AsciiScanner scanner() {
        return scanner;
    }

    /** Counts a parse failure of the file just loaded. */
    public ReadStatus malformed() {
        errors.record(ReadStatus.MALFORMED);
        return ReadStatus.MALFORMED;
    }

    /**
     * Reads a file holding one number (the first token); {@code max} gives {@code maxValue}.
     * The number is in {@link #value()}.
     */
    public ReadStatus readSingle(StatFile file, long maxValue) {
        ReadStatus status = load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        if (!scanner.nextLine() || !scanner.nextToken()) {
            return malformed();
        }
        value = scanner.tokenLongOrMax(maxValue);
        return value == Ascii.NOT_A_NUMBER ? malformed() : ReadStatus.OK;
    }

    /**
     * Reads {@code key value} lines; for each line whose first token is {@code keys[k]} and whose
     * second token is a number, stores it in {@code out[k]} and sets bit {@code k} of
     * {@link #foundMask()}. Unknown keys are ignored (fields come and go across kernels).
     * At most 64 keys.
     */
    public ReadStatus readKeyValues(StatFile file, byte[][] keys, long[] out) {
        foundMask = 0;
        ReadStatus status = load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        foundMask = parseKeyValues(scanner, keys, out);
        return ReadStatus.OK;
    }

    /** The key/value loop of {@link #readKeyValues} over an already wrapped scanner. */
    public static long parseKeyValues(AsciiScanner s, byte[][] keys, long[] out) {
        long found = 0;
        while (s.nextLine()) {
            if (!s.nextToken()) {
                continue;
            }
            int k = s.tokenIndexIn(keys);
            if (k < 0 || !s.nextToken()) {
                continue;
            }
            long v = s.tokenLong();
            if (v != Ascii.NOT_A_NUMBER) {
                out[k] = v;
                found |= 1L << k;
            }
        }
        return found;
    }

    /**
     * Reads a PSI file: the {@code total=} of the {@code some} and {@code full} lines, in
     * microseconds, into {@link #psiSome()} / {@link #psiFull()}, with {@link #PSI_SOME} /
     * {@link #PSI_FULL} in {@link #foundMask()} ({@code full} is missing on older kernels' cpu).
     */
    public ReadStatus readPsi(StatFile file) {
        foundMask = 0;
        ReadStatus status = load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        AsciiScanner s = scanner;
        while (s.nextLine()) {
            if (!s.nextToken()) {
                continue;
            }
            long bit = s.tokenIs(SOME) ? PSI_SOME : s.tokenIs(FULL) ? PSI_FULL : 0;
            if (bit == 0) {
                continue;
            }
            while (s.nextToken()) {
                if (s.tokenStartsWith(TOTAL_EQ)) {
                    long v = s.tokenValueAfterEquals();
                    if (v != Ascii.NOT_A_NUMBER) {
                        if (bit == PSI_SOME) {
                            psiSome = v;
                        } else {
                            psiFull = v;
                        }
                        foundMask |= bit;
                    }
                    break;
                }
            }
        }
        return foundMask == 0 && buffer.length() > 0 ? malformed() : ReadStatus.OK;
    }

    /**
     * Reads whitespace-separated numbers (e.g. {@code cpuacct.usage_percpu}) into {@code out}.
     * {@link #count()} is the number of values in the file, which may exceed {@code out.length}:
     * then only the first {@code out.length} are stored and the caller grows and reads again.
     */
    public ReadStatus readLongs(StatFile file, long[] out) {
        count = 0;
        ReadStatus status = load(file);
        if (status != ReadStatus.OK) {
            return status;
        }
        return parseLongs(out) ? ReadStatus.OK : malformed();
    }

    /** Parses the loaded buffer as in {@link #readLongs}; false on a token that is not a number. */
    public boolean parseLongs(long[] out) {
        count = 0;
        scanner.wrap(buffer);
        while (scanner.nextLine()) {
            while (scanner.nextToken()) {
                long v = scanner.tokenLong();
                if (v == Ascii.NOT_A_NUMBER) {
                    return false;
                }
                if (count < out.length) {
                    out[count] = v;
                }
                count++;
            }
        }
        return true;
    }

    /** The number parsed by {@link #readSingle}. */
    public long value() {
        return value;
    }

    /** Keys or PSI lines found by the last {@link #readKeyValues} / {@link #readPsi}. */
    public long foundMask() {
        return foundMask;
    }

    /** {@code some total=} of the last {@link #readPsi}, in microseconds. */
    public long psiSome() {
        return psiSome;
    }

    /** {@code full total=} of the last {@link #readPsi}, in microseconds. */
    public long psiFull() {
        return psiFull;
    }

    /** Values counted by the last {@link #readLongs}. */
    public int count() {
        return count;
    }
}
