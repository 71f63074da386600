package org.ssal.learning.ssl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * torch.optim.SGD with heavy-ball momentum and L2 weight decay added to the gradient, which the
 * SimSiam paper used: d = g + wd·w; v = m·v + d; w −= lr·v. Written here rather than taken from
 * ND4J, whose momentum updater is Nesterov's. One instance per training run holds the graph's
 * trainable variables and their velocities; SimSiam pretraining, the supervised baseline and the
 * benchmark all train with it.
 */
public final class MomentumSgd {
    private final SameDiff sd;
    private final double momentum;
    private final double weightDecay;
    private final List<String> params = new ArrayList<>();
    private final Map<String, INDArray> velocity = new HashMap<>();

    public MomentumSgd(SameDiff sd, double momentum, double weightDecay) {
        this.sd = sd;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                params.add(v.name());
                velocity.put(v.name(), Nd4j.zerosLike(v.getArr()));
            }
        }
    }

    /** Names of the trainable variables, for {@code calculateGradients}. */
    public List<String> params() { return List.copyOf(params); }

    /** Velocity of one variable (zeros before the first step). */
    INDArray velocity(String name) { return velocity.get(name); }

    /** lr at {@code epoch} (0-based) of {@code epochs}: per-epoch cosine decay from {@code base} to 0. */
    public static double cosineLearningRate(double base, int epoch, int epochs) {
        return base * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
    }

    /** One update with learning rate {@code lr}; a variable without a gradient is left as it is. */
    public void step(Map<String, INDArray> grads, double lr) {
        for (String name : params) {
            INDArray g = grads.get(name);
            if (g == null) {
                continue;
            }
            INDArray w = sd.getVariable(name).getArr();
            INDArray v = velocity.get(name);
            // in place with BLAS axpy: the update used to allocate two temporaries per parameter
            // and cost ~7 % of a training step (JFR, docs/benchmarks.md)
            v.muli(momentum).addi(g);
            if (weightDecay > 0) {
                Nd4j.getBlasWrapper().level1().axpy(v.length(), weightDecay, w, v);
            }
            Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr, v, w);
        }
    }
}
