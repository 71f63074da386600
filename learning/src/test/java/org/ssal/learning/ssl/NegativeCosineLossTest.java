package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NegativeCosineLossTest {
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
        double d = NegativeCosineLoss.distance(sd, sd.constant(Nd4j.createFromArray(P)), sd.constant(Nd4j.createFromArray(Z)))
                .eval().getDouble(0);
        double expected = -(cos(P[0], Z[0]) + cos(P[1], Z[1])) / 2;
        assertEquals(expected, d, 1e-9);
        double swapped = NegativeCosineLoss.distance(sd, sd.constant(Nd4j.createFromArray(Z)), sd.constant(Nd4j.createFromArray(P)))
                .eval().getDouble(0);
        assertEquals(d, swapped, 1e-12); // D is symmetric in its arguments
    }

    @Test
    void shouldSendNoGradientIntoTargetWhenStopGradientIsApplied() {
        SameDiff sd = SameDiff.create();
        SDVariable p = sd.var("p", Nd4j.createFromArray(P));
        SDVariable z = sd.var("z", Nd4j.createFromArray(Z));
        SDVariable loss = NegativeCosineLoss.distance(sd, p, NegativeCosineLoss.stopGradient(sd, z));
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
}
