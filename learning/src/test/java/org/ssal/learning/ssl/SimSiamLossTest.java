package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SimSiamLossTest {
    private static final double[][] P = {{1, 2, 0}, {0, -1, 3}};
    private static final double[][] Z = {{2, 0, 1}, {1, 1, 1}};

    private static double cos(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void shouldEqualMinusMeanCosineWhenComputedByHand() {
        SameDiff sd = SameDiff.create();
        double d = SimSiamNetwork.negativeCosine(sd, sd.constant(Nd4j.createFromArray(P)), sd.constant(Nd4j.createFromArray(Z)))
                .eval().getDouble(0);
        double expected = -(cos(P[0], Z[0]) + cos(P[1], Z[1])) / 2;
        assertEquals(expected, d, 1e-9);
        double swapped = SimSiamNetwork.negativeCosine(sd, sd.constant(Nd4j.createFromArray(Z)), sd.constant(Nd4j.createFromArray(P)))
                .eval().getDouble(0);
        assertEquals(d, swapped, 1e-12); // D is symmetric in its arguments
    }

    @Test
    void shouldSendNoGradientIntoTargetWhenStopGradientIsApplied() {
        SameDiff sd = SameDiff.create();
        SDVariable p = sd.var("p", Nd4j.createFromArray(P));
        SDVariable z = sd.var("z", Nd4j.createFromArray(Z));
        SDVariable loss = SimSiamNetwork.negativeCosine(sd, p, SimSiamNetwork.stopGradient(sd, z));
        sd.identity("loss", loss);
        sd.setLossVariables("loss");
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "p", "z");
        assertEquals(0.0, g.get("z").norm2Number().doubleValue(), 0.0);
        assertTrue(g.get("p").norm2Number().doubleValue() > 0);
        // the p-gradient of −cos(p, z) is orthogonal to p
        INDArray gp = g.get("p");
        for (int i = 0; i < 2; i++) {
            double dot = 0;
            for (int j = 0; j < 3; j++) {
                dot += gp.getDouble(i, j) * P[i][j];
            }
            assertEquals(0.0, dot, 1e-9);
        }
    }

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
