package dev.hindsight.storage.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal YAML document tree that remembers the line of every key and value, built
 * from Jackson's streaming YAML parser (whose tree model forgets locations).
 */
final class YamlTree {
    private YamlTree() {
    }

    /** Any node, with the 1-based line it starts on. */
    sealed interface Node permits Scalar, MapNode, ListNode {
        int line();

        /** What kind of node this is, for messages ("a map", "a list", "a value"). */
        String kind();
    }

    /** A scalar: its text as written (null for YAML null) and whether it was a string token. */
    record Scalar(String text, JsonToken token, int line) implements Node {
        @Override
        public String kind() {
            return "a value";
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** One key of a map, with the line of the key. */
    record Entry(String key, int keyLine, Node value) {
    }

    record MapNode(Map<String, Entry> entries, int line) implements Node {
        @Override
        public String kind() {
            return "a map";
        }

        Entry get(String key) {
            return entries.get(key);
        }
    }

    record ListNode(List<Node> items, int line) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * Parses one YAML document. Syntax errors and duplicate keys are added to problems
     * (as {@code source:line: message}); the result is then null or partial.
     */
    static Node parse(String source, String yaml, List<String> problems) {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(new LinkedHashMap<>(), 1);
            }
            return read(p, source, problems);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 1 : Math.max(1, loc.getLineNr());
            problems.add(source + ":" + line + ": YAML syntax error: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add(source + ": cannot read: " + e.getMessage());
            return null;
        }
    }

    private static Node read(JsonParser p, String source, List<String> problems) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    Node value = read(p, source, problems);
                    if (entries.containsKey(key)) {
                        problems.add(source + ":" + keyLine + ": " + key + ": duplicate key (first at line "
                            + entries.get(key).keyLine() + ")");
                    } else {
                        entries.put(key, new Entry(key, keyLine, value));
                    }
                }
                return new MapNode(entries, line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, source, problems));
                }
                return new ListNode(items, line);
            }
            case VALUE_NULL:
                return new Scalar(null, t, line);
            default:
                return new Scalar(p.getText(), t, line);
        }
    }

    /** Plain Java values (maps, lists, strings, numbers, booleans, null) for sections kept raw. */
    static Object toPlain(Node node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, toPlain(e.value())));
            return out;
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(toPlain(i)));
            return out;
        }
        Scalar s = (Scalar) node;
        return switch (s.token()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> parseIntegral(s.text());
            case VALUE_NUMBER_FLOAT -> Double.valueOf(s.text());
            default -> s.text();
        };
    }

    private static Object parseIntegral(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
