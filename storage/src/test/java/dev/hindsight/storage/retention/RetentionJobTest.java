package dev.hindsight.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.RetentionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RetentionJobTest {
    static final long T0 = 1_700_000_400_000L; // a multiple of 10 minutes

    @Test
    void deletesPlannedCyclesAndTailersStartAtTheFirstRemaining(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir.toFile())
            .rollCycle(RollCycles.TEN_MINUTELY).timeProvider(clock).build();
             ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 60; i++) { // one record a minute for an hour: 6 cycles
                clock.currentTimeMillis(T0 + 60_000L * i);
                try (DocumentContext dc = a.writingDocument()) {
                    dc.wire().bytes().writeLong(clock.currentTimeMillis());
                }
            }
            List<String> problems = new ArrayList<>();
            List<SegmentInfo> segments = SegmentScanner.scan(dir, 0, RollCycles.TEN_MINUTELY, problems);
            assertThat(problems).isEmpty();
            assertThat(segments).hasSize(6);
            assertThat(segments).extracting(SegmentInfo::startMs).contains(T0, T0 + 3_000_000);

            long newest = T0 + 59 * 60_000L;
            RetentionConfig keep25m = new RetentionConfig(25 * 60_000L, 60_000L, List.of(), OptionalLong.empty());
            List<SegmentInfo> plan = RetentionPlanner.plan(segments, keep25m, newest);
            assertThat(plan).extracting(SegmentInfo::startMs).containsExactlyInAnyOrder(T0, T0 + 600_000, T0 + 1_200_000);

            RetentionJob.Result r = RetentionJob.run(plan, Map.of(0L, q));
            assertThat(r.failures()).isEmpty();
            assertThat(r.deleted()).hasSize(3);
            assertThat(r.bytesFreed()).isPositive();
            assertThat(SegmentScanner.scan(dir, 0, RollCycles.TEN_MINUTELY, problems)).hasSize(3);

            try (ExcerptTailer t = q.createTailer()) {
                try (DocumentContext dc = t.readingDocument()) {
                    assertThat(dc.isPresent()).isTrue();
                    assertThat(dc.wire().bytes().readLong()).isEqualTo(T0 + 30 * 60_000L);
                }
            }
            // the appender goes on in the current cycle
            clock.currentTimeMillis(T0 + 3_600_000L);
            try (DocumentContext dc = a.writingDocument()) {
                dc.wire().bytes().writeLong(1);
            }
        }
    }

    @Test
    void strayFilesAreReportedAndLeftAlone(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("notes.cq4"), "x");
        List<String> problems = new ArrayList<>();
        assertThat(SegmentScanner.scan(dir, 0, RollCycles.FAST_DAILY, problems)).isEmpty();
        assertThat(problems).containsExactly(dir.resolve("notes.cq4") + ": not a roll-cycle file name for "
            + RollCycles.FAST_DAILY.format() + "; left alone");
    }

    @Test
    void blockAndDamagedFilesAreSegmentsOfTheirCycle(@TempDir Path dir) throws Exception {
        for (String name : List.of("20231114-22F.cq4", "20231114-22F.hrb", "20231114-21F.hrb.damaged",
            "20231114-20F.cq4.damaged", "20231114-22F.hrb.tmp")) {
            java.nio.file.Files.writeString(dir.resolve(name), "x");
        }
        List<String> problems = new ArrayList<>();
        List<SegmentInfo> found = SegmentScanner.scan(dir, 60_000, RollCycles.FAST_HOURLY, problems);
        assertThat(problems).isEmpty();
        long h22 = java.time.Instant.parse("2023-11-14T22:00:00Z").toEpochMilli();
        assertThat(found).extracting(sg -> sg.path().getFileName().toString() + "@" + (sg.startMs() - h22) / 3_600_000L)
            .containsExactlyInAnyOrder("20231114-22F.cq4@0", "20231114-22F.hrb@0", "20231114-21F.hrb.damaged@-1",
                "20231114-20F.cq4.damaged@-2");
    }
}
