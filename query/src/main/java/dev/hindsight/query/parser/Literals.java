package dev.hindsight.query.parser;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of PromQL string, number and duration literals (Go's rules). Each method returns the
 * value or throws {@link LiteralException} with a message; the caller adds the position.
 */
final class Literals {

    /** A literal that could not be decoded; {@code offset} is relative to the literal's start. */
    static final class LiteralException extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        LiteralException(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final long[] UNIT_MS = {365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000,
        3_600_000, 60_000, 1_000, 1};
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

    private Literals() {
    }

    /** A double-, single- or back-quoted literal, quotes included, decoded. */
    static String unquote(String quoted) throws LiteralException {
        return decode(quoted, false);
    }

    /** Whether the literal's bytes are valid UTF-8 (a {@code \xff} escape can make them not). */
    static boolean isValidUtf8(String quoted) {
        try {
            decode(quoted, true);
            return true;
        } catch (LiteralException e) {
            return false;
        }
    }

    private static String decode(String quoted, boolean strictUtf8) throws LiteralException {
        char q = quoted.charAt(0);
        String body = quoted.substring(1, quoted.length() - 1);
        if (q == '`' || body.indexOf('\\') < 0) {
            return body;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            if (cp != '\\') {
                utf8(bytes, cp);
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new LiteralException("unterminated quoted string", 0);
            }
            char c = body.charAt(i + 1);
            int start = i + 1;
            i += 2;
            switch (c) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write(8);
                case 'f' -> bytes.write(12);
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(11);
                case '\\', '\'', '"' -> bytes.write(c);
                case 'x' -> {
                    bytes.write(hex(body, i, 2, start));
                    i += 2;
                }
                case 'u' -> {
                    utf8(bytes, hex(body, i, 4, start));
                    i += 4;
                }
                case 'U' -> {
                    int v = hex(body, i, 8, start);
                    if (v > Character.MAX_CODE_POINT) {
                        throw new LiteralException("escape sequence is invalid Unicode code point", 0);
                    }
                    utf8(bytes, v);
                    i += 8;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int v = 0;
                        for (int k = start; k < start + 3; k++) {
                            if (k >= body.length() || body.charAt(k) < '0' || body.charAt(k) > '7') {
                                throw illegal(body, k);
                            }
                            v = v * 8 + body.charAt(k) - '0';
                        }
                        if (v > 255) {
                            throw new LiteralException("octal escape value > 255: " + v, 0);
                        }
                        bytes.write(v);
                        i = start + 3;
                    } else {
                        throw new LiteralException(String.format("unknown escape sequence U+%04X '%c'", (int) c, c),
                                0);
                    }
                }
            }
        }
        if (!strictUtf8) {
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new LiteralException("invalid UTF-8", 0);
        }
    }

    private static int hex(String s, int from, int n, int errorAt) throws LiteralException {
        int v = 0;
        for (int k = from; k < from + n; k++) {
            int d = k < s.length() ? Character.digit(s.charAt(k), 16) : -1;
            if (d < 0) {
                throw illegal(s, k);
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Go's message for a bad character inside an escape: {@code illegal character U+002E '.' in escape sequence}. */
    private static LiteralException illegal(String body, int k) {
        if (k >= body.length()) {
            return new LiteralException("escape sequence not terminated", 0);
        }
        char c = body.charAt(k);
        return new LiteralException(String.format("illegal character U+%04X '%c' in escape sequence", (int) c, c), 0);
    }

    private static void utf8(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    /**
     * A NUMBER token as a double. Like Prometheus (Go's {@code ParseInt(s, 0, 64)} first), a
     * leading {@code 0x} means hex and a leading {@code 0} followed by octal digits means octal.
     */
    static double number(String text) {
        if (text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            return new BigInteger(text.substring(2), 16).doubleValue();
        }
        if (text.length() > 1 && text.charAt(0) == '0' && text.chars().allMatch(c -> c >= '0' && c <= '7')) {
            return new BigInteger(text.substring(1), 8).doubleValue();
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("error parsing number: strconv.ParseFloat: parsing \"" + text
                    + "\": value out of range");
        }
        return v;
    }

    /**
     * A Prometheus duration such as {@code 1h30m}, {@code 1y}, {@code 500ms}: units y w d h m s ms,
     * each at most once and in that order. {@code "0"} is zero.
     */
    static long duration(String text) throws LiteralException {
        if (text.equals("0")) {
            return 0;
        }
        long total = 0;
        int i = 0;
        int nextUnit = 0;
        boolean any = false;
        while (i < text.length()) {
            int numStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == numStart) {
                throw invalidDuration(text);
            }
            long n;
            try {
                n = Long.parseLong(text.substring(numStart, i));
            } catch (NumberFormatException e) {
                throw invalidDuration(text);
            }
            int unit = -1;
            for (int u = nextUnit; u < UNITS.length; u++) {
                if (text.startsWith(UNITS[u], i) && !(u == 4 && text.startsWith("ms", i))) {
                    unit = u;
                    break;
                }
            }
            if (unit < 0) {
                throw invalidDuration(text);
            }
            i += UNITS[unit].length();
            nextUnit = unit + 1;
            try {
                total = Math.addExact(total, Math.multiplyExact(n, UNIT_MS[unit]));
            } catch (ArithmeticException e) {
                throw new LiteralException("duration out of range: \"" + text + "\"", 0);
            }
            any = true;
        }
        if (!any) {
            throw invalidDuration(text);
        }
        return total;
    }

    private static LiteralException invalidDuration(String text) {
        return new LiteralException("not a valid duration string: \"" + text + "\"", 0);
    }
}
