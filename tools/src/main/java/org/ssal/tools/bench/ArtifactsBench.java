package org.ssal.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ssal.learning.embed.Embeddings;
import org.ssal.schemas.Sha256;
import org.ssal.service.ArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Writing and reading embeddings through the artifact store (the file format plus sha256, as the
 * trainer writes and the scorer reads them) against plain {@link FileChannel} I/O of as many bytes,
 * in the same run and the same directory, alternating which goes first per round. Also times
 * sha256 alone over as many bytes in memory: no verified read can be faster than that.
 *
 * <p>Reads are measured warm (the file just written, in the page cache) and, with {@code --cold},
 * cold: before each cold read the file's pages are dropped from the page cache with
 * {@code dd iflag=nocache count=0} (posix_fadvise DONTNEED on that file only, no root needed, other
 * processes' caches untouched). The plain side writes a 1 MB buffer repeatedly: the kernel's cost
 * does not depend on the content. Neither side calls fsync; the store's atomic rename is timed in ours.
 */
@Command(name = "artifacts", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "embeddings to and from the artifact store (with sha256) against plain file I/O of the same size")
public final class ArtifactsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static final int BLOCK = 1 << 20;

    @Option(names = "--n", paramLabel = "N", description = "embeddings (rows)")
    int n = 100_000;

    @Option(names = "--dim", paramLabel = "D", description = "floats per embedding")
    int dim = 512;

    @Option(names = "--rounds", paramLabel = "R", description = "rounds; each times every side once")
    int rounds = 3;

    @Option(names = "--cold", negatable = true, description = "also time reads with the file dropped from the page cache")
    boolean cold = true;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to write (default: a temporary directory, deleted after)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || dim < 1 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--n, --dim and --rounds must be >= 1, got " + n + ", " + dim + ", "
                    + rounds);
        }
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ssal-artifacts-bench");
        try {
            run(root);
        } finally {
            if (dir == null) {
                deleteTree(root);
            }
        }
        return 0;
    }

    private void run(Path root) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "artifacts bench: %d x %d floats, %d rounds, %d cores, Java %s, dir %s, load %s%n",
                n, dim, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), root,
                ProcStatus.loadAverage());
        Embeddings embeddings = SyntheticEmbeddings.generate("s", n, dim, 10, 1.0, 7, 7).embeddings();
        ArtifactStore store = new ArtifactStore(root.resolve("store"));
        Path plain = root.resolve("plain.bin");
        ArtifactStore.Ref warmUp = store.put(embeddings::write);
        Path stored = storedFile(store, warmUp);
        long size = Files.size(stored);
        store.open(warmUp.uri(), warmUp.sha256(), Embeddings::read);
        plainWrite(plain, size);
        plainRead(plain);
        Files.delete(stored);
        boolean canDrop = cold && dropFromCache(plain);
        if (cold && !canDrop) {
            System.out.println("dd iflag=nocache failed: cold reads not measured, reads below are warm");
        }
        System.out.printf(Locale.ROOT, "file %,d bytes (%.1f MB)%n", size, size / 1e6);
        System.out.println("round | write ours / plain s (ratio) | warm read ours / plain s (ratio) | cold read ours / plain s (ratio)"
                + " | sha256 alone s | load before -> after");
        for (int r = 1; r <= rounds; r++) {
            String before = ProcStatus.loadAverage();
            boolean oursFirst = r % 2 == 1;
            double writeOurs = 0;
            double writePlain = 0;
            ArtifactStore.Ref ref = null;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == oursFirst) {
                    long t = System.nanoTime();
                    ref = store.put(embeddings::write);
                    writeOurs = seconds(t);
                } else {
                    long t = System.nanoTime();
                    plainWrite(plain, size);
                    writePlain = seconds(t);
                }
            }
            Path file = storedFile(store, ref);
            double[] warm = reads(store, ref, file, plain, oursFirst, false);
            double[] coldReads = canDrop ? reads(store, ref, file, plain, oursFirst, true) : null;
            double hash = hashAlone(size);
            Files.delete(file);
            System.out.printf(Locale.ROOT, "%5d | %6.3f / %6.3f (%4.2fx) | %6.3f / %6.3f (%5.2fx) | %s | %6.3f | %s -> %s%n",
                    r, writeOurs, writePlain, writeOurs / writePlain, warm[0], warm[1], warm[0] / warm[1],
                    coldReads == null ? "not measured"
                            : String.format(Locale.ROOT, "%6.3f / %6.3f (%4.2fx)", coldReads[0], coldReads[1], coldReads[0] / coldReads[1]),
                    hash, before, ProcStatus.loadAverage());
        }
        System.out.printf(Locale.ROOT, "peak RSS %d MiB%n", ProcStatus.peakRssMiB());
    }

    /** {ours, plain} seconds; the parsed embeddings are dropped at once, as only the time counts. */
    private static double[] reads(ArtifactStore store, ArtifactStore.Ref ref, Path file, Path plain, boolean oursFirst, boolean cold)
            throws IOException, InterruptedException {
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            boolean ours = (side == 0) == oursFirst;
            if (cold) {
                dropFromCache(ours ? file : plain);
            }
            long t = System.nanoTime();
            if (ours) {
                Embeddings read = store.open(ref.uri(), ref.sha256(), Embeddings::read);
                out[0] = seconds(t);
                if (read.size() == 0) {
                    throw new IllegalStateException("read back no rows");
                }
            } else {
                plainRead(plain);
                out[1] = seconds(t);
            }
        }
        return out;
    }

    private static void plainWrite(Path file, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                block.clear().limit((int) Math.min(BLOCK, left));
                left -= channel.write(block);
            }
        }
    }

    private static long plainRead(Path file) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int got = channel.read(block); got >= 0; got = channel.read(block.clear())) {
                total += got;
            }
        }
        return total;
    }

    private static double hashAlone(long size) {
        byte[] block = new byte[BLOCK];
        MessageDigest digest = Sha256.digest();
        long t = System.nanoTime();
        for (long left = size; left > 0; left -= BLOCK) {
            digest.update(block, 0, (int) Math.min(BLOCK, left));
        }
        digest.digest();
        return seconds(t);
    }

    /** Drops one file's pages from the page cache (posix_fadvise DONTNEED through GNU dd). */
    private static boolean dropFromCache(Path file) throws IOException, InterruptedException {
        Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
                .redirectErrorStream(true).start();
        dd.getInputStream().readAllBytes();
        return dd.waitFor() == 0;
    }

    private static Path storedFile(ArtifactStore store, ArtifactStore.Ref ref) {
        return store.root().resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
