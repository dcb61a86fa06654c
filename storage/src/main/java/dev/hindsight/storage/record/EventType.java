package dev.hindsight.storage.record;

/** Container lifecycle and memory events, with their on-disk codes (cAdvisor's event names). */
public enum EventType {
    CONTAINER_CREATION(1, "containerCreation"),
    CONTAINER_DELETION(2, "containerDeletion"),
    OOM(3, "oom"),
    OOM_KILL(4, "oomKill");

    public final int code;
    /** cAdvisor's name for the event type in its REST API. */
    public final String apiName;

    EventType(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    public static EventType ofCode(int code) {
        for (EventType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
