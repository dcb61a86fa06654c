package dev.hindsight.collector.taskstats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OOM eventfds in one epoll set, on real v1 memory cgroups (needs root). */
@Timeout(60)
class OomNotifiersTest {

    @Test
    void anOomInOneCgroupIsFoundByOnePollAndCountedOnlyForIt() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        TestEnvironment.requireCommand("stress-ng");
        try (OomNotifiers set = OomNotifiers.open();
             TestCgroup quiet = TestCgroup.create("hindsight-oomset-quiet");
             TestCgroup small = TestCgroup.create("hindsight-oomset-small")) {
            assertThat(set).as("epoll on Linux").isNotNull();
            OomNotifier quietNotifier = set.register(quiet.dir("memory"));
            OomNotifier smallNotifier = set.register(small.dir("memory"));
            assertThat(set.size()).isEqualTo(2);
            small.write("memory", "memory.limit_in_bytes", Long.toString(16L << 20));
            Process p = small.start("stress-ng --vm 1 --vm-bytes 64M --vm-keep --oomable --timeout 20s");
            long ooms = 0;
            for (int i = 0; i < 150 && ooms == 0; i++) {
                Thread.sleep(100);
                set.pollReady();
                ooms = smallNotifier.poll();
            }
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(ooms).as("OOMs notified for the limited cgroup").isPositive();
            assertThat(quietNotifier.poll()).isZero();
            assertThat(smallNotifier.poll()).as("taken by the poll before").isZero();

            smallNotifier.close();
            quietNotifier.close();
            assertThat(set.size()).as("closed notifiers leave the set").isZero();
            set.pollReady();
        }
    }
}
