package org.ssal.learning.ssl;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Where this process's memory is, for the training log: resident set, ND4J's off-heap arrays
 * (JavaCPP's count of what it allocated) and the Java heap. RSS minus the two is native memory
 * that neither counts: oneDNN, OpenMP, malloc arenas, the JVM itself.
 */
public final class MemoryUse {
    private MemoryUse() { }

    /** e.g. "rss=1234M javacpp=456M heap=78/512M". */
    public static String now() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "rss=%dM javacpp=%dM heap=%d/%dM", Pointer.physicalBytes() >> 20,
                Pointer.totalBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
    }
}
