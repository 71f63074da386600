package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormTrainingTest {

    /** loss = Σ BN(x)·w with a fixed random w, so that every output element gets its own weight. */
    private static SameDiff graph(long[] shape, int rank) {
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, shape).muli(3).addi(1));
        long channels = shape[1];
        SDVariable gamma = sd.var("gamma", Nd4j.rand(DataType.DOUBLE, channels).addi(0.5));
        SDVariable beta = sd.var("beta", Nd4j.rand(DataType.DOUBLE, channels));
        SDVariable y = BatchNormTraining.apply(sd, "bn", x, gamma, beta, 1e-5, 1, rank);
        SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, shape).subi(0.5));
        sd.sum("loss", y.mul(w));
        sd.setLossVariables("loss");
        return sd;
    }

    private static void checkAgainstFiniteDifferences(long[] shape) {
        SameDiff sd = graph(shape, shape.length);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "x", "gamma", "beta");
        for (String name : new String[] {"x", "gamma", "beta"}) {
            double[] numeric = FiniteDifferences.gradient(sd, name, 1e-6);
            INDArray analytic = grads.get(name);
            double maxRel = 0;
            for (int i = 0; i < numeric.length; i++) {
                double a = analytic.getDouble(i);
                double rel = Math.abs(a - numeric[i]) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric[i]));
                maxRel = Math.max(maxRel, rel);
            }
            assertTrue(maxRel < 1e-5, name + ": max relative error " + maxRel);
        }
    }

    @Test
    void shouldMatchFiniteDifferencesWhenNormalizingConvFeatureMaps() {
        checkAgainstFiniteDifferences(new long[] {4, 3, 3, 3});
    }

    @Test
    void shouldMatchFiniteDifferencesWhenNormalizingDenseFeatures() {
        checkAgainstFiniteDifferences(new long[] {6, 5});
    }

    @Test
    void shouldGiveZeroMeanUnitVarianceWhenGammaIsOneAndBetaZero() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.rand(DataType.FLOAT, 8, 4, 5, 5).muli(4).addi(2));
        SDVariable y = BatchNormTraining.apply(sd, "bn", x, sd.constant(Nd4j.ones(DataType.FLOAT, 4)),
                sd.constant(Nd4j.zeros(DataType.FLOAT, 4)), 1e-5, 1, 4);
        INDArray out = y.eval();
        INDArray mean = out.mean(0, 2, 3);
        INDArray var = out.var(false, 0, 2, 3);
        for (int c = 0; c < 4; c++) {
            assertEquals(0.0, mean.getDouble(c), 1e-5);
            assertEquals(1.0, var.getDouble(c), 1e-3);
        }
    }
}
