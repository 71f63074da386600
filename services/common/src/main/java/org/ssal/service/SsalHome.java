package org.ssal.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The one folder that holds everything a durable embedded ssal keeps: the broker's log and
 * metadata ({@code kafka/}), the Kafka Streams state ({@code streams/}) and the artifact store
 * ({@code artifacts/}), and the token file ({@code tokens}). Backing up a stopped ssal is copying this folder; everything in
 * {@code streams/} can also be rebuilt from the log, so it may be left out of a backup.
 *
 * <p>Only one process may use a home at a time: two brokers on one log directory would corrupt
 * it. {@link #lock()} takes an OS file lock, which the OS releases when the process dies, so a
 * {@code kill -9} leaves no stale lock behind.
 */
public final class SsalHome implements AutoCloseable {
    /** Environment variable naming the home when {@code --home} is not given. */
    public static final String ENV = "SSAL_HOME";

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    private SsalHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The home: {@code explicit} if given, else {@code $SSAL_HOME}, else {@code ~/.ssal}.
     *
     * @param explicit the {@code --home} option, or null
     */
    public static SsalHome resolve(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return new SsalHome(explicit);
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SsalHome(Path.of(fromEnv));
        }
        return new SsalHome(Path.of(System.getProperty("user.home"), ".ssal"));
    }

    public static SsalHome at(Path root) {
        return new SsalHome(root);
    }

    public Path root() {
        return root;
    }

    /** The broker's log and KRaft metadata. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** Kafka Streams state (RocksDB); a cache of the log. */
    public Path streams() {
        return root.resolve("streams");
    }

    /** The content-addressed artifact store (encoders, embeddings). */
    public Path artifacts() {
        return root.resolve("artifacts");
    }

    /**
     * The bearer tokens ({@code ssal token}, {@link org.ssal.service.auth.TokenStore}): salted hashes
     * only. Kept out of the lock, so that tokens can be made and revoked while ssal runs.
     */
    public Path tokens() {
        return root.resolve("tokens");
    }

    /**
     * Creates the folders and takes the home's lock.
     *
     * @throws IllegalStateException naming the home when another process holds it
     */
    public SsalHome lock() {
        try {
            Files.createDirectories(kafka());
            Files.createDirectories(streams());
            Files.createDirectories(artifacts());
            Path lockFile = root.resolve("lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                lockChannel.close();
                throw new IllegalStateException("home " + root + " is in use by another ssal process"
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; stop it, or give this one another --home");
            }
            lockChannel.truncate(0);
            lockChannel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the ssal home " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
