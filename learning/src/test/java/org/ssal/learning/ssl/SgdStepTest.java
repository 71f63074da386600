package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdStepTest {

    /** torch.optim.SGD with momentum m and weight decay wd, by hand: d = g + wd·w; v = m·v + d; w -= lr·v. */
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
        Map<String, INDArray> velocity = new HashMap<>(Map.of("w", Nd4j.zeros(DataType.FLOAT, n)));
        double lr = 0.05;
        double m = 0.9;
        double wd = 0.05; // large enough that a mistake in the decay term shows
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
            SimSiamTrainer.sgdStep(sd, List.of("w"), Map.of("w", Nd4j.create(g, new long[] {n}, 'c')), velocity, lr, m, wd);
        }
        INDArray actual = sd.getVariable("w").getArr();
        for (int i = 0; i < n; i++) {
            assertEquals(w[i], actual.getDouble(i), 1e-5, "w[" + i + "]");
            assertEquals(v[i], velocity.get("w").getDouble(i), 1e-5, "v[" + i + "]");
        }
    }
}
