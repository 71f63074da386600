package org.ssal.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ssal.schemas.Sha256;

/**
 * Content-addressed store for large artifacts (encoders, embedding matrices) in a directory that
 * every service of a deployment can read. Events carry only {@code artifact:sha256/<hex>} and the
 * hash; every read checks the hash, so a corrupted or swapped file is never used silently.
 * Writes go to a temporary file and are moved into place, so a killed writer leaves no partial
 * artifact behind.
 */
public final class ArtifactStore {
    private static final String SCHEME = "artifact:sha256/";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CACHE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("sha256"));
            Files.createDirectories(this.root.resolve("index"));
            Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create artifact store at " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A stored artifact: its URI and sha256. */
    public record Ref(String uri, String sha256) {
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public Ref put(Writer writer) {
        try {
            Path tmp = Files.createTempFile(root.resolve("tmp"), "put-", ".part");
            MessageDigest digest = Sha256.digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                writer.writeTo(out);
            }
            String hex = Sha256.hex(digest);
            Path target = pathOf(hex);
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                move(tmp, target);
            }
            return new Ref(SCHEME + hex, hex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact under " + root, e);
        }
    }

    public Ref put(byte[] bytes) {
        return put(out -> out.write(bytes));
    }

    /** Reads an artifact and checks it against the expected sha256 (from the event that named it). */
    public byte[] read(String uri, String expectedSha256) {
        String hex = hexOf(uri);
        if (!hex.equals(expectedSha256)) {
            throw new IllegalArgumentException("artifact uri " + uri + " does not match sha256 " + expectedSha256);
        }
        Path path = pathOf(hex);
        try {
            byte[] bytes = Files.readAllBytes(path);
            String actual = Sha256.sha256Hex(bytes);
            if (!actual.equals(expectedSha256)) {
                throw new CorruptArtifactException(uri, "artifact " + path + " is corrupt: sha256 " + actual
                        + ", expected " + expectedSha256);
            }
            return bytes;
        } catch (java.nio.file.NoSuchFileException e) {
            // an I/O failure, so transient (ErrorKind): on a shared volume the writer's file may not be visible yet
            throw new UncheckedIOException("artifact " + uri + " not found at " + path
                    + " (is the artifact store shared by all services?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + path, e);
        }
    }

    /** Stores a flat directory (e.g. a saved model: graph, config, checksums) as one zip artifact. */
    public Ref putDirectory(Path dir) {
        return put(out -> {
            java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out);
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(file.getFileName().toString());
                    entry.setTime(0); // same files, same bytes, same hash
                    zip.putNextEntry(entry);
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            zip.finish();
        });
    }

    /** Unpacks a directory artifact (hash-checked) into {@code target}. */
    public void readDirectory(String uri, String expectedSha256, Path target) {
        byte[] bytes = read(uri, expectedSha256);
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Files.createDirectories(target);
            for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.getParent().equals(target.normalize())) {
                    throw new IllegalStateException("artifact " + uri + " holds a path outside its folder: " + entry.getName());
                }
                Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack artifact " + uri + " into " + target, e);
        }
    }

    /** Remembers that a cache key (e.g. an encoder id) resolved to an artifact. */
    public void remember(String cacheKey, Ref ref) {
        checkCacheKey(cacheKey);
        try {
            Path tmp = Files.createTempFile(root.resolve("tmp"), "index-", ".part");
            Files.writeString(tmp, ref.sha256(), StandardCharsets.US_ASCII);
            move(tmp, root.resolve("index").resolve(cacheKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache index " + cacheKey, e);
        }
    }

    /** The artifact a cache key resolved to earlier, if it is still stored. */
    public Optional<Ref> recall(String cacheKey) {
        checkCacheKey(cacheKey);
        Path index = root.resolve("index").resolve(cacheKey);
        try {
            if (!Files.exists(index)) {
                return Optional.empty();
            }
            String hex = Files.readString(index, StandardCharsets.US_ASCII).trim();
            if (!HEX.matcher(hex).matches() || !Files.exists(pathOf(hex))) {
                return Optional.empty();
            }
            return Optional.of(new Ref(SCHEME + hex, hex));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache index " + index, e);
        }
    }

    /** Same as {@link Sha256#sha256Hex(byte[])}; kept for the services that call it here. */
    public static String sha256Hex(byte[] bytes) {
        return Sha256.sha256Hex(bytes);
    }

    /** Same as {@link Sha256#sha256Hex(String)}; kept for the services that call it here. */
    public static String sha256Hex(String text) {
        return Sha256.sha256Hex(text);
    }

    private Path pathOf(String hex) {
        return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    private static String hexOf(String uri) {
        if (uri == null || !uri.startsWith(SCHEME) || !HEX.matcher(uri.substring(SCHEME.length())).matches()) {
            throw new IllegalArgumentException("not an artifact uri: '" + uri + "' (expected " + SCHEME + "<64 hex>)");
        }
        return uri.substring(SCHEME.length());
    }

    private static void checkCacheKey(String cacheKey) {
        if (cacheKey == null || !CACHE_KEY.matcher(cacheKey).matches()) {
            throw new IllegalArgumentException("invalid cache key '" + cacheKey + "'");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
