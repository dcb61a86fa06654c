package dev.hindsight.collector.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class StatFileReaderTest {
    @TempDir
    Path dir;

    private StatFile file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return new StatFile(p, true);
    }

    @Test
    void singleNumberAndMax() throws IOException {
        StatFileReader r = new StatFileReader();
        assertThat(r.readSingle(file("a", "150000\n"), Long.MAX_VALUE)).isEqualTo(ReadStatus.OK);
        assertThat(r.value()).isEqualTo(150000);
        assertThat(r.readSingle(file("b", "max\n"), 42)).isEqualTo(ReadStatus.OK);
        assertThat(r.value()).isEqualTo(42);
        assertThat(r.readSingle(file("c", ""), 42)).isEqualTo(ReadStatus.MALFORMED);
        assertThat(r.readSingle(file("d", "abc\n"), 42)).isEqualTo(ReadStatus.MALFORMED);
        assertThat(r.errors().count(ReadStatus.MALFORMED)).isEqualTo(2);
        assertThat(r.errors().count(ReadStatus.OK)).isEqualTo(4);
    }

    @Test
    void missingFileIsAResultAndIsRemembered() throws IOException {
        StatFileReader r = new StatFileReader();
        StatFile missing = new StatFile(dir.resolve("nope"), true);
        assertThat(r.readSingle(missing, 0)).isEqualTo(ReadStatus.MISSING);
        Files.writeString(dir.resolve("nope"), "5\n");
        assertThat(r.readSingle(missing, 0)).as("remembered as missing").isEqualTo(ReadStatus.MISSING);
        missing.reprobe();
        assertThat(r.readSingle(missing, 0)).isEqualTo(ReadStatus.OK);
        assertThat(r.value()).isEqualTo(5);
        assertThat(r.errors().count(ReadStatus.MISSING)).isEqualTo(2);
        assertThat(r.load(null)).isEqualTo(ReadStatus.MISSING);
        assertThat(r.errors().count(ReadStatus.MISSING)).as("null file not counted").isEqualTo(2);
    }

    @Test
    void vanishedDirectoryIsGone() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("cg"));
        Files.writeString(sub.resolve("x"), "1\n");
        StatFile f = new StatFile(sub.resolve("x"), false);
        StatFileReader r = new StatFileReader();
        assertThat(r.readSingle(f, 0)).isEqualTo(ReadStatus.OK);
        Files.delete(sub.resolve("x"));
        Files.delete(sub);
        assertThat(r.readSingle(f, 0)).isEqualTo(ReadStatus.GONE);
        assertThat(r.errors().count(ReadStatus.GONE)).isEqualTo(1);
    }

    @Test
    void directoryIsUnreadableNotAnException() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("adir"));
        StatFileReader r = new StatFileReader();
        assertThat(r.load(new StatFile(sub, false))).isEqualTo(ReadStatus.UNREADABLE);
    }

    @Test
    void keyValuesByKeyNotPosition() throws IOException {
        byte[][] keys = {Ascii.bytes("nr_throttled"), Ascii.bytes("nr_periods"), Ascii.bytes("absent")};
        long[] out = new long[3];
        StatFileReader r = new StatFileReader();
        StatFile f = file("cpu.stat", "nr_periods 64\nnr_throttled 54\nthrottled_time 2620468168\nnr_bursts 0\n");
        assertThat(r.readKeyValues(f, keys, out)).isEqualTo(ReadStatus.OK);
        assertThat(r.foundMask()).isEqualTo(0b011);
        assertThat(out[0]).isEqualTo(54);
        assertThat(out[1]).isEqualTo(64);
    }

    @Test
    void psiWithAndWithoutFull() throws IOException {
        StatFileReader r = new StatFileReader();
        assertThat(r.readPsi(file("p1", "some avg10=0.69 avg60=9.34 avg300=5.73 total=467173032\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"))).isEqualTo(ReadStatus.OK);
        assertThat(r.foundMask()).isEqualTo(StatFileReader.PSI_SOME | StatFileReader.PSI_FULL);
        assertThat(r.psiSome()).isEqualTo(467173032L);
        assertThat(r.psiFull()).isZero();
        assertThat(r.readPsi(file("p2", "some avg10=0.00 avg60=0.04 avg300=0.00 total=2798967170\n")))
                .isEqualTo(ReadStatus.OK);
        assertThat(r.foundMask()).isEqualTo(StatFileReader.PSI_SOME);
        assertThat(r.psiSome()).isEqualTo(2798967170L);
        assertThat(r.readPsi(file("p3", "garbage\n"))).isEqualTo(ReadStatus.MALFORMED);
    }

    @Test
    void procPressureFixtures() {
        StatFileReader r = new StatFileReader();
        assertThat(r.readPsi(new StatFile(TestFixtures.proc("pressure/io"), false))).isEqualTo(ReadStatus.OK);
        assertThat(r.psiSome()).isEqualTo(39042519L);
        assertThat(r.psiFull()).isEqualTo(26933956L);
        assertThat(r.readPsi(new StatFile(TestFixtures.proc("pressure/memory"), false))).isEqualTo(ReadStatus.OK);
        assertThat(r.psiSome()).isEqualTo(9132L);
        assertThat(r.psiFull()).isEqualTo(2089L);
    }

    @Test
    void arraysOfAnyLength() throws IOException {
        StatFileReader r = new StatFileReader();
        long[] out = new long[2];
        assertThat(r.readLongs(file("pc", "4153786937 4183632210 \n"), out)).isEqualTo(ReadStatus.OK);
        assertThat(r.count()).isEqualTo(2);
        assertThat(out).containsExactly(4153786937L, 4183632210L);
        assertThat(r.readLongs(file("pc3", "1 2 3\n"), out)).isEqualTo(ReadStatus.OK);
        assertThat(r.count()).as("true count even past capacity").isEqualTo(3);
        long[] bigger = new long[3];
        assertThat(r.parseLongs(bigger)).isTrue();
        assertThat(bigger).containsExactly(1, 2, 3);
        assertThat(r.readLongs(file("empty", ""), out)).isEqualTo(ReadStatus.OK);
        assertThat(r.count()).isZero();
    }

    @Test
    void bufferGrowsForLargeFiles() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("key").append(i).append(' ').append(i).append('\n');
        }
        sb.append("last 77\n");
        StatFileReader r = new StatFileReader(new StatBuffer(64), new ReadErrors());
        long[] out = new long[1];
        assertThat(r.readKeyValues(file("big", sb.toString()), new byte[][] {Ascii.bytes("last")}, out))
                .isEqualTo(ReadStatus.OK);
        assertThat(out[0]).isEqualTo(77);
        assertThat(r.buffer().length()).isEqualTo(sb.length());
    }

    @Test
    void multiRecordSeqFilesAreReadToTheEnd() {
        Path smaps = Path.of("/proc/self/smaps");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(smaps), "skipped: no /proc/self/smaps");
        StatFileReader r = new StatFileReader();
        assertThat(r.load(new StatFile(smaps, false, true))).isEqualTo(ReadStatus.OK);
        int oneRead = r.buffer().length();
        assertThat(r.load(new StatFile(smaps, false))).isEqualTo(ReadStatus.OK);
        int whole = r.buffer().length();
        assertThat(oneRead).as("a seq_file hands over about a page per read").isLessThanOrEqualTo(8192);
        assertThat(whole).as("the safe default reads on to end of file").isGreaterThan(2 * oneRead);
        assertThat(r.buffer().data()[whole - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void keptOpenFileIsReReadFromOffsetZero() throws IOException {
        Path p = dir.resolve("v");
        Files.writeString(p, "1\n");
        StatFile f = new StatFile(p, true);
        StatFileReader r = new StatFileReader();
        assertThat(r.readSingle(f, 0)).isEqualTo(ReadStatus.OK);
        Files.writeString(p, "22\n");
        assertThat(r.readSingle(f, 0)).isEqualTo(ReadStatus.OK);
        assertThat(r.value()).isEqualTo(22);
        f.close();
        assertThat(r.readSingle(f, 0)).as("readable again after close").isEqualTo(ReadStatus.OK);
    }
}
