package dev.hindsight.collector.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsciiTest {
    private static long parse(String s) {
        byte[] b = Ascii.bytes(s);
        return Ascii.parseLong(b, 0, b.length);
    }

    @Test
    void parsesNumbersFromBytes() {
        assertThat(parse("0")).isZero();
        assertThat(parse("8312143998")).isEqualTo(8312143998L);
        assertThat(parse("-1")).isEqualTo(-1);
        assertThat(parse("9223372036854771712")).isEqualTo(9223372036854771712L);
    }

    @Test
    void rejectsWhatIsNotANumber() {
        assertThat(parse("")).isEqualTo(Ascii.NOT_A_NUMBER);
        assertThat(parse("-")).isEqualTo(Ascii.NOT_A_NUMBER);
        assertThat(parse("12a")).isEqualTo(Ascii.NOT_A_NUMBER);
        assertThat(parse("max")).isEqualTo(Ascii.NOT_A_NUMBER);
        assertThat(parse("0.00")).isEqualTo(Ascii.NOT_A_NUMBER);
    }

    @Test
    void saturatesUnsigned64BitValues() {
        assertThat(parse("18446744073709551615")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("9223372036854775808")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("18446744073709551615x")).isEqualTo(Ascii.NOT_A_NUMBER);
    }

    @Test
    void maxBecomesTheCallersValue() {
        byte[] b = Ascii.bytes("max");
        assertThat(Ascii.parseLongOrMax(b, 0, 3, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Ascii.parseLongOrMax(b, 0, 3, -7)).isEqualTo(-7);
        byte[] n = Ascii.bytes("64");
        assertThat(Ascii.parseLongOrMax(n, 0, 2, -7)).isEqualTo(64);
    }

    @Test
    void comparesBytes() {
        byte[] b = Ascii.bytes("total_rss 5");
        assertThat(Ascii.equals(b, 0, 9, Ascii.bytes("total_rss"))).isTrue();
        assertThat(Ascii.equals(b, 0, 9, Ascii.bytes("total_rsx"))).isFalse();
        assertThat(Ascii.startsWith(b, 0, 9, Ascii.bytes("total_"))).isTrue();
        assertThat(Ascii.lastIndexOf(b, 0, b.length, (byte) '_')).isEqualTo(5);
        assertThat(Ascii.string(b, 9, b.length)).isEqualTo("5");
    }
}
