package org.ssal.learning;

/**
 * Whether kernels may use the JDK's incubating Vector API: its module is in this JVM ({@code
 * --add-modules jdk.incubator.vector}, set by {@code ./ssal}, the tests and deploy/) and {@code
 * -Dssal.vector=false} does not turn it off. Each kernel still checks the vector width it needs,
 * and loads its vector class only after this says yes: without the module that class cannot link.
 * The vector and scalar kernels give the same bits, so this changes speed only.
 */
public final class VectorApi {
    private VectorApi() {
    }

    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("ssal.vector", "true"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
