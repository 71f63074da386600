package org.ssal.oracle;

import io.smallrye.config.ConfigMapping;

/**
 * The simulated oracle's own settings, {@code ssal.oracle.*} in this module's
 * application.properties (overridable by system properties or the environment, e.g.
 * SSAL_ORACLE_ERROR_RATE=0.1); {@link SimulatedOracle.Behaviour} checks their ranges.
 */
@ConfigMapping(prefix = "ssal.oracle")
public interface OracleSettings {
    /** Whether this process runs the simulated oracle (off where humans label). */
    boolean enabled();

    /** {@code ssal.oracle.delay-ms}: pause before each label, imitating a slow annotator. */
    long delayMs();

    /** {@code ssal.oracle.error-rate}: probability in [0, 1] that a label is a wrong class. */
    double errorRate();
}
