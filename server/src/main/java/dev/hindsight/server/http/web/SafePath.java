package dev.hindsight.server.http.web;

/**
 * Whether a decoded request path may be looked up under a root: no {@code .} or {@code ..}
 * segments, no backslashes, no percent signs (left over from double or slash encoding), no
 * control characters. Such paths are refused, never normalised, so nothing escapes its root.
 */
public final class SafePath {
    private SafePath() {
    }

    public static boolean isSafe(String path) {
        if (path == null) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
