package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MomentumSgdTest {

    /** torch.optim.SGD with momentum m and weight decay wd, by hand: d = g + wd·w; v = m·v + d; w -= lr·v. */
    @Test
    void shouldDecayTheLearningRateAlongAHalfCosine() {
        assertEquals(0.3, MomentumSgd.cosineLearningRate(0.3, 0, 10), 1e-12);
        assertEquals(0.15, MomentumSgd.cosineLearningRate(0.3, 5, 10), 1e-12);
        assertEquals(0.3 * 0.5 * (1 + Math.cos(Math.PI * 9 / 10)), MomentumSgd.cosineLearningRate(0.3, 9, 10), 1e-12);
    }

    @Test
    void shouldFollowTorchSgdWithMomentumAndWeightDecayOverSeveralSteps() {
        Random r = new Random(5);
        int n = 37;
        float[] w0 = new float[n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) r.nextGaussian();
        }
        SameDiff sd = SameDiff.create();
        sd.var("w", Nd4j.create(w0.clone(), new long[] {n}, 'c'));
        double lr = 0.05;
        double m = 0.9;
        double wd = 0.05; // large enough that a mistake in the decay term shows
        MomentumSgd sgd = new MomentumSgd(sd, m, wd);
        double[] w = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = w0[i];
        }
        for (int step = 0; step < 4; step++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) r.nextGaussian();
                v[i] = m * v[i] + g[i] + wd * w[i];
                w[i] -= lr * v[i];
            }
            sgd.step(Map.of("w", Nd4j.create(g, new long[] {n}, 'c')), lr);
        }
        INDArray actual = sd.getVariable("w").getArr();
        for (int i = 0; i < n; i++) {
            assertEquals(w[i], actual.getDouble(i), 1e-5, "w[" + i + "]");
            assertEquals(v[i], sgd.velocity("w").getDouble(i), 1e-5, "v[" + i + "]");
        }
    }
}
