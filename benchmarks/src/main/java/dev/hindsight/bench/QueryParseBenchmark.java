package dev.hindsight.bench;

import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.parser.QueryParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing (and type-checking) the dashboard queries of the comparison. Target: under 20 µs each. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryParseBenchmark {
    /** Index into {@link DashboardQueries#ALL}. */
    @Param({"0", "1", "2", "3", "4", "5"})
    public int query;

    @Benchmark
    public Expr parse() {
        return QueryParser.parse(DashboardQueries.ALL.get(query));
    }
}
