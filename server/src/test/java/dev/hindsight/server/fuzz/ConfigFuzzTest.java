package dev.hindsight.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random mutations of {@code hindsight.example.yaml} (lines deleted, duplicated, re-indented,
 * values replaced by odd scalars, bytes inserted, truncated): the loader either returns a
 * config or throws {@link ConfigException} whose every problem starts with
 * {@code file:line:} — never another exception. CI: 20,000 files; soak: 200,000.
 */
@Timeout(300)
class ConfigFuzzTest {
    private static final int FILES = Boolean.getBoolean("hindsight.soak") ? 200_000 : 20_000;
    private static final String SOURCE = "fuzz.yaml";
    private static final Pattern LOCATED = Pattern.compile("(?s)^" + Pattern.quote(SOURCE) + ":\\d+: .+");
    private static final String[] VALUES = {"", "~", "null", "[]", "{}", "[1, 2", "{a: 1}", "-1", "0", "1e999",
        "99999999999999999999", "NaN", "1.5s", "5m5m", "-5m", "1y1y", "0ms", "yes", "no", "true", "\"\"", "'",
        "\"unterminated", "!!binary AAAA", "&a 1", "*a", "*undefined", "| \n  x", ">", "@", "`", "%", "- a",
        "\u0000", "/dev/null\u0000x", "\uFFFF", "1GiB", "-1GiB", "1ZB", "0x10", "127.0.0.1:99999", ":", "::1:80"};

    @Test
    void everyMutationLoadsOrFailsWithFileAndLine() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("hindsight.example.yaml");
        List<String> lines = Files.readAllLines(example);
        Random random = new Random(1234);
        int loaded = 0;
        int refused = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < FILES && wrong.size() < 20; i++) {
            String text = mutate(new ArrayList<>(lines), random);
            try {
                ConfigLoader.parse(SOURCE, text);
                loaded++;
            } catch (ConfigException e) {
                refused++;
                for (String p : e.problems()) {
                    if (!LOCATED.matcher(p).matches()) {
                        wrong.add("problem without file:line: " + p + "\n--- in ---\n" + text);
                    }
                }
                if (e.problems().isEmpty()) {
                    wrong.add("ConfigException without problems\n--- in ---\n" + text);
                }
            } catch (RuntimeException | StackOverflowError e) {
                wrong.add(e + "\n--- in ---\n" + text);
            }
        }
        System.out.printf("CONFIG-FUZZ files=%d loaded=%d refused=%d wrong=%d%n", FILES, loaded, refused, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(loaded).isPositive();
        assertThat(refused).isPositive();
    }

    private static String mutate(List<String> lines, Random random) {
        int n = 1 + random.nextInt(4);
        for (int m = 0; m < n; m++) {
            int i = random.nextInt(lines.size());
            String line = lines.get(i);
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, " ".repeat(random.nextInt(6)) + line.stripLeading());
                case 3 -> {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        lines.set(i, line.substring(0, colon + 1) + " " + VALUES[random.nextInt(VALUES.length)]);
                    }
                }
                case 4 -> {
                    int at = random.nextInt(line.length() + 1);
                    char c = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000));
                    lines.set(i, line.substring(0, at) + c + line.substring(at));
                }
                case 5 -> lines.set(i, line.substring(0, random.nextInt(line.length() + 1)));
                case 6 -> lines.set(i, line.replace("#", ""));
                case 7 -> lines.add(i, "  " + Arrays.asList("raw", "keep", "rollups", "include_prefixes", "zzz")
                    .get(random.nextInt(5)) + ": " + VALUES[random.nextInt(VALUES.length)]);
                default -> {
                    int j = random.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        String text = String.join("\n", lines);
        return random.nextInt(20) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
    }
}
