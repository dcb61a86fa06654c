package dev.hindsight.query.engine;

import dev.hindsight.query.ast.Call;
import dev.hindsight.storage.select.Labels;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Calendar functions (UTC) of a vector of Unix times, or of the evaluation time when called without one. */
final class DateFunctions {
    private static final Set<String> NAMES = Set.of("day_of_month", "day_of_week", "day_of_year", "days_in_month",
            "hour", "minute", "month", "year");

    private DateFunctions() {
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static Object eval(Evaluator ev, Call c, long t) {
        ToDoubleFunction<ZonedDateTime> f = switch (c.function().name()) {
            case "day_of_month" -> ZonedDateTime::getDayOfMonth;
            case "day_of_week" -> d -> d.getDayOfWeek().getValue() % 7;
            case "day_of_year" -> ZonedDateTime::getDayOfYear;
            case "days_in_month" -> d -> d.toLocalDate().lengthOfMonth();
            case "hour" -> ZonedDateTime::getHour;
            case "minute" -> ZonedDateTime::getMinute;
            case "month" -> ZonedDateTime::getMonthValue;
            case "year" -> ZonedDateTime::getYear;
            default -> throw new IllegalStateException(c.function().name());
        };
        if (c.args().isEmpty()) {
            return List.of(new Elem(Labels.EMPTY, f.applyAsDouble(at(t / 1000.0)), false));
        }
        return FunctionCalls.map(ev.evalVector(c.args().get(0), t),
                v -> Double.isNaN(v) || Double.isInfinite(v) ? v : inRange(v) ? f.applyAsDouble(at(v)) : Double.NaN);
    }

    /** Whether {@code unixSeconds} is a representable instant (1e308 is not: NaN rather than a 500). */
    private static boolean inRange(double unixSeconds) {
        return unixSeconds >= Instant.MIN.getEpochSecond() && unixSeconds <= Instant.MAX.getEpochSecond();
    }

    private static ZonedDateTime at(double unixSeconds) {
        return Instant.ofEpochSecond((long) unixSeconds).atZone(ZoneOffset.UTC);
    }
}
