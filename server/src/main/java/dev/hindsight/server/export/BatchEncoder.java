package dev.hindsight.server.export;

import dev.hindsight.storage.select.Labels;
import java.util.Map;
import java.util.function.IntFunction;

/** Turns a batch into one request body in a sink's wire format. */
public interface BatchEncoder {
    /**
     * @param labels the (relabelled) labels of each series id in the batch; never null for them
     * @return the body, or null when the batch holds nothing this format can carry
     */
    byte[] encode(Batch batch, IntFunction<Labels> labels);

    /** Headers sent with every body (content type and encoding). */
    Map<String, String> headers();

    /** Samples of the last {@link #encode} left out because the format cannot carry them. */
    default int skippedInLastEncode() {
        return 0;
    }
}
