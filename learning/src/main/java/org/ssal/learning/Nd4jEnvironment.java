package org.ssal.learning;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend computes, for provenance records: the backend class, the executioner's
 * environment (BLAS vendor, OpenMP threads, cores, ...) and the native build's flags. Volatile
 * values (free memory) are left out. Calling it initialises ND4J (native libraries, seconds), so
 * call it only where ND4J has run anyway.
 */
public final class Nd4jEnvironment {
    private Nd4jEnvironment() {
    }

    /** Keys prefixed {@code nd4j.}; does not throw: a backend that cannot load is described by the error. */
    public static Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        try {
            out.put("nd4j.backend", Nd4j.getBackend().getClass().getName());
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            for (String key : env.stringPropertyNames()) {
                if (!key.contains("memory")) {
                    out.put("nd4j." + key, env.getProperty(key));
                }
            }
            out.put("nd4j.buildInfo", Nd4j.getBackend().buildInfo().replaceAll("\\s+", " ").trim());
        } catch (RuntimeException | LinkageError e) { // no native library, no backend: the record says so, the job goes on
            out.put("nd4j.error", e.getClass().getName() + ": " + e.getMessage());
        }
        return out;
    }
}
