package dev.hindsight.collector.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DescriptorBudgetTest {
    @TempDir
    Path dir;

    @Test
    void softLimitKeepsAReserveOfHalfAtMostOneThousand() {
        assertThat(DescriptorBudget.forSoftLimit(1024).limit()).isEqualTo(512);
        assertThat(DescriptorBudget.forSoftLimit(20_000).limit()).isEqualTo(20_000 - 1024);
        assertThat(DescriptorBudget.forSoftLimit(0).limit()).isZero();
        assertThatThrownBy(() -> new DescriptorBudget(-1)).hasMessageContaining("limit=-1");
    }

    @Test
    void acquireStopsAtTheLimitAndTakeDoesNot() {
        DescriptorBudget b = new DescriptorBudget(3);
        assertThat(b.tryAcquire(2)).isTrue();
        assertThat(b.tryAcquire(2)).isFalse();
        assertThat(b.used()).isEqualTo(2);
        assertThat(b.refused()).isEqualTo(1);
        b.take(2);
        assertThat(b.used()).isEqualTo(4);
        assertThat(b.tryAcquire(1)).isFalse();
        b.release(4);
        assertThat(b.tryAcquire(3)).isTrue();
    }

    @Test
    void filesPastTheBudgetAreReadWithoutBeingKeptOpen() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "1\n");
        Path b = Files.writeString(dir.resolve("b"), "2\n");
        DescriptorBudget budget = new DescriptorBudget(1);
        StatFileReader reader = new StatFileReader();
        StatFile fa = new StatFile(a, budget, true);
        StatFile fb = new StatFile(b, budget, true);
        assertThat(reader.readSingle(fa, Long.MAX_VALUE)).isEqualTo(ReadStatus.OK);
        assertThat(budget.used()).isEqualTo(1);
        assertThat(reader.readSingle(fb, Long.MAX_VALUE)).isEqualTo(ReadStatus.OK);
        assertThat(reader.value()).isEqualTo(2);
        assertThat(budget.used()).as("b was opened and closed").isEqualTo(1);
        assertThat(budget.refused()).isEqualTo(1);
        // the kept-open file is re-read from offset 0 and sees new content
        Files.writeString(a, "42\n");
        assertThat(reader.readSingle(fa, Long.MAX_VALUE)).isEqualTo(ReadStatus.OK);
        assertThat(reader.value()).isEqualTo(42);
        fa.close();
        assertThat(budget.used()).isZero();
        fa.close();
        assertThat(budget.used()).as("closing twice gives back once").isZero();
    }

    @Test
    void aMissingFileTakesNothing() {
        DescriptorBudget budget = new DescriptorBudget(5);
        StatFile f = new StatFile(dir.resolve("absent"), budget, true);
        assertThat(new StatFileReader().load(f)).isEqualTo(ReadStatus.MISSING);
        assertThat(budget.used()).isZero();
    }
}
