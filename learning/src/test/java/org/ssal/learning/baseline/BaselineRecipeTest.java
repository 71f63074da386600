package org.ssal.learning.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ssal.learning.embed.EncoderSpec;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

class BaselineRecipeTest {
    private static final EncoderSpec SMALL = EncoderSpec.parse("supervised:smallcnn");

    @Test
    void shouldUseHalfTheLabelsPerBatchBetweenTwoAndSixtyFour() {
        assertEquals(6, BaselineRecipe.forRound(SMALL, 0, 15, 12, 1, 0).config().batchSize());
        assertEquals(2, BaselineRecipe.forRound(SMALL, 0, 15, 3, 1, 0).config().batchSize(), "batch norm needs two");
        assertEquals(64, BaselineRecipe.forRound(SMALL, 0, 15, 500, 1, 0).config().batchSize());
    }

    @Test
    void shouldTrainTheCampaignsEpochsOrTheDefaultOnTheSpecsNetwork() {
        assertEquals(15, BaselineRecipe.forRound(SMALL, 0, 15, 12, 1, 0).config().epochs());
        assertEquals(4, BaselineRecipe.forRound(SMALL, 4, 15, 12, 1, 0).config().epochs());
        assertEquals("resnet18:0.25", BaselineRecipe.forRound(EncoderSpec.parse("supervised:resnet18:0.25"),
                0, 15, 12, 1, 0).config().encoder());
    }

    @Test
    void shouldSeedEachRoundFromTheCampaignsBaselineTrainingStream() {
        assertEquals(CampaignSeeds.of(9).seed(Purpose.BASELINE_TRAINING, 2),
                BaselineRecipe.forRound(SMALL, 0, 15, 12, 9, 2).config().seed());
        assertNotEquals(BaselineRecipe.forRound(SMALL, 0, 15, 12, 9, 2).config().seed(),
                BaselineRecipe.forRound(SMALL, 0, 15, 12, 9, 3).config().seed());
    }

    @Test
    void shouldRefuseASpecThatIsNotSupervised() {
        assertThrows(IllegalArgumentException.class,
                () -> BaselineRecipe.forRound(EncoderSpec.parse("simsiam:smallcnn"), 0, 15, 12, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> BaselineRecipe.forRound(EncoderSpec.parse("supervised:resnet18:9"), 0, 15, 12, 1, 0));
    }
}
