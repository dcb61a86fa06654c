package dev.hindsight.storage.codec;

/**
 * Values that are an integer times a decimal scale, as the series mapper makes them
 * ({@code ns * 1e-9} for CPU seconds, {@code us * 1e-6}, plain integers): such a value is
 * stored as the difference of the integers, which is far shorter than the XOR of two
 * doubles whose low mantissa bits are all noise.
 */
public final class ScaledIntegers {
    /** Scale ids (2 bits in the stream) to the factor the integer is multiplied by. */
    public static final double[] FACTORS = {1, 1e-9, 1e-6, 1e-3};
    /** The inverse of each factor, exact in binary. */
    private static final double[] INVERSES = {1, 1e9, 1e6, 1e3};
    /** Returned by {@link #toInteger} for a value that is not an integer times the scale. */
    public static final long NONE = Long.MIN_VALUE;
    private static final double LIMIT = 0x1p53;

    private ScaledIntegers() {
    }

    /**
     * The integer {@code n} with {@code (double) n * FACTORS[k]} bit-for-bit equal to
     * {@code v}, |n| &lt;= 2^53, or {@link #NONE}.
     */
    public static long toInteger(double v, int k) {
        double m = v * INVERSES[k];
        if (!(Math.abs(m) <= LIMIT)) {
            return NONE; // NaN, infinities, or too big to be exact
        }
        long n = round(m);
        return Double.doubleToRawLongBits(fromInteger(n, k)) == Double.doubleToRawLongBits(v) ? n : NONE;
    }

    /**
     * The integer the writer found for {@code v} (the decoder's side: the same arithmetic
     * as {@link #toInteger}, without the checks the writer already made).
     */
    public static long integerOf(double v, int k) {
        return round(v * INVERSES[k]);
    }

    /**
     * {@link Math#round(double)} for |x| &lt;= 2^53 (floor of x + 1/2, exactly), from the
     * floor, which compiles to one instruction where Math.round does not on Java 17.
     */
    public static long round(double x) {
        double f = Math.floor(x);
        return (long) (x - f >= 0.5 ? f + 1 : f);
    }

    public static double fromInteger(long n, int k) {
        return n * FACTORS[k];
    }
}
