package org.ssal.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ssal.schemas.Sha256;

/**
 * Content-addressed store for large artifacts (encoders, embedding matrices) in a directory that
 * every service of a deployment can read. Events carry only {@code artifact:sha256/<hex>} and the
 * hash; every read checks the hash, so a corrupted or swapped file is never used silently. Large
 * artifacts are written and read as streams ({@link #put(Writer)}, {@link #open}), hashed on the way
 * by a thread of their own ({@link BackgroundDigest}).
 * Writes go to a temporary file and are moved into place, so a killed writer leaves no partial
 * artifact behind.
 */
public final class ArtifactStore {
    private static final String SCHEME = "artifact:sha256/";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CACHE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Stream buffer: 1 MB blocks make the per-call cost of hashing and system calls negligible. */
    private static final int BLOCK = BackgroundDigest.BLOCK;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
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

    /** Parses an artifact from a buffered stream of its bytes; need not read to the end. */
    @FunctionalInterface
    public interface Reader<T> {
        T readFrom(InputStream in) throws IOException;
    }

    public Ref put(Writer writer) {
        try {
            Path tmp = Files.createTempFile(root.resolve("tmp"), "put-", ".part");
            BackgroundDigest.Out hashed = new BackgroundDigest.Out(Files.newOutputStream(tmp));
            // buffered so that writers of small pieces cost no system call each; large blocks pass straight through
            try (OutputStream out = new BufferedOutputStream(hashed, BLOCK)) {
                writer.writeTo(out);
            } catch (IOException | RuntimeException e) {
                hashed.digest.abandon();
                Files.deleteIfExists(tmp);
                throw e;
            }
            String hex = hashed.digest.finish();
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

    /**
     * Reads a small artifact whole and checks it against the expected sha256 (from the event that
     * named it). One array holds at most 2 GB: large artifacts (embeddings) go through {@link #open}.
     */
    public byte[] read(String uri, String expectedSha256) {
        Path path = checkedPath(uri, expectedSha256);
        try {
            long size = Files.size(path);
            if (size > MAX_ARRAY) {
                throw new IllegalStateException("artifact " + uri + " has " + size + " bytes, more than one array holds;"
                        + " read it with ArtifactStore.open");
            }
        } catch (IOException e) {
            throw notReadable(uri, path, e);
        }
        return open(uri, expectedSha256, InputStream::readAllBytes);
    }

    /**
     * Parses an artifact while hashing it, in one pass over the file, and returns the result only
     * when the whole file hashes to {@code expectedSha256}: the bytes after what the reader consumed
     * are hashed too, and a mismatch throws {@link CorruptArtifactException} naming the uri, so a
     * caller never sees what was parsed from a corrupt or swapped file. A reader that fails on a
     * corrupt file (a garbled header) also ends in CorruptArtifactException, with its error as the
     * cause; a reader that fails on a file with the right hash ends in UncheckedIOException.
     */
    public <T> T open(String uri, String expectedSha256, Reader<T> reader) {
        Path path = checkedPath(uri, expectedSha256);
        T value = null;
        Exception failure = null;
        String actual;
        try (InputStream file = Files.newInputStream(path)) {
            BackgroundDigest.In hashed = new BackgroundDigest.In(file);
            InputStream in = new BufferedInputStream(hashed, BLOCK);
            try {
                value = reader.readFrom(in);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            try {
                drain(in);
            } catch (IOException e) {
                hashed.digest.abandon();
                throw e;
            }
            actual = hashed.digest.finish();
        } catch (IOException e) {
            throw notReadable(uri, path, e);
        }
        if (!actual.equals(expectedSha256)) {
            CorruptArtifactException corrupt = new CorruptArtifactException(uri, "artifact " + uri + " at " + path
                    + " is corrupt: sha256 " + actual + ", expected " + expectedSha256);
            if (failure != null) {
                corrupt.initCause(failure);
            }
            throw corrupt;
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot parse artifact " + uri + " (its sha256 is right): " + failure.getMessage(),
                    failure instanceof IOException io ? io : new IOException(failure));
        }
        return value;
    }

    /**
     * Copies an artifact into {@code target}, streaming (any size), hashed on both sides: the copy
     * is kept only when the source's bytes hash to {@code expectedSha256}, else nothing is left in
     * {@code target} and {@link CorruptArtifactException} names the uri.
     *
     * @return the copy's reference (its sha256 is the source's) and its size in bytes
     */
    public Copied copyTo(ArtifactStore target, String uri, String expectedSha256) {
        long[] bytes = {0};
        Ref ref = target.put(out -> bytes[0] = open(uri, expectedSha256, in -> in.transferTo(out)));
        return new Copied(ref, bytes[0]);
    }

    /** An artifact copied by {@link #copyTo}: where it is in the target, and how many bytes. */
    public record Copied(Ref ref, long bytes) {
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

    private Path checkedPath(String uri, String expectedSha256) {
        String hex = hexOf(uri);
        if (!hex.equals(expectedSha256)) {
            throw new IllegalArgumentException("artifact uri " + uri + " does not match sha256 " + expectedSha256);
        }
        return pathOf(hex);
    }

    private static RuntimeException notReadable(String uri, Path path, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            // an I/O failure, so transient (ErrorKind): on a shared volume the writer's file may not be visible yet
            return new UncheckedIOException("artifact " + uri + " not found at " + path
                    + " (is the artifact store shared by all services?)", e);
        }
        return new UncheckedIOException("cannot read artifact " + uri + " at " + path, e);
    }

    /** Hashes what the reader left unread: the hash is of the whole file. */
    private static void drain(InputStream in) throws IOException {
        byte[] block = new byte[BLOCK];
        while (in.read(block) >= 0) {
            // only the digest under the stream needs these bytes
        }
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
