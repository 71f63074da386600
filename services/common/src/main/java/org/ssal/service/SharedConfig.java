package org.ssal.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.ssal.schemas.Topics;

/**
 * The {@code ssal.*} settings every service of a deployment shares, with their defaults declared
 * here once, so that the services cannot disagree on them. Quarkus injects it; code outside CDI
 * gets it through {@link SharedSettings#fromConfig()}.
 */
@ConfigMapping(prefix = "ssal")
public interface SharedConfig {
    /**
     * {@code ssal.instance-id}: stable per instance (the container's hostname), so that a restarted
     * instance aborts its predecessor's open transaction at once; unset or blank for a random one.
     */
    Optional<String> instanceId();

    /** {@code ssal.topics.*}. */
    TopicSettings topics();

    /** {@code ssal.artifacts.*}. */
    Artifacts artifacts();

    /** {@code ssal.data.*}. */
    Data data();

    /**
     * The topics of DESIGN §3. The names default to {@link Topics}; every service of a deployment
     * must see the same names, so set them for all of them or for none.
     */
    interface TopicSettings {
        /** {@code ssal.topics.partitions}: partitions of the topics created at startup. */
        @WithDefault("2")
        int partitions();

        @WithDefault(Topics.CAMPAIGNS)
        String campaigns();

        @WithDefault(Topics.PRETRAIN_COMPLETE)
        String pretrainComplete();

        @WithDefault(Topics.EMBEDDINGS_READY)
        String embeddingsReady();

        @WithDefault(Topics.QUERY_BATCH)
        String queryBatch();

        @WithDefault(Topics.LABELS_RECEIVED)
        String labelsReceived();

        @WithDefault(Topics.ROUND_EVALUATED)
        String roundEvaluated();

        @WithDefault(Topics.BUDGET_STATE)
        String budgetState();

        @WithDefault(Topics.DEAD_LETTER)
        String deadLetter();

        @WithDefault(Topics.STRATEGY_SWITCHED)
        String strategySwitched();
    }

    /** The content-addressed artifact store, shared by every trainer and scorer. */
    interface Artifacts {
        /** {@code ssal.artifacts.dir}: its root folder (default ~/.ssal/artifacts). */
        @WithDefault("${user.home}/.ssal/artifacts")
        String dir();
    }

    /** Where datasets are read. */
    interface Data {
        /** {@code ssal.data.dir}: a folder holding every dataset, or unset for each dataset's own location. */
        Optional<String> dir();
    }
}
