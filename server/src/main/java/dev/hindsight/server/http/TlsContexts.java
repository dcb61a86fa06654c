package dev.hindsight.server.http;

import dev.hindsight.storage.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server's {@link SSLContext} from PEM (a certificate chain and a PKCS#8 key, RSA or
 * EC) or from a PKCS#12 keystore. Problems are {@link ConfigException}s naming the field.
 */
final class TlsContexts {
    private static final Pattern PEM = Pattern.compile(
        "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] KEY_PASSWORD = "hindsight".toCharArray();

    private TlsContexts() {
    }

    static SSLContext create(ServerConfig.Tls tls) {
        try {
            KeyStore ks = tls.isPem() ? pem(tls.certFile(), tls.keyFile()) : pkcs12(tls.pkcs12File(), tls.pkcs12Password());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, tls.isPem() ? KEY_PASSWORD : tls.pkcs12Password().toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(List.of("server.tls: cannot build a TLS context: " + e.getMessage()));
        }
    }

    private static KeyStore pkcs12(Path file, String password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new ConfigException(List.of("server.tls.pkcs12_file: cannot read " + file + ": " + e.getMessage()));
        }
        return ks;
    }

    private static KeyStore pem(Path certFile, Path keyFile) throws GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (byte[] der : blocks(certFile, "CERTIFICATE", "server.tls.cert_file")) {
            chain.add(cf.generateCertificate(new java.io.ByteArrayInputStream(der)));
        }
        List<byte[]> keys = blocks(keyFile, "PRIVATE KEY", "server.tls.key_file");
        PrivateKey key = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
                break;
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new ConfigException(List.of("server.tls.key_file: " + keyFile + " holds no RSA, EC or Ed25519 PKCS#8 key"));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ks.setKeyEntry("server", key, KEY_PASSWORD, chain.toArray(new Certificate[0]));
        return ks;
    }

    private static List<byte[]> blocks(Path file, String type, String field) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException(List.of(field + ": cannot read " + file + ": " + e.getMessage()));
        }
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            } else if (type.equals("PRIVATE KEY") && m.group(1).endsWith("PRIVATE KEY")) {
                throw new ConfigException(List.of(field + ": " + file + " holds a \"" + m.group(1) + "\"; convert it to "
                    + "PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem"));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(List.of(field + ": " + file + " holds no PEM \"" + type + "\" block"));
        }
        return out;
    }
}
