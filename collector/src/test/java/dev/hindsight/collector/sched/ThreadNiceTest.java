package dev.hindsight.collector.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A thread's own nice value: raised by anyone, lowered below 0 by root only, nobody else's changed. */
class ThreadNiceTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @Test
    void setsOnlyTheCallingThread() throws Exception {
        int before = nice();
        assertThat(onNewThread(7)).isEqualTo(7);
        assertThat(nice()).isEqualTo(before);
    }

    @Test
    void belowZeroWhenRootAndRefusedOtherwise() throws Exception {
        AtomicReference<Boolean> accepted = new AtomicReference<>();
        AtomicInteger after = new AtomicInteger();
        Thread t = new Thread(() -> {
            accepted.set(ThreadNice.setCurrent(-5));
            after.set(nice());
        });
        t.start();
        t.join();
        assertThat(accepted.get()).isEqualTo(ROOT);
        assertThat(after.get()).isEqualTo(ROOT ? -5 : nice());
    }

    private static int onNewThread(int value) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = new Thread(() -> {
            assertThat(ThreadNice.setCurrent(value)).isTrue();
            seen.set(nice());
        });
        t.start();
        t.join();
        return seen.get();
    }

    /** Field 19 of the calling thread's {@code stat}: the 17th after the command's closing parenthesis. */
    static int nice() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
