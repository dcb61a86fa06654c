package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalDigitsTest {
    @Test
    void writesWhatLongToStringWritesAtEveryLengthAndItsEdges() {
        byte[] out = new byte[32];
        long p = 1;
        for (int digits = 1; digits <= 19; digits++) {
            for (long n : new long[] {p, p - 1, p + 1, 2 * p, 9 * p + (p - 1)}) {
                if (n >= 0) {
                    check(n, out);
                }
            }
            if (digits < 19) {
                p *= 10;
            }
        }
        check(Long.MAX_VALUE, out);
        check(Integer.MAX_VALUE, out);
        check((long) Integer.MAX_VALUE + 1, out);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            check(random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63), out);
        }
    }

    private static void check(long n, byte[] out) {
        out[0] = 'x';
        int end = DecimalDigits.write(n, out, 1);
        assertThat(new String(out, 1, end - 1, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
        assertThat(DecimalDigits.length(n)).as("length of %d", n).isEqualTo(Long.toString(n).length());
        assertThat(out[0]).as("nothing written before the start").isEqualTo((byte) 'x');
    }
}
