package dev.hindsight.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Which agreement checks count against Hindsight. Prometheus is the reference (PromQL's own
 * implementation); VictoriaMetrics is a second opinion. A check between the two peers never
 * counts. Nor does Hindsight differing from VictoriaMetrics where VictoriaMetrics differs from
 * Prometheus and Hindsight agrees with Prometheus, on the same query and range: at a series'
 * ends MetricsQL's {@code rate} divides by the time its samples cover, where PromQL (and
 * Hindsight) extrapolates at most half an interval.
 */
public final class Verdicts {
    /** The verdict of one check, as the report prints it. */
    public enum Verdict {
        AGREE("agree"),
        DISAGREE("**DISAGREE**"),
        PEERS_DIFFER("peers differ"),
        SECOND_OPINION_DIFFERS_FROM_REFERENCE("VictoriaMetrics differs from Prometheus");

        public final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    private static final String REFERENCE = "Prometheus";
    private static final String SECOND = "VictoriaMetrics";

    private Verdicts() {
    }

    public static Verdict of(Results.Check c, List<Results.Check> all) {
        if (c.ok()) {
            return Verdict.AGREE;
        }
        if (!c.involves(HindsightPeer.NAME)) {
            return Verdict.PEERS_DIFFER;
        }
        if (c.involves(SECOND) && !agrees(all, c, SECOND, REFERENCE) && agrees(all, c, HindsightPeer.NAME, REFERENCE)) {
            return Verdict.SECOND_OPINION_DIFFERS_FROM_REFERENCE;
        }
        return Verdict.DISAGREE;
    }

    /** Every problem of every check whose verdict is {@link Verdict#DISAGREE}, one line each. */
    public static List<String> failures(List<Results.Check> checks) {
        List<String> out = new ArrayList<>();
        for (Results.Check c : checks) {
            if (of(c, checks) == Verdict.DISAGREE) {
                for (String problem : c.problems()) {
                    out.add(c.store() + " vs " + c.reference() + ", " + c.query() + " over " + c.range() + ": " + problem);
                }
            }
        }
        return out;
    }

    /** Whether the check of {@code store} against {@code reference} on the same query and range passed. */
    private static boolean agrees(List<Results.Check> all, Results.Check like, String store, String reference) {
        for (Results.Check c : all) {
            if (c.query().equals(like.query()) && c.range().equals(like.range()) && c.involves(store)
                && c.involves(reference)) {
                return c.ok();
            }
        }
        return false;
    }
}
