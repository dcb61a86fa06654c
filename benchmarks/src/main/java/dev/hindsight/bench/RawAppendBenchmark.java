package dev.hindsight.bench;

import dev.hindsight.storage.raw.AppendResult;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending a container sample through {@link RawLogWriter} against a bare Chronicle append
 * of the same number of bytes, in the same run. Target: the writer reaches at least 80 % of
 * the bare rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RawAppendBenchmark {
    private Path dir;
    private RawLog log;
    private RawLogWriter writer;
    private SingleChronicleQueue bareQueue;
    private ExcerptAppender bare;
    private static final ContainerField[] FIELDS = ContainerField.values();
    private final byte[] payload = new byte[344];
    private long now = 1_700_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("hindsight-append");
        log = RawLog.open(dir.resolve("hindsight"));
        writer = log.writer();
        bareQueue = SingleChronicleQueueBuilder.binary(dir.resolve("bare").toFile()).build();
        bare = bareQueue.createAppender();
    }

    @Benchmark
    public AppendResult hindsightContainerSample() {
        ContainerSampleFlyweight s = writer.containerSample(7, now++);
        for (ContainerField f : FIELDS) {
            s.set(f, now);
        }
        return writer.commitContainerSample();
    }

    @Benchmark
    public void bareChronicleAppend() {
        try (DocumentContext dc = bare.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.write(payload, 0, payload.length);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        bareQueue.close();
        Fixtures.deleteTree(dir);
    }
}
