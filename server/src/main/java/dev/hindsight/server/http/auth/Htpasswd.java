package dev.hindsight.server.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.hindsight.storage.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and bcrypt hashes from an htpasswd file ({@code user:$2y$...}, as
 * {@code htpasswd -B} writes). Other hash kinds (MD5 {@code $apr1$}, SHA, crypt) are refused
 * when loading, naming the line. A successful check is remembered (as a SHA-256 of user and
 * password) so that a scraper sending the same credentials every second pays bcrypt once.
 * Thread-safe.
 */
public final class Htpasswd {
    private final Map<String, byte[]> hashes;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    private Htpasswd(Map<String, byte[]> hashes) {
        this.hashes = hashes;
    }

    public static Htpasswd load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of("server.auth.htpasswd_file: cannot read " + file + ": " + e.getMessage()));
        }
        return parse(file.toString(), lines);
    }

    static Htpasswd parse(String source, List<String> lines) {
        Map<String, byte[]> map = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(source + ":" + (i + 1) + ": expected user:hash");
                continue;
            }
            String hash = line.substring(colon + 1);
            if (!hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}")) {
                problems.add(source + ":" + (i + 1) + ": user " + line.substring(0, colon)
                    + " has no bcrypt hash (use htpasswd -B)");
                continue;
            }
            map.put(line.substring(0, colon), hash.getBytes(StandardCharsets.UTF_8));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (map.isEmpty()) {
            throw new ConfigException(List.of(source + ": no users"));
        }
        return new Htpasswd(map);
    }

    /** Whether the user exists and the password matches its hash. */
    public boolean check(String user, String password) {
        byte[] hash = hashes.get(user);
        if (hash == null) {
            return false;
        }
        String key = digest(user, password);
        if (verified.containsKey(key)) {
            return true;
        }
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
        if (ok && verified.size() < 1000) {
            verified.put(key, Boolean.TRUE);
        }
        return ok;
    }

    private static String digest(String user, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(user.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
