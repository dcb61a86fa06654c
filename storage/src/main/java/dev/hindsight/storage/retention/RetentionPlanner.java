package dev.hindsight.storage.retention;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which whole files to delete. Pure: no I/O, no clock; ages are measured from
 * {@code newestDataMs}, the newest sample stored, so a stopped agent or a wrong wall clock
 * never deletes data by itself.
 *
 * <ol>
 *   <li>Age: a file whose roll cycle ended at or before {@code newestDataMs - keep} of its
 *       tier (raw, or its rollup resolution) goes.</li>
 *   <li>Size: while the files that remain exceed {@code maxDiskBytes}, the oldest file of the
 *       finest tier goes (raw first, then the finest rollup, ...).</li>
 * </ol>
 * The newest file of each tier (the one being appended to) is never deleted, nor is a file
 * of a tier the configuration does not name.
 */
public final class RetentionPlanner {
    private RetentionPlanner() {
    }

    public static List<SegmentInfo> plan(List<SegmentInfo> segments, RetentionConfig config, long newestDataMs) {
        Map<Long, Long> keep = new HashMap<>();
        keep.put(0L, config.rawMs());
        for (RollupLevel l : config.rollups()) {
            keep.put(l.resolutionMs(), l.keepMs());
        }
        // tiers finest first, each oldest first
        TreeMap<Long, List<SegmentInfo>> tiers = new TreeMap<>();
        for (SegmentInfo s : segments) {
            tiers.computeIfAbsent(s.resolutionMs(), k -> new ArrayList<>()).add(s);
        }
        // a cycle file before the files made from it, so a size cut never leaves a cycle without its index
        tiers.values().forEach(l -> l.sort(Comparator.comparingLong(SegmentInfo::startMs)
            .thenComparing(s -> !s.path().getFileName().toString().endsWith(".cq4"))));

        Set<SegmentInfo> delete = new LinkedHashSet<>();
        for (Map.Entry<Long, List<SegmentInfo>> tier : tiers.entrySet()) {
            Long keepMs = keep.get(tier.getKey());
            if (keepMs == null) {
                continue;
            }
            long cutoff = newestDataMs - keepMs;
            List<SegmentInfo> files = tier.getValue();
            for (int i = 0; i < files.size() - 1; i++) {
                if (files.get(i).endMs() <= cutoff) {
                    delete.add(files.get(i));
                }
            }
        }
        if (config.maxDiskBytes().isPresent()) {
            long cap = config.maxDiskBytes().getAsLong();
            long total = 0;
            for (SegmentInfo s : segments) {
                if (!delete.contains(s)) {
                    total += s.sizeBytes();
                }
            }
            for (Map.Entry<Long, List<SegmentInfo>> tier : tiers.entrySet()) {
                if (!keep.containsKey(tier.getKey())) {
                    continue;
                }
                List<SegmentInfo> files = tier.getValue();
                for (int i = 0; i < files.size() - 1 && total > cap; i++) {
                    if (delete.add(files.get(i))) {
                        total -= files.get(i).sizeBytes();
                    }
                }
            }
        }
        return List.copyOf(delete);
    }
}
