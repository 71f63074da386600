package org.ssal.service.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ssal.schemas.Sha256;

/**
 * sha256 of dataset files, remembered within the process by (real path, size, modification time,
 * file key): hashing Fashion-MNIST's 30 MB costs a fraction of a second, an image folder or CIFAR
 * more, and a second campaign on the same files should not pay it again. A file whose size, time or
 * inode changed is hashed again. A file rewritten in place within the file system's time
 * resolution and to the same size is not noticed; the record would then name its old hash.
 */
public final class FileDigests {
    private static final FileDigests SHARED = new FileDigests();

    /** A file's real path, size and sha256. */
    public record Digest(Path path, long bytes, String sha256) {
    }

    private record Stamp(long size, long modifiedNanos, Object fileKey) {
        static Stamp of(BasicFileAttributes attributes) {
            return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.fileKey());
        }
    }

    private record Entry(Stamp stamp, Digest digest) {
    }

    private final Map<Path, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong filesHashed = new AtomicLong();
    private final AtomicLong bytesHashed = new AtomicLong();

    /** The process's cache (the trainer's campaigns share it). */
    public static FileDigests shared() {
        return SHARED;
    }

    /** The digest of {@code file}, hashed only when it is new or changed since it was last hashed. */
    public Digest of(Path file) {
        try {
            Path real = file.toRealPath();
            Stamp before = stamp(real);
            Entry known = cache.get(real);
            if (known != null && known.stamp().equals(before)) {
                return known.digest();
            }
            Digest digest = new Digest(real, before.size(), Sha256.sha256(real));
            filesHashed.incrementAndGet();
            bytesHashed.addAndGet(before.size());
            // a file that changed while it was read is not remembered: the next call hashes it again
            if (stamp(real).equals(before)) {
                cache.put(real, new Entry(before, digest));
            }
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash dataset file " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many files this cache has read and hashed so far (cache misses). */
    public long filesHashed() {
        return filesHashed.get();
    }

    /** How many bytes this cache has read and hashed so far. */
    public long bytesHashed() {
        return bytesHashed.get();
    }

    private static Stamp stamp(Path real) throws IOException {
        return Stamp.of(Files.readAttributes(real, BasicFileAttributes.class));
    }

    @Override
    public String toString() {
        return "FileDigests[" + cache.size() + " known, " + filesHashed + " hashed]";
    }
}
