package dev.hindsight.query.repl;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one query on a backend and renders the answer, or the error with a caret under its
 * position, as lines of text. A failed query is an expected outcome: it comes back as an
 * {@link Outcome} with {@code ok == false}, never as an exception.
 */
public final class QueryRunner {
    /** What to evaluate: an instant query at {@code endMs}, or a range query when {@code stepMs > 0}. */
    public record Request(String query, long startMs, long endMs, long stepMs) {
        public static Request instant(String query, long timeMs) {
            return new Request(query, timeMs, timeMs, 0);
        }

        public static Request range(String query, long startMs, long endMs, long stepMs) {
            return new Request(query, startMs, endMs, stepMs);
        }

        public boolean isRange() {
            return stepMs > 0;
        }
    }

    /** The rendered lines; {@code ok} is false when they describe an error. */
    public record Outcome(List<String> lines, boolean ok) {
        public Outcome {
            lines = List.copyOf(lines);
        }
    }

    private QueryRunner() {
    }

    /** The request for a query typed at the prompt under {@code settings} at wall time {@code nowMs}. */
    public static Request request(String query, ReplSettings settings, long nowMs) {
        long t = settings.time(nowMs);
        return settings.range() ? Request.range(query, t - settings.rangeMs(), t, settings.stepMs())
            : Request.instant(query, t);
    }

    public static Outcome run(ReplBackend backend, Request req, OutputFormat format, int width, ZoneId zone) {
        QueryResult result;
        try {
            result = req.isRange() ? backend.range(req.query(), req.startMs(), req.endMs(), req.stepMs())
                : backend.instant(req.query(), req.endMs());
        } catch (QueryException e) {
            return new Outcome(error(e, req.query()), false);
        } catch (BackendException e) {
            return new Outcome(List.of("error: " + e.getMessage()), false);
        }
        List<String> lines = new ArrayList<>(render(result.value(), req, format, width, zone));
        for (String w : result.warnings()) {
            lines.add("warning: " + w);
        }
        return new Outcome(lines, true);
    }

    static List<String> render(Value value, Request req, OutputFormat format, int width, ZoneId zone) {
        return switch (format) {
            case JSON -> List.of(MachineFormats.json(value));
            case CSV -> MachineFormats.csv(value);
            case TABLE -> {
                if (value instanceof Scalar s) {
                    yield TableRenderer.scalar(s);
                } else if (value instanceof StringValue s) {
                    yield TableRenderer.string(s);
                } else if (value instanceof Vector v) {
                    yield TableRenderer.vector(v, width);
                } else {
                    ChartRenderer.Grid grid = req.isRange()
                        ? new ChartRenderer.Grid(req.startMs(), req.endMs(), req.stepMs()) : null;
                    yield ChartRenderer.render((Matrix) value, grid, width, zone);
                }
            }
        };
    }

    /** {@code error: 1:6: parse error: ...}, then the offending line with a caret under the position. */
    public static List<String> error(QueryException e, String query) {
        List<String> lines = new ArrayList<>();
        lines.add("error: " + e.getMessage());
        String text = e.query() != null ? e.query() : query;
        if (e.position().isKnown() && text != null) {
            for (String l : e.position().caret(text).split("\n", -1)) {
                lines.add("  " + l);
            }
        }
        return lines;
    }
}
