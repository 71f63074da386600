package org.ssal.learning.ssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Where this process's memory is, for the training log: resident set now and at its peak, and the
 * Java heap (used/committed). RSS minus the committed heap is native memory: ND4J's arrays, oneDNN,
 * OpenMP, malloc arenas, the JVM itself. ND4J 1.0.0-M2.1 allocates its arrays in libnd4j, not
 * through JavaCPP, so JavaCPP's own count ({@code Pointer.totalBytes()}) stays at 0 during training
 * (measured) and {@code -Dorg.bytedeco.javacpp.maxbytes} does not cap them.
 */
public final class MemoryUse {
    private MemoryUse() { }

    /** e.g. "rss=1234M peak=1500M heap=78/512M". */
    public static String now() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "rss=%dM peak=%dM heap=%d/%dM", Pointer.physicalBytes() >> 20,
                peakRssKiB() >> 10, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
    }

    /** VmHWM of /proc/self/status: the largest resident set so far; -1 off Linux. */
    static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
