package dev.hindsight.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which checks count against Hindsight: Prometheus is the reference. */
class VerdictsTest {
    private static Results.Check check(String store, String reference, boolean ok) {
        return new Results.Check("rate(x[5m])", "1h", store, reference, 0.15, 100, ok ? 0 : 3, ok ? 0.01 : 0.9, 0,
            ok ? List.of() : List.of("3 of 100 values differ"));
    }

    @Test
    void differingFromVictoriaMetricsWhereItDiffersFromPrometheusIsNotAFailure() {
        List<Results.Check> checks = List.of(check("Hindsight", "Prometheus", true),
            check("VictoriaMetrics", "Prometheus", false), check("Hindsight", "VictoriaMetrics", false));
        assertThat(checks).extracting(c -> Verdicts.of(c, checks)).containsExactly(Verdicts.Verdict.AGREE,
            Verdicts.Verdict.PEERS_DIFFER, Verdicts.Verdict.SECOND_OPINION_DIFFERS_FROM_REFERENCE);
        assertThat(Verdicts.failures(checks)).isEmpty();
    }

    @Test
    void differingFromVictoriaMetricsWhereItAgreesWithPrometheusIsAFailure() {
        List<Results.Check> checks = List.of(check("Hindsight", "Prometheus", true),
            check("VictoriaMetrics", "Prometheus", true), check("Hindsight", "VictoriaMetrics", false));
        assertThat(Verdicts.of(checks.get(2), checks)).isEqualTo(Verdicts.Verdict.DISAGREE);
        assertThat(Verdicts.failures(checks)).singleElement().asString().startsWith("Hindsight vs VictoriaMetrics");
    }

    @Test
    void differingFromPrometheusIsAlwaysAFailure() {
        List<Results.Check> checks = List.of(check("Hindsight", "Prometheus", false),
            check("VictoriaMetrics", "Prometheus", false), check("Hindsight", "VictoriaMetrics", false));
        assertThat(checks).extracting(c -> Verdicts.of(c, checks)).containsExactly(Verdicts.Verdict.DISAGREE,
            Verdicts.Verdict.PEERS_DIFFER, Verdicts.Verdict.DISAGREE);
        assertThat(Verdicts.failures(checks)).hasSize(2);
    }
}
