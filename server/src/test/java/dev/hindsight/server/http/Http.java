package dev.hindsight.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the tests: GET and form POST, answers as status + body + parsed JSON. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient client;
    private final String base;
    private String authorization;

    Http(String base) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base);
    }

    Http(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    static Http of(HttpServer server) {
        return new Http("http://127.0.0.1:" + server.port());
    }

    Http withBasicAuth(String user, String password) {
        Http h = new Http(client, base);
        h.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return h;
    }

    Answer get(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
        return send(b.GET(), headers);
    }

    Answer postForm(String path, String... nameValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(enc(nameValues[i])).append('=').append(enc(nameValues[i + 1]));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded");
        return send(b.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    Answer send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return base;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
