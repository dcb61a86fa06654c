package dev.hindsight.storage.raw;

import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;

/**
 * Receives raw-log records in log order. Flyweights are only valid during the call.
 * {@code index} is the Chronicle index (cycle &lt;&lt; 32 | sequence for the default cycles).
 */
public interface RawRecordHandler {
    default void onContainerSample(long index, ContainerSampleFlyweight sample) {
    }

    default void onInterfaceSample(long index, InterfaceSampleFlyweight sample) {
    }

    default void onDeviceSample(long index, DeviceSampleFlyweight sample) {
    }

    default void onSpec(long index, ContainerSpec spec) {
    }

    default void onEvent(long index, ContainerEvent event) {
    }

    default void onMachineInfo(long index, long timestampMs, String json) {
    }

    /** A record that cannot be decoded (unknown type, newer version, malformed); it is skipped. */
    default void onUnreadable(long index, String reason) {
    }
}
