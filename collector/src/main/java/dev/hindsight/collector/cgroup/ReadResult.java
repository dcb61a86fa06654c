package dev.hindsight.collector.cgroup;

/** The outcome of reading one container's stats. */
public enum ReadResult {
    /** Read; fields whose files were missing or unreadable are absent in the present mask. */
    OK,
    /** The cgroup vanished while being read: skip the container (container churn is normal). */
    GONE,
    /** Not one field could be read (every file missing or unreadable). */
    EMPTY
}
