package org.ssal.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The campaign service's own settings, {@code ssal.campaign.*}; shared ones are in {@code SharedConfig}. */
@ConfigMapping(prefix = "ssal.campaign")
public interface CampaignConfig {
    /** {@code ssal.campaign.send-timeout-ms}: how long POST /campaigns waits for Kafka's acknowledgement before answering 503. */
    @WithDefault("30000")
    long sendTimeoutMs();

    /**
     * {@code ssal.campaign.peer-token}: an admin token that instances send when they read ledgers
     * from each other (the internal reads are guarded like the API); unset with one instance.
     */
    Optional<String> peerToken();
}
