package dev.hindsight.storage.record;

/** The kinds of record in the raw log, with their on-disk type codes and current versions. */
public enum RecordType {
    CONTAINER_SAMPLE(1, ContainerSampleLayout.VERSION),
    INTERFACE_SAMPLE(2, InterfaceSampleLayout.VERSION),
    DEVICE_SAMPLE(3, DeviceSampleLayout.VERSION),
    CONTAINER_SPEC(4, ContainerSpecCodec.VERSION),
    EVENT(5, EventLayout.VERSION),
    MACHINE_INFO(6, MachineInfoCodec.VERSION);

    public final int code;
    /** The newest version this build writes and reads; older versions are read as documented. */
    public final int version;

    RecordType(int code, int version) {
        this.code = code;
        this.version = version;
    }

    private static final RecordType[] BY_CODE = new RecordType[8];

    static {
        for (RecordType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    /** The type for a code, or null when the code is unknown. */
    public static RecordType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
