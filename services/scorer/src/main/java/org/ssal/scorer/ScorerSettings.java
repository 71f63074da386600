package org.ssal.scorer;

import io.smallrye.config.ConfigMapping;

/**
 * The scorer's own settings, {@code ssal.scorer.*} in this module's application.properties
 * (overridable by system properties or the environment, e.g. SSAL_SCORER_ENABLED=false). The
 * settings every service shares (Kafka, artifact store) are read by services/common.
 */
@ConfigMapping(prefix = "ssal.scorer")
public interface ScorerSettings {
    /** Whether this process runs a scorer (the standalone app may leave it to another process). */
    boolean enabled();
}
