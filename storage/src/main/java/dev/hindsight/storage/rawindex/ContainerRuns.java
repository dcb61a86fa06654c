package dev.hindsight.storage.rawindex;

import java.util.Arrays;

/**
 * One container's runs of one roll cycle, encoded as they are added ({@link RawIndexLayout}'s
 * run data): a run grows while records of the container follow each other with one
 * timestamp. Builder thread only.
 */
final class ContainerRuns {
    final int containerId;
    private byte[] data = new byte[64];
    private int length;
    private int runs;
    // the open run
    private long runStart = -1;
    private int runLength;
    private long runTime;
    // encoding state: after the last closed run
    private long nextSequence;
    private long previousTime;
    private long previousDelta;

    ContainerRuns(int containerId, long originTime) {
        this.containerId = containerId;
        this.previousTime = originTime;
    }

    /** Adds a record; sequences must grow. */
    void add(long sequence, long timestampMs) {
        if (runStart >= 0 && sequence == runStart + runLength && timestampMs == runTime
            && runLength < RawIndexLayout.MAX_RUN) {
            runLength++;
            return;
        }
        close();
        runStart = sequence;
        runLength = 1;
        runTime = timestampMs;
    }

    /** Closes the open run, if any (call once all records are added). */
    void close() {
        if (runStart < 0) {
            return;
        }
        long delta = runTime - previousTime;
        putVarint(runStart - nextSequence);
        putVarint(runLength - 1);
        putVarint(Varints.zigzag(delta - previousDelta));
        previousDelta = delta;
        previousTime = runTime;
        nextSequence = runStart + runLength;
        runs++;
        runStart = -1;
    }

    private void putVarint(long v) {
        if (length + Varints.MAX_LENGTH > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        length = Varints.put(data, length, v);
    }

    int runs() {
        return runs;
    }

    int length() {
        return length;
    }

    byte[] data() {
        return data;
    }
}
