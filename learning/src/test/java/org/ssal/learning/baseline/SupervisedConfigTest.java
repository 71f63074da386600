package org.ssal.learning.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SupervisedConfigTest {
    private static final SupervisedConfig D = SupervisedConfig.defaults();

    @Test
    void shouldUseDocumentedValuesWhenDefaulted() {
        assertEquals("smallcnn", D.encoder());
        assertEquals(0.9, D.momentum());
        assertEquals(5e-4, D.weightDecay());
        assertEquals(TrainingAugmentation.CROP_FLIP, D.augmentation());
        assertEquals(D.encoder(), D.encoderConfig().encoder());
        assertEquals(D.seed(), D.encoderConfig().seed());
    }

    @Test
    void shouldNameFieldAndValueWhenConfigIsInvalid() {
        expectError("encoder", "vgg", () -> D.withEncoder("vgg"));
        expectError("encoder", "resnet18:9", () -> D.withEncoder("resnet18:9"));
        expectError("epochs", "0", () -> D.withEpochs(0));
        expectError("batchSize", "1", () -> D.withBatchSize(1));
        expectError("learningRate", "-0.1", () -> D.withLearningRate(-0.1));
        expectError("learningRate", "NaN", () -> D.withLearningRate(Double.NaN));
        expectError("momentum", "1.0", () -> new SupervisedConfig("smallcnn", 1, 2, 0.1, 1.0, 0, TrainingAugmentation.NONE,
                0, 1, 1));
        expectError("weightDecay", "-1.0", () -> new SupervisedConfig("smallcnn", 1, 2, 0.1, 0.9, -1,
                TrainingAugmentation.NONE, 0, 1, 1));
        expectError("augmentation", "null", () -> new SupervisedConfig("smallcnn", 1, 2, 0.1, 0.9, 0, null, 0, 1, 1));
        expectError("bnStatsImages", "0", () -> new SupervisedConfig("smallcnn", 1, 2, 0.1, 0.9, 0,
                TrainingAugmentation.NONE, 0, 0, 1));
        expectError("embedBatchSize", "0", () -> new SupervisedConfig("smallcnn", 1, 2, 0.1, 0.9, 0,
                TrainingAugmentation.NONE, 0, 1, 0));
    }

    private static void expectError(String field, String value, Supplier<SupervisedConfig> make) {
        RuntimeException e = assertThrows(RuntimeException.class, make::get);
        assertTrue(e instanceof IllegalArgumentException, e.toString());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        if (!value.equals("null")) {
            assertTrue(e.getMessage().contains(value), e.getMessage());
        }
    }
}
