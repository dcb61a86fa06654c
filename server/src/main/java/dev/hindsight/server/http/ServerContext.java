package dev.hindsight.server.http;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.storage.store.Store;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the HTTP server serves from, injected by the agent (or a test).
 *
 * @param store           the open store (series, specs, events)
 * @param engine          the PromQL engine over the store; its limits give lookback and subquery
 *                        step, the server applies {@link ServerConfig.Limits} on top
 * @param machineInfoJson cAdvisor-shaped MachineInfo JSON, or null while not known
 * @param ready           whether the collector has completed a tick ({@code /healthz})
 * @param selfMetrics     the agent's own metrics, appended to {@code /metrics}
 * @param clockMs         wall clock in ms ("now" for queries without a time)
 */
public record ServerContext(Store store, Engine engine, Supplier<String> machineInfoJson, BooleanSupplier ready,
                            SelfMetrics selfMetrics, LongSupplier clockMs) {
    public ServerContext {
        if (store == null || engine == null) {
            throw new IllegalArgumentException("store and engine are required");
        }
        machineInfoJson = machineInfoJson == null ? () -> null : machineInfoJson;
        ready = ready == null ? () -> true : ready;
        selfMetrics = selfMetrics == null ? SelfMetrics.NONE : selfMetrics;
        clockMs = clockMs == null ? System::currentTimeMillis : clockMs;
    }
}
