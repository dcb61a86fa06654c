package dev.hindsight.server.export;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus {@code write_relabel_configs} entry, with Prometheus's defaults (action
 * {@code replace}, regex {@code (.*)} anchored at both ends, separator {@code ;}, replacement
 * {@code $1}). Supported actions: replace, keep, drop, labeldrop, labelkeep, labelmap.
 */
public record RelabelRule(Action action, List<String> sourceLabels, String separator, Pattern regex,
                          String targetLabel, String replacement) {

    /** Relabel actions. */
    public enum Action { REPLACE, KEEP, DROP, LABELDROP, LABELKEEP, LABELMAP }

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern BRACED_GROUP = Pattern.compile("\\$\\{(\\d+)}");

    public RelabelRule {
        sourceLabels = List.copyOf(sourceLabels);
    }

    /** Anchors a Prometheus (RE2) regex as Prometheus does. */
    public static Pattern anchored(String regex) {
        return Pattern.compile("^(?:" + regex + ")$");
    }

    /** Converts Prometheus's {@code ${1}} to Java's {@code $1}; {@code $1} and {@code ${name}} pass through. */
    public static String javaReplacement(String prometheus) {
        return BRACED_GROUP.matcher(prometheus).replaceAll("\\$$1");
    }

    /**
     * Applies this rule to {@code labels} in place.
     *
     * @return false when the series is dropped
     */
    public boolean apply(TreeMap<String, String> labels) {
        switch (action) {
            case KEEP -> {
                return regex.matcher(joined(labels)).matches();
            }
            case DROP -> {
                return !regex.matcher(joined(labels)).matches();
            }
            case REPLACE -> {
                Matcher m = regex.matcher(joined(labels));
                if (!m.matches()) {
                    return true;
                }
                String target = m.replaceFirst(javaReplacement(targetLabel));
                String value = m.replaceFirst(javaReplacement(replacement));
                if (!LABEL_NAME.matcher(target).matches()) {
                    return true;
                }
                if (value.isEmpty()) {
                    labels.remove(target);
                } else {
                    labels.put(target, value);
                }
                return true;
            }
            case LABELDROP -> {
                labels.keySet().removeIf(n -> regex.matcher(n).matches());
                return true;
            }
            case LABELKEEP -> {
                labels.keySet().removeIf(n -> !regex.matcher(n).matches());
                return true;
            }
            case LABELMAP -> {
                TreeMap<String, String> added = new TreeMap<>();
                for (Map.Entry<String, String> e : labels.entrySet()) {
                    Matcher m = regex.matcher(e.getKey());
                    if (m.matches()) {
                        added.put(m.replaceFirst(javaReplacement(replacement)), e.getValue());
                    }
                }
                labels.putAll(added);
                return true;
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
    }

    private String joined(TreeMap<String, String> labels) {
        if (sourceLabels.size() == 1) {
            return labels.getOrDefault(sourceLabels.get(0), "");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sourceLabels.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(labels.getOrDefault(sourceLabels.get(i), ""));
        }
        return sb.toString();
    }
}
