package org.ssal.learning.ssl;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of a graph's scalar {@code loss} with respect to one variable. */
final class FiniteDifferences {
    private FiniteDifferences() { }

    static double[] gradient(SameDiff sd, String variable, double eps) {
        INDArray param = sd.getVariable(variable).getArr();
        double[] numeric = new double[(int) param.length()];
        for (int i = 0; i < numeric.length; i++) {
            double orig = param.getDouble(i);
            param.putScalar(i, orig + eps);
            double plus = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            param.putScalar(i, orig - eps);
            double minus = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            param.putScalar(i, orig);
            numeric[i] = (plus - minus) / (2 * eps);
        }
        return numeric;
    }
}
