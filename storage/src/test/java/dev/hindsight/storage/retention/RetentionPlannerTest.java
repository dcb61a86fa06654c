package dev.hindsight.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionPlannerTest {
    static final long H = 3_600_000L;
    static final long D = 24 * H;

    /** Daily files: tier:day (day 0..n), each 100 bytes. */
    static SegmentInfo seg(String name) {
        String[] p = name.split(":");
        long res = switch (p[0]) { case "raw" -> 0; case "10s" -> 10_000; case "1m" -> 60_000; default -> 300_000; };
        long day = Long.parseLong(p[1]);
        return new SegmentInfo(Path.of(name), res, day * D, (day + 1) * D, 100);
    }

    static List<SegmentInfo> segs(String... names) {
        List<SegmentInfo> out = new ArrayList<>();
        for (String n : names) {
            out.add(seg(n));
        }
        return out;
    }

    static RetentionConfig config(long rawDays, long tenSecDays, long minuteDays, Long cap) {
        return new RetentionConfig(rawDays * D, H, List.of(new RollupLevel(10_000, tenSecDays * D),
            new RollupLevel(60_000, minuteDays * D)), cap == null ? OptionalLong.empty() : OptionalLong.of(cap));
    }

    static Stream<Arguments> cases() {
        List<SegmentInfo> week = segs("raw:0", "raw:1", "raw:2", "raw:3", "raw:4", "raw:5", "raw:6",
            "10s:0", "10s:1", "10s:2", "10s:3", "10s:4", "10s:5", "10s:6", "1m:0", "1m:6");
        long endOfDay6 = 7 * D - 1;
        return Stream.of(
            Arguments.of("nothing is old enough", week, config(7, 14, 90, null), endOfDay6, List.of()),
            Arguments.of("raw older than 2 days goes; day 4 ends exactly at the cutoff", week, config(2, 14, 90, null),
                7 * D - 1 + 1, List.of("raw:0", "raw:1", "raw:2", "raw:3", "raw:4")),
            Arguments.of("a file straddling the cutoff stays", week, config(2, 14, 90, null), 7 * D - 1,
                List.of("raw:0", "raw:1", "raw:2", "raw:3")),
            Arguments.of("each tier by its own age", week, config(5, 3, 90, null), 7 * D,
                List.of("raw:0", "raw:1", "10s:0", "10s:1", "10s:2", "10s:3")),
            Arguments.of("the newest file of a tier is never deleted", segs("raw:0", "1m:0"), config(1, 1, 1, null),
                100 * D, List.of()),
            Arguments.of("ages come from the newest data, not a clock: old data stays when nothing new arrives",
                week, config(2, 14, 90, null), 0L, List.of()),
            Arguments.of("size cap deletes the oldest raw files first", week, config(7, 14, 90, 1300L), endOfDay6,
                List.of("raw:0", "raw:1", "raw:2")),
            Arguments.of("size cap moves on to the finest rollup once raw is down to its newest file",
                week, config(7, 14, 90, 800L), endOfDay6,
                List.of("raw:0", "raw:1", "raw:2", "raw:3", "raw:4", "raw:5", "10s:0", "10s:1")),
            Arguments.of("age deletions count towards the cap", week, config(3, 14, 90, 1300L), endOfDay6 + 1,
                List.of("raw:0", "raw:1", "raw:2", "raw:3")),
            Arguments.of("tiers the config does not name are left alone",
                segs("raw:0", "raw:1", "5m:0", "5m:1"), config(1, 1, 1, 0L), 10 * D, List.of("raw:0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String why, List<SegmentInfo> segments, RetentionConfig config, long newest, List<String> expected) {
        List<SegmentInfo> plan = RetentionPlanner.plan(segments, config, newest);
        assertThat(plan).extracting(s -> s.path().toString()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
