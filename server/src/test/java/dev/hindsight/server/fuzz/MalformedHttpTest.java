package dev.hindsight.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed HTTP against a real server: bad parameters, bodies over the limit, bad percent
 * encodings and invalid UTF-8, and raw garbage on the socket. Every answer is a 4xx (or the
 * connection is closed on bytes that are not HTTP), never a 5xx, and the server keeps
 * answering.
 */
@Timeout(120)
class MalformedHttpTest {
    private static final long MAX_BODY = 64 * 1024;

    @TempDir
    Path dir;
    private FuzzServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        server = new FuzzServer(dir, 120, MAX_BODY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void badParametersAre400WithAMessage() throws Exception {
        String q = "query=up";
        String[] gets = {
            "/api/v1/query", "/api/v1/query?query=", "/api/v1/query?" + q + "&time=abc", "/api/v1/query?" + q + "&time=1e400",
            "/api/v1/query?" + q + "&time=NaN", "/api/v1/query?" + q + "&timeout=xyz", "/api/v1/query?" + q + "&timeout=-1s",
            "/api/v1/query_range?" + q, "/api/v1/query_range?" + q + "&start=10&end=5&step=1",
            "/api/v1/query_range?" + q + "&start=0&end=100&step=0", "/api/v1/query_range?" + q + "&start=0&end=100&step=-1",
            "/api/v1/query_range?" + q + "&start=0&end=100&step=abc",
            "/api/v1/query_range?" + q + "&start=0&end=100000000&step=1",
            "/api/v1/query_range?" + q + "&start=1e300&end=1e301&step=1e299", "/api/v1/series",
            "/api/v1/series?match[]=", "/api/v1/series?match[]={}", "/api/v1/series?match[]=up&start=zzz",
            "/api/v1/labels?start=x", "/api/v1/label/__name__/values?end=2020-13-45T00:00:00Z",
            "/api/v1/label/bad%20name!/values", "/api/v1/query?query=up&time=2020-02-30T25:00:00Z",
"/api/v1/format_query?query=rate(up[",
        };
        List<String> wrong = new ArrayList<>();
        for (String path : gets) {
            HttpResponse<String> r = get(path);
            if (r.statusCode() < 400 || r.statusCode() >= 500 || !r.body().contains("\"error\"")) {
                // 404 for an endpoint that does not exist is fine; any 4xx with an error body is
                wrong.add(r.statusCode() + " " + path + " -> " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(get("/api/v1/query?query=up").statusCode()).isEqualTo(200);
        // exponent forms are timestamps, as Prometheus (Go's ParseFloat) reads them; Java's suffixes are not
        assertThat(get("/api/v1/query?query=up&time=1.7e9").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/query?query=up&time=1.7E9").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/query?query=up&time=1700000000d").statusCode()).isEqualTo(400);
        // date functions of values beyond any instant (found by the fuzzer): NaN, not a 500
        assertThat(get("/api/v1/query?query=minute(vector(-1e308))").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/query?query=month(vector(1e308))").body()).contains("NaN");
    }

    @Test
    void bodiesOverTheLimitAre413AndTheServerGoesOn() throws Exception {
        String big = "query=" + "1%2B".repeat((int) MAX_BODY);
        for (String path : new String[] {"/api/v1/query", "/api/v1/query_range", "/api/v1/series"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(413);
        }
        // a declared length over the limit is refused before the body is read
        String head = "POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 1073741824\r\n\r\nquery=up";
        assertThat(raw(head.getBytes(StandardCharsets.US_ASCII))).isEqualTo(413);
        assertThat(get("/api/v1/query?query=up").statusCode()).isEqualTo(200);
    }

    /**
     * A client that sends its whole over-limit body before reading (as HTTP clients do) reads
     * the 413 and the server goes on: the server reads and drops up to
     * {@code HttpServer.DRAIN_BYTES} past the limit before it answers and closes.
     */
    @Test
    void aClientStillSendingItsOverLimitBodyReadsThe413() throws Exception {
        byte[] body = ("query=" + "1%2B".repeat((int) MAX_BODY)).getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", server.http.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.flush();
            Thread.sleep(300); // the server has decided by now
            for (int at = 0; at < body.length; at += 8192) {
                out.write(body, at, Math.min(8192, body.length - at));
            }
            out.flush();
            byte[] status = s.getInputStream().readNBytes(12);
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        assertThat(get("/api/v1/query?query=up").statusCode()).isEqualTo(200);
    }

    @Test
    void badEncodingsAndGarbageAreRefusedWithoutA5xx() throws Exception {
        List<byte[]> requests = new ArrayList<>();
        for (String target : new String[] {"/api/v1/query?query=%zz", "/api/v1/query?query=%", "/api/v1/query?query=%f",
            "/api/v1/query?query=%ff%fe%fd", "/api/v1/query?query=%c3%28", "/api/v1/query?query=%ed%a0%80",
            "/api/v1/query?query=up%00", "/api/v1/query?%%%=1&query=up", "/api/v1/query?query=" + "a".repeat(100_000),
            "/api/v1/../../etc/passwd", "/api/v1/query?query=up&query=up2", "/%2e%2e/%2e%2e/etc/passwd"}) {
            requests.add(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        }
        requests.add("POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            .concat("Content-Length: 12\r\nConnection: close\r\n\r\nquery=%zz%zz").getBytes(StandardCharsets.US_ASCII));
        requests.add("POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded; charset=ebcdic\r\n"
            .concat("Content-Length: 8\r\nConnection: close\r\n\r\nquery=up").getBytes(StandardCharsets.US_ASCII));
        requests.add("POST /api/v1/query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        requests.add("GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        requests.add("BLAH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        requests.add(("GET /api/v1/query?query=up HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(200_000) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(junk);
            requests.add(junk);
        }
        List<String> wrong = new ArrayList<>();
        int answered = 0;
        for (byte[] request : requests) {
            int status = raw(request);
            if (status >= 500 || status == -1) {
                wrong.add(status + " for " + new String(request, 0, Math.min(120, request.length), StandardCharsets.ISO_8859_1));
            }
            if (status > 0) {
                answered++;
            }
        }
        System.out.printf("MALFORMED-HTTP raw requests=%d answered=%d (rest closed)%n", requests.size(), answered);
        assertThat(wrong).isEmpty();
        assertThat(answered).isGreaterThan(10);
        assertThat(get("/api/v1/query?query=up").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        String escaped = path.replace("[", "%5B").replace("]", "%5D").replace("{", "%7B").replace("}", "%7D")
            .replace("\"", "%22");
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + escaped)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes; the status of the answer, 0 if the server closed without one, -1 if it said nothing in 10 s. */
    private int raw(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.http.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may refuse before reading everything; its answer is still there to read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while (got.size() < 64 && (n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (got.size() == 0) {
                    return -1;
                }
            } catch (IOException reset) {
                // connection reset after the answer or instead of one
            }
            String head = got.toString(StandardCharsets.ISO_8859_1);
            if (head.startsWith("HTTP/1.1 ") && head.length() >= 12) {
                return Integer.parseInt(head.substring(9, 12));
            }
            return 0;
        }
    }
}
