package dev.hindsight.storage.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Damage done to real data files by the fault tests (storage's and the server's). */
public final class FileDamage {
    private FileDamage() {
    }

    /** Flips 64 random bytes in the second half of the file's written part; returns the file. */
    public static Path flip(Path file, Random random) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long used = Math.min(f.length(), Math.max(4096, usedBytes(file)));
            for (int i = 0; i < 64; i++) {
                long at = used / 2 + (long) (random.nextDouble() * (used / 2));
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(~b & 0xff);
            }
        }
        return file;
    }

    /** Bytes up to the last non-zero one (Chronicle files are sparse and pre-sized). */
    public static long usedBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] == 0) {
            end--;
        }
        return end;
    }
}
