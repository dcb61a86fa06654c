package dev.hindsight.server.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each key path ({@code server.tls.cert_file}) in a block-style YAML text, found
 * by indentation, so that problems in the {@code server:} section (kept as plain maps by the
 * storage loader, without positions) can name their line. Flow style and anchors are not
 * followed; an unknown path simply has no line.
 */
final class YamlLines {
    private YamlLines() {
    }

    static Map<String, Integer> index(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        String[] text = yaml.split("\n", -1);
        for (int i = 0; i < text.length; i++) {
            String line = text[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                keys.pop();
            }
            String key = trimmed.substring(0, colon).strip();
            indents.push(new int[] {indent});
            keys.push(key);
            StringBuilder path = new StringBuilder();
            var it = keys.descendingIterator();
            while (it.hasNext()) {
                path.append(path.length() == 0 ? "" : ".").append(it.next());
            }
            lines.putIfAbsent(path.toString(), i + 1);
        }
        return lines;
    }

    /** {@code server.tls.key_file: missing} as {@code file:7: server.tls.key_file: missing} when the line is known. */
    static String locate(String source, Map<String, Integer> lines, String problem) {
        int colon = problem.indexOf(": ");
        String path = colon < 0 ? problem : problem.substring(0, colon);
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return source + ":" + line + ": " + problem;
            }
            int dot = path.lastIndexOf('.');
            path = dot < 0 ? "" : path.substring(0, dot);
        }
        return source + ": " + problem;
    }
}
