package dev.hindsight.server.http.metrics;

import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.MetricCatalog;
import dev.hindsight.storage.series.MetricInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each series goes in the {@code /metrics} exposition, and the UTF-8 bytes of its
 * {@code name{labels} } part: series grouped by metric name (families in name order), sorted
 * by their labels within a family, as cAdvisor and Prometheus print them.
 *
 * <p>Building one sorts every series and renders every label set, which used to be most of a
 * scrape's work; so a layout is kept and reused while every current series is one it holds
 * and no id was handed out again since it was built ({@link #reusedIds}, the registry's
 * count): "holds" is then a check by id. A rebuild is made from the current series only,
 * reusing the bytes rendered for those it already had under the same label set, so series of
 * vanished containers leave the cache at the next rebuild.
 * Immutable once built; concurrent scrapes share it.
 */
final class ExpositionLayout {
    static final ExpositionLayout EMPTY = new ExpositionLayout(new Labels[0], new int[0], new byte[0][],
        new String[0], new String[0], new String[0], new int[] {0}, 0);

    /** Label set of each series id in the layout (null: not in it). */
    private final Labels[] labelsById;
    /** Series id at each output position. */
    private final int[] order;
    /** {@code name{labels} } bytes of the series at each output position. */
    private final byte[][] prefix;
    /** Per family: metric name, Prometheus type, help. */
    private final String[] names;
    private final String[] types;
    private final String[] helps;
    /** Output position of each family's first series; one more entry than families (the end). */
    private final int[] familyStart;
    /** The registry's count of ids handed out again when this layout was built. */
    private final long reusedIds;

    private ExpositionLayout(Labels[] labelsById, int[] order, byte[][] prefix, String[] names, String[] types,
                             String[] helps, int[] familyStart, long reusedIds) {
        this.reusedIds = reusedIds;
        this.labelsById = labelsById;
        this.order = order;
        this.prefix = prefix;
        this.names = names;
        this.types = types;
        this.helps = helps;
        this.familyStart = familyStart;
    }

    /** The registry's count of ids handed out again when this layout was built: a layout whose count is behind may hold stale label sets. */
    long reusedIds() {
        return reusedIds;
    }

    /** Whether this layout holds series {@code id}. */
    boolean holds(int id) {
        return id < labelsById.length && labelsById[id] != null;
    }

    /**
     * Lays out the series whose label sets are given by id ({@code labelsById[id]}, null where
     * absent), reusing what {@code previous} rendered for the same label sets. Series without a
     * metric name are left out. {@code reusedIds} is the registry's count the label sets are from.
     */
    static ExpositionLayout build(Labels[] labelsById, ExpositionLayout previous, long reusedIds) {
        Labels[] in = labelsById.clone();
        TreeMap<String, List<Integer>> byName = new TreeMap<>();
        int total = 0;
        for (int id = 0; id < in.length; id++) {
            if (in[id] == null) {
                continue;
            }
            String name = in[id].metricName();
            if (name.isEmpty()) {
                in[id] = null;
                continue;
            }
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
            total++;
        }
        byte[][] known = previous.prefixById();
        int families = byName.size();
        String[] names = new String[families];
        String[] types = new String[families];
        String[] helps = new String[families];
        int[] familyStart = new int[families + 1];
        int[] order = new int[total];
        byte[][] prefix = new byte[total][];
        int f = 0;
        int p = 0;
        for (Map.Entry<String, List<Integer>> e : byName.entrySet()) {
            String name = e.getKey();
            Optional<MetricInfo> info = MetricCatalog.metadata(name);
            names[f] = name;
            types[f] = info.map(x -> x.type().promName()).orElse("untyped");
            helps[f] = info.map(MetricInfo::help).orElse("");
            familyStart[f] = p;
            List<Integer> members = e.getValue();
            members.sort((a, b) -> in[a].compareTo(in[b]));
            for (int id : members) {
                order[p] = id;
                byte[] b = previous.holds(id) && previous.labelsById[id].equals(in[id]) ? known[id] : null;
                prefix[p] = b != null ? b : render(name, in[id]);
                p++;
            }
            f++;
        }
        familyStart[families] = p;
        return new ExpositionLayout(in, order, prefix, names, types, helps, familyStart, reusedIds);
    }

    /** {@code name{a="x",b="y"} }: labels in their sorted order, without {@code __name__}. */
    static byte[] render(String name, Labels labels) {
        StringBuilder sb = new StringBuilder(name.length() + 16 * labels.size());
        sb.append(name);
        boolean open = false;
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.name(i).equals(Labels.METRIC_NAME)) {
                open = MetricsWriter.label(sb, open, labels.name(i), labels.value(i));
            }
        }
        if (open) {
            sb.append('}');
        }
        return sb.append(' ').toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[][] prefixById() {
        byte[][] m = new byte[labelsById.length][];
        for (int p = 0; p < order.length; p++) {
            m[order[p]] = prefix[p];
        }
        return m;
    }

    int familyCount() {
        return names.length;
    }

    String name(int family) {
        return names[family];
    }

    String type(int family) {
        return types[family];
    }

    String help(int family) {
        return helps[family];
    }

    /** First output position of a family; {@code familyStart(f + 1)} is its end. */
    int familyStart(int family) {
        return familyStart[family];
    }

    /** Series id at an output position. */
    int seriesAt(int position) {
        return order[position];
    }

    byte[] prefixAt(int position) {
        return prefix[position];
    }
}
