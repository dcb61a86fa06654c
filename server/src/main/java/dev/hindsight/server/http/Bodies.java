package dev.hindsight.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies under the configured size limit (attached to each exchange by the
 * server), so that an oversized body, declared or chunked, is a 413 answer rather than an
 * unbounded read or a dropped connection.
 */
public final class Bodies {
    /** The body limit of the exchange, in bytes. */
    public static final AttachmentKey<Long> LIMIT = AttachmentKey.create(Long.class);
    private static final long DEFAULT_LIMIT = 1L << 20;

    private Bodies() {
    }

    /** The whole body (blocking exchange), or {@link ApiException.Reason#TOO_LARGE} past the limit. */
    public static byte[] read(HttpServerExchange ex) {
        Long attached = ex.getAttachment(LIMIT);
        long limit = attached == null ? DEFAULT_LIMIT : attached;
        try (InputStream in = ex.getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) {
                ex.setPersistent(false);
                throw new ApiException(ApiException.Reason.TOO_LARGE,
                    "request body exceeds the limit of " + limit + " bytes");
            }
            return b;
        } catch (IOException e) {
            ex.setPersistent(false);
            throw ApiException.badData("cannot read the request body: " + e.getMessage());
        }
    }

    /** An {@code application/x-www-form-urlencoded} body as name to values. */
    public static Map<String, List<String>> form(byte[] body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.US_ASCII);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badData("malformed form body: " + e.getMessage());
            }
        }
        return out;
    }
}
