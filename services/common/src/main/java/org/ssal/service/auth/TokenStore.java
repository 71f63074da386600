package org.ssal.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer tokens in a file (one line per token), in the manner of personal access tokens: a token
 * is {@code ssal_<id>_<secret>}; the file keeps the id, role, name, campaigns, a random salt and
 * SHA-256(salt ‖ secret) — never the secret, which is printed once when the token is made. The
 * secret has 256 random bits, so a salted SHA-256 is enough (no password stretching is needed for
 * a value nobody can guess); the hash is compared with {@link MessageDigest#isEqual}, in constant
 * time. The id lets a lookup go straight to one line without comparing against every hash.
 *
 * <p>File format (tab-separated): {@code id role name campaigns(comma-separated) salt hash createdAt}.
 * Writes go to a temporary file and are moved into place, so a crash never leaves half a file.
 */
public final class TokenStore {
    public static final String PREFIX = "ssal_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int SECRET_LENGTH = 43;
    private static final Pattern TOKEN = Pattern.compile("ssal_([A-Za-z0-9]{8})_([A-Za-z0-9]{" + SECRET_LENGTH + "})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String id, Role role, String name, Set<String> campaigns, byte[] salt, byte[] hash,
                         Instant createdAt) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private TokenStore(Path file) {
        this.file = file;
    }

    /** The tokens of a file (none if it does not exist yet). */
    public static TokenStore open(Path file) {
        TokenStore store = new TokenStore(file);
        store.load();
        return store;
    }

    /** A new token, written to the file; the returned string is the only copy of its secret. */
    public synchronized String create(Role role, String name, Set<String> campaigns) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + ", got " + name);
        }
        if (role == Role.ANNOTATOR && campaigns.isEmpty()) {
            throw new IllegalArgumentException("an annotator token needs --campaigns (the campaigns it may label)");
        }
        for (String campaign : campaigns) {
            if (!NAME.matcher(campaign).matches()) {
                throw new IllegalArgumentException("campaign id must match " + NAME.pattern() + ", got " + campaign);
            }
        }
        String id = randomAlphanumeric(8);
        // alphanumeric only: a token is one "word" (a double-click selects it) and its parts split at '_';
        // 43 characters of 62 symbols carry 256 bits
        String secret = randomAlphanumeric(SECRET_LENGTH);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        entries.put(id, new Entry(id, role, name, role == Role.ADMIN ? Set.of() : Set.copyOf(campaigns), salt,
                hash(salt, secret), Instant.now()));
        save();
        return PREFIX + id + "_" + secret;
    }

    /** The principal of a token, or empty when it is malformed, unknown or wrong. */
    public synchronized Optional<Principal> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(token.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Entry entry = entries.get(matcher.group(1));
        if (entry == null || !MessageDigest.isEqual(entry.hash(), hash(entry.salt(), matcher.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(new Principal(entry.id(), entry.name(), entry.role(), entry.campaigns()));
    }

    /** Whether any token has the role (serve makes the first admin token when none exists). */
    public synchronized boolean hasAny(Role role) {
        return entries.values().stream().anyMatch(e -> e.role() == role);
    }

    /** Removes a token by id; true if it existed. */
    public synchronized boolean revoke(String tokenId) {
        boolean removed = entries.remove(tokenId) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** Principals of every token (no secrets), for {@code ssal token list}. */
    public synchronized List<Principal> list() {
        return entries.values().stream().map(e -> new Principal(e.id(), e.name(), e.role(), e.campaigns())).toList();
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String randomAlphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 7) {
                    throw new IllegalStateException("token file " + file + " line " + lineNumber + " has " + f.length
                            + " fields, expected 7");
                }
                Set<String> campaigns = f[3].isEmpty() ? Set.of() : new HashSet<>(List.of(f[3].split(",")));
                Base64.Decoder b64 = Base64.getDecoder();
                entries.put(f[0], new Entry(f[0], Role.parse(f[1]), f[2], campaigns, b64.decode(f[4]), b64.decode(f[5]),
                        Instant.parse(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# ssal tokens: id role name campaigns salt sha256(salt+secret) createdAt; secrets are not stored");
        Base64.Encoder b64 = Base64.getEncoder();
        for (Entry e : entries.values()) {
            lines.add(String.join("\t", e.id(), e.role().name().toLowerCase(java.util.Locale.ROOT), e.name(),
                    String.join(",", e.campaigns().stream().sorted().toList()), b64.encodeToString(e.salt()),
                    b64.encodeToString(e.hash()), e.createdAt().toString()));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "tokens", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's permissions are all there is
            }
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file, e);
        }
    }
}
