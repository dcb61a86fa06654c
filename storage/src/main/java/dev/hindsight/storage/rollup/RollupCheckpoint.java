package dev.hindsight.storage.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Where a rollup writer stood, so that a restart resumes without double counting:
 * <pre>
 *  magic "HSRC" | version int32 = 1 | resolutionMs int64 | resumeRawIndex int64 |
 *  lastRawIndex int64 | watermarkMs int64 | queueIndex int64 | seriesCount N int32 |
 *  N x (closedUpToMs int64, carriedValue float64) | CRC-32 of everything before it int32
 * </pre>
 * Little-endian; written to a temporary file and atomically renamed over the old one.
 * {@code queueIndex} is the last bucket record written when the checkpoint was taken
 * (-1 for none): buckets after it are re-read on restart.
 *
 * @param closedUpTo   per series, the end of its last closed bucket (Long.MIN_VALUE: none)
 * @param carried      per series, the last raw value seen (the counter carry), NaN for none
 */
public record RollupCheckpoint(long resolutionMs, long resumeRawIndex, long lastRawIndex, long watermarkMs,
                               long queueIndex, long[] closedUpTo, double[] carried) {
    static final int MAGIC = 0x43525348; // "HSRC"
    static final int VERSION = 1;
    private static final int FIXED = 4 + 4 + 8 * 5 + 4;

    /** Takes a checkpoint of the accumulators' state. */
    static RollupCheckpoint of(RollupAccumulators acc, long queueIndex) {
        int n = acc.seriesCapacity();
        long[] closed = new long[n];
        double[] carried = new double[n];
        for (int s = 0; s < n; s++) {
            closed[s] = acc.closedUpTo(s);
            carried[s] = acc.carriedValue(s);
        }
        return new RollupCheckpoint(acc.resolutionMs(), acc.resumeRawIndex(), acc.lastRawIndex(), acc.watermark(),
            queueIndex, closed, carried);
    }

    /** Restores closed-bucket state and the watermark into fresh accumulators. */
    void restoreInto(RollupAccumulators acc) {
        for (int s = 0; s < closedUpTo.length; s++) {
            if (closedUpTo[s] != RollupAccumulators.NONE) {
                acc.restoreClosed(s, closedUpTo[s], carried[s]);
            }
        }
        acc.restoreWatermark(watermarkMs, lastRawIndex);
    }

    /** Writes atomically; false (the old checkpoint left in place) when it cannot, e.g. on a full disk. */
    boolean write(Path file) {
        int n = closedUpTo.length;
        ByteBuffer b = ByteBuffer.allocate(FIXED + 16 * n + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(resolutionMs).putLong(resumeRawIndex).putLong(lastRawIndex)
            .putLong(watermarkMs).putLong(queueIndex).putInt(n);
        for (int s = 0; s < n; s++) {
            b.putLong(closedUpTo[s]).putDouble(carried[s]);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, b.array());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp); // the previous checkpoint stays valid
            } catch (IOException ignored) {
                // nothing more to do
            }
            return false;
        }
    }

    /**
     * Reads a checkpoint: empty when the file does not exist; an {@link IllegalStateException}
     * naming the file when it is cut short, corrupt or of another resolution.
     */
    static Optional<RollupCheckpoint> read(Path file, long expectedResolutionMs) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rollup checkpoint " + file, e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < FIXED + 4 || b.getInt() != MAGIC || b.getInt() != VERSION) {
            throw new IllegalStateException(file + ": not a rollup checkpoint, or cut short");
        }
        long res = b.getLong();
        long resume = b.getLong();
        long lastRaw = b.getLong();
        long wm = b.getLong();
        long qi = b.getLong();
        int n = b.getInt();
        if (n < 0 || bytes.length != FIXED + 16L * n + 4) {
            throw new IllegalStateException(file + ": checkpoint cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
            throw new IllegalStateException(file + ": checkpoint fails its checksum");
        }
        if (res != expectedResolutionMs) {
            throw new IllegalStateException(file + ": checkpoint is for resolution " + res + " ms, not "
                + expectedResolutionMs);
        }
        long[] closed = new long[n];
        double[] carried = new double[n];
        for (int s = 0; s < n; s++) {
            closed[s] = b.getLong();
            carried[s] = b.getDouble();
        }
        return Optional.of(new RollupCheckpoint(res, resume, lastRaw, wm, qi, closed, carried));
    }
}
