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
}
