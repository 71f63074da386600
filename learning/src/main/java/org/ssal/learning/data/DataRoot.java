package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory a dataset is read from, and the guard that no file is read outside it.
 *
 * <p>Names inside a dataset (annotation files, class folders, symlinks) are not trusted: every
 * path is resolved to its real path, following symlinks and {@code ..}, and refused unless it lies
 * below the real path of the root.
 */
final class DataRoot {
    private final String dataset;
    private final Path root;
    private final Path realRoot;
    // every file handed out, so a load can name exactly the files its splits came from (provenance)
    private final Set<Path> handedOut = ConcurrentHashMap.newKeySet();

    private DataRoot(String dataset, Path root, Path realRoot) {
        this.dataset = dataset;
        this.root = root;
        this.realRoot = realRoot;
    }

    /** Opens an existing root directory; {@code expected} says what a user should put there. */
    static DataRoot open(String dataset, Path root, String expected) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new NoSuchFileException(absolute.toString(), null,
                    "data root of " + dataset + " is not a directory; expected " + expected);
        }
        return new DataRoot(dataset, absolute, absolute.toRealPath());
    }

    Path path() {
        return root;
    }

    /** {@code relative} below the root, or null when it does not exist; refused when it escapes. */
    Path find(String relative) throws IOException {
        Path candidate = root.resolve(relative);
        if (!Files.exists(candidate)) {
            return null;
        }
        return confine(candidate);
    }

    /** An existing regular file below the root, else an exception that names it and {@code expected}. */
    Path file(String relative, String expected) throws IOException {
        return file(root.resolve(relative), expected);
    }

    Path file(Path candidate, String expected) throws IOException {
        if (!Files.exists(candidate)) {
            throw new NoSuchFileException(candidate.toString(), null, "missing; expected " + expected);
        }
        Path real = confine(candidate);
        if (!Files.isRegularFile(real)) {
            throw new IOException(candidate + " is not a regular file; expected " + expected);
        }
        handedOut.add(real);
        return real;
    }

    /** An existing directory below the root, else an exception that names it and {@code expected}. */
    Path directory(Path candidate, String expected) throws IOException {
        if (!Files.isDirectory(candidate)) {
            throw new NoSuchFileException(candidate.toString(), null,
                    "missing or not a directory; expected " + expected);
        }
        confine(candidate);
        // keep the lexical path: ids are built from paths relative to the root
        return candidate;
    }

    /** The real path of {@code candidate}, refused when it lies outside the root. */
    Path confine(Path candidate) throws IOException {
        Path real = candidate.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new IOException("refusing " + candidate + ": it resolves to " + real
                    + ", outside the data root " + realRoot + " of " + dataset);
        }
        return real;
    }

    /** The real paths of the files {@link #file} handed out so far, sorted. */
    List<Path> filesRead() {
        return handedOut.stream().sorted().toList();
    }

    /** The real path of the root, against which {@link #filesRead()} are named. */
    Path realPath() {
        return realRoot;
    }

    /** The path of {@code file} relative to the root, with '/' separators, for sample ids. */
    String relativeName(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }
}
