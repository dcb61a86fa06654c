package dev.hindsight.collector.machine;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@code statvfs(3)} through JNA direct mapping, for inode counts (the JDK's FileStore has
 * none). The struct is 112 bytes on 64-bit glibc: eleven 8-byte fields ({@code f_bsize,
 * f_frsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_favail, f_fsid, f_flag,
 * f_namemax}) and six spare ints. Only used on 64-bit Linux; elsewhere, or when libc cannot be
 * bound, {@link #inodes} answers null.
 */
final class Statvfs {
    private static final int STRUCT_SIZE = 112;
    private static final int F_FILES_OFFSET = 40;
    private static final int F_FFREE_OFFSET = 48;
    private static final boolean AVAILABLE = register();

    private Statvfs() {
    }

    private static boolean register() {
        if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
            return false;
        }
        try {
            Native.register(Statvfs.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static native int statvfs(String path, Pointer buf);

    /** {@code {f_files, f_ffree}} of the filesystem holding {@code path}, or null. */
    static long[] inodes(String path) {
        if (!AVAILABLE) {
            return null;
        }
        try (Memory buf = new Memory(STRUCT_SIZE)) {
            buf.clear();
            if (statvfs(path, buf) != 0) {
                return null;
            }
            return new long[] {buf.getLong(F_FILES_OFFSET), buf.getLong(F_FFREE_OFFSET)};
        }
    }

    /** Whether statvfs could be bound on this platform. */
    static boolean available() {
        return AVAILABLE;
    }
}
