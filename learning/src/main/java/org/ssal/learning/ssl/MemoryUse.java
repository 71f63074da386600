package org.ssal.learning.ssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Where this process's memory is, for the training log: resident set, ND4J's off-heap arrays
 * (JavaCPP's count of what it allocated) and the Java heap. RSS minus the two is native memory
 * that neither counts: oneDNN, OpenMP, malloc arenas, the JVM itself.
 */
public final class MemoryUse {
    private MemoryUse() { }

    /** e.g. "rss=1234M peak=1500M javacpp=456M heap=78/512M" (heap: used/committed). */
    public static String now() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "rss=%dM peak=%dM javacpp=%dM heap=%d/%dM", Pointer.physicalBytes() >> 20,
                peakRssKiB() >> 10, Pointer.totalBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.totalMemory() >> 20);
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
