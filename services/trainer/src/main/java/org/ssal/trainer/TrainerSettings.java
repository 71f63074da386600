package org.ssal.trainer;

import io.smallrye.config.ConfigMapping;

/**
 * The trainer's own settings, {@code ssal.trainer.*} in this module's application.properties
 * (overridable by system properties or the environment, e.g. SSAL_TRAINER_DEFAULT_STEPS=800). A
 * campaign's own pretrainEpochs, when set, overrides both schedules.
 */
@ConfigMapping(prefix = "ssal.trainer")
public interface TrainerSettings {
    /** Whether this process runs a trainer (e.g. off on machines without the CPU or GPU for it). */
    boolean enabled();

    /**
     * {@code ssal.trainer.default-steps}: SimSiam pretraining SGD steps of a campaign that sets no
     * epochs; its epochs follow from its pool size (SimSiamConfig.epochsForSteps).
     */
    int defaultSteps();

    /** {@code ssal.trainer.baseline-epochs}: supervised epochs per round of a no-SSL campaign that sets none. */
    int baselineEpochs();
}
