package org.ssal.labeling.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the labeling gateway ({@code ssal.labeling.*}). Shared settings (the broker, the
 * instance id, the data folder) come from {@link org.ssal.service.SharedSettings}; tokens from
 * {@code ssal.auth.*} (see {@link BearerAuth}).
 */
@ConfigMapping(prefix = "ssal.labeling")
public interface LabelingConfig {
    /** Whether the gateway runs in this process (an app that includes the module may switch it off). */
    @WithDefault("true")
    boolean enabled();

    /** How often due leases are ended (their unanswered samples go back to the queue). */
    @WithDefault("1s")
    Duration expiryInterval();

    /** How long a replay of the topics may take at start and after a failed write. */
    @WithDefault("60s")
    Duration replayTimeout();

    /** How long a command waits for Kafka to commit its transaction before it answers 503. */
    @WithDefault("30s")
    Duration writeTimeout();

    /** Samples per lease when a request does not say (the page asks for this many). */
    @WithDefault("10")
    int defaultLeaseSize();
}
