package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FastReluTest {

    /** loss = Σ relu(x)·w; x stays at least 0.1 away from the kink so finite differences are exact there. */
    private static SameDiff graph(boolean fast) {
        Nd4j.getRandom().setSeed(11);
        SameDiff sd = SameDiff.create();
        INDArray magnitude = Nd4j.rand(DataType.DOUBLE, 3, 4, 5, 5).muli(2).addi(0.1);
        INDArray sign = Nd4j.rand(DataType.DOUBLE, 3, 4, 5, 5).gt(0.5).castTo(DataType.DOUBLE).muli(2).subi(1);
        SDVariable x = sd.var("x", magnitude.mul(sign));
        SDVariable y = fast ? FastRelu.apply(sd, x) : sd.nn().relu(x, 0);
        sd.identity("y", y);
        SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, 3, 4, 5, 5).subi(0.5));
        sd.sum("loss", y.mul(w));
        sd.setLossVariables("loss");
        return sd;
    }

    @Test
    void shouldComputeMaxOfXAndZero() {
        SameDiff sd = graph(true);
        INDArray x = sd.getVariable("x").getArr();
        INDArray y = sd.output(Map.of(), "y").get("y");
        for (long i = 0; i < x.length(); i++) {
            assertEquals(Math.max(0, x.getDouble(i)), y.getDouble(i), 0.0);
        }
    }

    @Test
    void shouldMatchFiniteDifferencesAndTheStockGradient() {
        SameDiff sd = graph(true);
        INDArray grad = sd.calculateGradients(Map.of(), "x").get("x");
        INDArray stock = graph(false).calculateGradients(Map.of(), "x").get("x");
        double[] numeric = FiniteDifferences.gradient(sd, "x", 1e-6);
        for (int i = 0; i < numeric.length; i++) {
            assertEquals(numeric[i], grad.getDouble(i), 1e-7, "element " + i);
            assertEquals(stock.getDouble(i), grad.getDouble(i), 0.0, "element " + i);
        }
    }

    @Test
    void shouldNotUseTheSlowNativeBackwardOp() {
        SameDiff sd = graph(true);
        sd.calculateGradients(Map.of(), "x");
        String[] ops = Arrays.stream(sd.getFunction("grad").ops()).map(op -> op.opName()).toArray(String[]::new);
        assertFalse(Arrays.asList(ops).contains("thresholdedrelu_bp"), Arrays.toString(ops));
    }
}
