package dev.hindsight.storage.rawblock;

/**
 * Values that are an integer times a decimal factor, as the series mapper makes them (plain
 * integers, {@code ns * 1e-9} for CPU seconds, {@code us * 1e-6}, {@code ms * 1e-3}): such
 * values are stored as the difference of their integers ({@link SeriesEncoder}).
 */
final class ScaledInts {
    /** Factor ids (2 bits in the stream) to the factor the integer is multiplied by. */
    static final double[] FACTORS = {1, 1e-9, 1e-6, 1e-3};
    /** The inverse of each factor, exact in binary. */
    private static final double[] INVERSES = {1, 1e9, 1e6, 1e3};
    /** Returned by {@link #toInteger} for a value that is not an integer times the factor. */
    static final long NONE = Long.MIN_VALUE;
    private static final double LIMIT = 0x1p53;

    private ScaledInts() {
    }

    /**
     * The integer {@code n} with {@code n * FACTORS[k]} bit-for-bit equal to {@code v},
     * |n| &lt;= 2^53, or {@link #NONE}.
     */
    static long toInteger(double v, int k) {
        double m = v * INVERSES[k];
        if (!(Math.abs(m) <= LIMIT)) {
            return NONE; // NaN, infinities, or too big to be exact
        }
        long n = Math.round(m);
        return Double.doubleToRawLongBits(fromInteger(n, k)) == Double.doubleToRawLongBits(v) ? n : NONE;
    }

    /** The integer the encoder found for {@code v} (decoder side: same arithmetic, no checks). */
    static long integerOf(double v, int k) {
        return Math.round(v * INVERSES[k]);
    }

    static double fromInteger(long n, int k) {
        return n * FACTORS[k];
    }
}
