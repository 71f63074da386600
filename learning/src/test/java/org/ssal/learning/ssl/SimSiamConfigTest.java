package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimSiamConfigTest {
    @Test
    void shouldNameFieldWhenConfigIsInvalid() {
        SimSiamConfig ok = SimSiamConfig.defaults();
        var e = assertThrows(IllegalArgumentException.class, () -> ok.withBatchSize(1));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.withEncoder("vgg"));
        assertTrue(e.getMessage().contains("encoder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.withEncoder("resnet18:x"));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.withBaseLr(0));
        assertTrue(e.getMessage().contains("baseLr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.withEpochs(-1));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.withMinCropScale(0));
        assertTrue(e.getMessage().contains("minCropScale") && e.getMessage().contains("0.0"), e.getMessage());
    }

    @Test
    void shouldRoundTripWhenConfigIsWrittenAsJson() {
        SimSiamConfig cfg = SimSiamConfig.defaults().withEncoder("resnet18:0.25").withSeed(99).withMinCropScale(0.5);
        assertEquals(cfg, SimSiamConfig.fromJson(cfg.toJson()));
        // models saved before the crop scale was a setting used the paper's 0.2
        String old = SimSiamConfig.defaults().toJson().replace(", \"minCropScale\": 0.2", "");
        assertTrue(!old.contains("minCropScale"), old);
        assertEquals(SimSiamConfig.defaults(), SimSiamConfig.fromJson(old));
        assertEquals(0.3, SimSiamConfig.defaults().learningRate(), 1e-12);
        assertEquals(0.015, SimSiamConfig.paperCifar().withBatchSize(128).learningRate(), 1e-12);
    }

    @Test
    void shouldScheduleByStepsWhenCampaignSetsNoEpochs() {
        // 5,000 images at batch 128: 39 full batches per epoch, 800 steps need 21 epochs (819 steps)
        assertEquals(21, SimSiamConfig.epochsForSteps(800, 5_000, 128));
        // a 1,400-image folder: 10 batches per epoch, 80 epochs rather than the 20 that gave 200 steps
        assertEquals(80, SimSiamConfig.epochsForSteps(800, 1_400, 128));
        // a pool smaller than a batch trains on one batch of the whole pool per epoch
        assertEquals(800, SimSiamConfig.epochsForSteps(800, 100, 128));
        assertEquals(1, SimSiamConfig.epochsForSteps(800, 200_000, 128));
        // brute force: the smallest epoch count whose steps reach the target
        for (int pool : new int[] {2, 127, 128, 129, 1000, 2000, 20_000}) {
            for (int steps : new int[] {1, 7, 800, 1000}) {
                int epochs = SimSiamConfig.epochsForSteps(steps, pool, 128);
                SimSiamConfig cfg = SimSiamConfig.defaults().withEpochs(epochs);
                assertTrue(cfg.steps(pool) >= steps, pool + "/" + steps);
                assertTrue(cfg.withEpochs(epochs - 1).steps(pool) < steps, pool + "/" + steps);
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SimSiamConfig.epochsForSteps(0, 100, 128));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimSiamConfig.epochsForSteps(800, 1, 128));
        assertTrue(e.getMessage().contains("poolSize"), e.getMessage());
    }

    @Test
    void shouldKeepCampaignEpochsWhenSetAndTrainNoneForRandomInit() {
        var simsiam = org.ssal.learning.embed.EncoderSpec.parse("simsiam:smallcnn");
        assertEquals(5, SimSiamConfig.forCampaign(simsiam, 5, 800, 1_000).epochs());
        assertEquals(115, SimSiamConfig.forCampaign(simsiam, 0, 800, 1_000).epochs());
        assertEquals(0, SimSiamConfig.forCampaign(org.ssal.learning.embed.EncoderSpec.parse("random-init:smallcnn"),
                0, 800, 1_000).epochs());
        assertThrows(IllegalArgumentException.class, () -> SimSiamConfig.forCampaign(
                org.ssal.learning.embed.EncoderSpec.parse("pixels"), 0, 800, 1_000));
    }
}
