package dev.hindsight.collector.io;

/** The outcome of reading one interface file. Expected outcomes, not exceptions. */
public enum ReadStatus {
    /** The file was read; its bytes are in the buffer. */
    OK,
    /** The file does not exist, but its directory does (an absent controller or an older kernel). */
    MISSING,
    /** The file's directory vanished, or the kernel says the object is gone (ENODEV, ESRCH). */
    GONE,
    /** The file exists but could not be read (permissions, I/O error). */
    UNREADABLE,
    /** The file was read but its content did not have the expected shape. */
    MALFORMED;

    private static final ReadStatus[] VALUES = values();

    /** The status with this ordinal. */
    public static ReadStatus ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
