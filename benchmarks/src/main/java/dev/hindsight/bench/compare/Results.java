package dev.hindsight.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * Everything one comparison run measured, as written to {@code benchmarks/results/compare.json}
 * and read back to write {@code BENCHMARKS.md}.
 */
public record Results(Machine machine, Dataset dataset, List<StoreFigures> stores, List<QueryFigures> queries,
                      List<Check> checks, List<String> failures) {

    /** Where and when the run happened. */
    public record Machine(String when, String cpu, int cores, long memoryBytes, String kernel, String java,
                          String loadBefore, String loadAfter) {
    }

    /** The synthetic dataset. */
    public record Dataset(int containers, long intervalMs, long startMs, long endMs, long containerSamples,
                          long records, long samples, int series, long omBytes) {
    }

    /**
     * One store's load and footprint.
     *
     * @param ingestSeconds time to make the data queryable through the store's own bulk path
     * @param diskParts     bytes on disk per component (Hindsight: raw, rollups, series; others: one entry)
     * @param rssBytes      resident memory after the query runs ({@code VmRSS})
     * @param hwmBytes      peak resident memory ({@code VmHWM})
     * @param notes         how the figures were taken
     */
    public record StoreFigures(String store, String version, double ingestSeconds, double samplesPerSecond,
                               long diskBytes, double bytesPerSample, Map<String, Long> diskParts, long rssBytes,
                               long hwmBytes, String notes) {
    }

    /** Latencies of one query over one range against one store (ms, after warm-up). */
    public record QueryFigures(String query, String label, String range, long stepMs, String store,
                               List<Double> millis, double medianMs, double p90Ms, int series, long points) {
    }

    /**
     * One agreement check: {@code store}'s answer against {@code reference}'s.
     *
     * @param tolerance    relative tolerance used for values
     * @param compared     points compared
     * @param mismatched   points outside the tolerance
     * @param maxRelError  largest relative difference seen
     * @param problems     what disagreed (empty when the answers agree)
     */
    public record Check(String query, String range, String store, String reference, double tolerance, long compared,
                        long mismatched, double maxRelError, long missingPoints, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** Whether this check judges the named store's answer, as the store or as the reference. */
        public boolean involves(String name) {
            return store.equals(name) || reference.equals(name);
        }
    }
}
