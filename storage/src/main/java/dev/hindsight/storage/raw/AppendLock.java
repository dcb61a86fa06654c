package dev.hindsight.storage.raw;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;

/**
 * Chronicle's append lock, as left behind by an append that failed inside Chronicle. A fault
 * on a mapped page (a full disk) can abandon a half-done append with the queue's write lock
 * still held by this process; Chronicle never breaks a lock whose holder is alive, so the
 * next appender would wait for it forever and collection would stop. Only this process
 * appends to its raw log (one agent per data directory), so a lock it holds while no append
 * is in progress is a leftover and is released.
 */
final class AppendLock {
    /** Chronicle's key for the queue's write lock in its metadata table. */
    private static final String KEY = "chronicle.write.lock";

    private AppendLock() {
    }

    /** Releases the write lock if this process holds it; true when it did. Call between appends only. */
    static boolean releaseLeftover(SingleChronicleQueue queue) {
        try (TableStoreWriteLock lock = new TableStoreWriteLock(queue.metaStore(), Pauser::balanced, 0L, KEY)) {
            if (lock.locked() && lock.isLockedByCurrentProcess(otherPid -> { })) {
                lock.forceUnlock();
                return true;
            }
            return false;
        } catch (RuntimeException | InternalError e) {
            return false; // the metadata cannot be touched now either; the next attempt tries again
        }
    }
}
