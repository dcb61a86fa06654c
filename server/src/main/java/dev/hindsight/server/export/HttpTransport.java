package dev.hindsight.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * POSTs bodies to one sink with the JDK HTTP client and classifies the answer. A sink's own
 * thread calls {@link #send}; it blocks for at most the configured timeout.
 */
public final class HttpTransport {
    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final boolean retryOn429;

    public HttpTransport(SinkConfig config, Map<String, String> encoderHeaders) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.timeoutMs()))
            .version(HttpClient.Version.HTTP_1_1);
        if (config.tls() != null) {
            b.sslContext(sslContext(config.tls()));
            if (config.tls().serverName() != null) {
                SSLParameters p = new SSLParameters();
                p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(config.tls().serverName())));
                b.sslParameters(p);
            }
        }
        this.client = b.build();
        this.uri = URI.create(config.url());
        this.timeout = Duration.ofMillis(config.timeoutMs());
        java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>(encoderHeaders);
        h.put("User-Agent", "Hindsight");
        h.putAll(config.headers());
        this.headers = Map.copyOf(h);
        this.retryOn429 = config.retryOn429();
    }

    /** One attempt; interrupts end it as a retryable failure (the caller checks for shutdown). */
    public SendOutcome send(byte[] body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(rb::header);
        try {
            HttpResponse<InputStream> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            String detail;
            try (InputStream in = r.body()) {
                byte[] head = in.readNBytes(512);
                in.transferTo(java.io.OutputStream.nullOutputStream());
                detail = new String(head, StandardCharsets.UTF_8).strip();
            }
            return SendOutcome.ofStatus(r.statusCode(), detail, retryOn429);
        } catch (IOException e) {
            return new SendOutcome(SendOutcome.Result.RETRY, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome(SendOutcome.Result.RETRY, 0, "interrupted");
        }
    }

    private static SSLContext sslContext(SinkConfig.Tls tls) {
        try {
            TrustManager[] trust = null;
            if (tls.insecureSkipVerify()) {
                trust = new TrustManager[] {new TrustAll()};
            } else if (tls.caFile() != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                try (InputStream in = Files.newInputStream(tls.caFile())) {
                    int i = 0;
                    for (Certificate c : cf.generateCertificates(in)) {
                        ks.setCertificateEntry("ca" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, new SecureRandom());
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
        }
    }

    /** {@code insecure_skip_verify: true}: accepts any server certificate, as the user asked. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
