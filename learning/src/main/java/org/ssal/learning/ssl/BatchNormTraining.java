package org.ssal.learning.ssl;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Batch normalization in training mode (batch statistics) whose gradient is right.
 * <p>Why a class of our own: in ND4J 1.0.0-M2.1 the stock {@code BatchNorm} op cannot be
 * differentiated (its {@code doDiff} loses the axis when the graph is copied for the gradient
 * function, and {@code BatchNormDerivative} then rejects its input count; measured in
 * shared/notes/dl4j.md). This op runs the native {@code batchnorm} kernel forward on the batch
 * mean and (biased) variance, and writes its backward pass as a handful of graph ops from the
 * closed form of the batch-statistics gradient (Ioffe &amp; Szegedy 2015, §3):
 * dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂)) with g = γ·dy, dγ = Σ dy·x̂, dβ = Σ dy.
 * The mean and variance enter the op detached from the gradient graph, because that formula
 * already contains their contribution.
 * <p>libnd4j's native {@code batchnorm_bp}, called alone with the batch mean and biased variance,
 * agrees with this closed form (1e-7 relative in float, measured); an earlier attempt that
 * looked ~50 % off most likely also sent its d mean / d variance back through the statistics ops,
 * counting that term twice. It is not used because on our CPU it was slower than the closed form
 * as graph ops (docs/benchmarks.md). {@code BatchNormTrainingTest} checks this op's gradient against
 * finite differences.
 * <p>So that SameDiff's copy of the op in the gradient function is this class and not the broken
 * stock one, {@link #register()} maps the native {@code batchnorm} op to this class
 * ({@link NativeOpOverride}, once per JVM). Everything the backward pass needs is read from the op's
 * integer and float arguments, which survive the copy, never from Java fields.
 */
public final class BatchNormTraining extends NativeOpOverride {
    /**
     * The default path: statistics from one {@code moments} op, detached from the gradient graph,
     * and the per-channel closed-form backward ({@link #fastDiff}). {@code -Dssal.bn=graph} selects
     * the earlier formulation (mean/square/mean behind a stop-gradient, element-wise backward),
     * kept so that SimSiamBench can measure one against the other (docs/benchmarks.md).
     */
    static final boolean FAST = !"graph".equals(System.getProperty("ssal.bn", "fast"));

    /** For the op registry's reflection. */
    public BatchNormTraining() { }

    private BatchNormTraining(SameDiff sd, SDVariable x, SDVariable mean, SDVariable variance,
                              SDVariable gamma, SDVariable beta, double epsilon, int axis, int rank) {
        super(sd, new SDVariable[] {x, mean, variance, gamma, beta});
        addIArgument(1, 1, axis); // apply gamma, apply beta, channel axis
        // the native kernel reads only the first t-argument; the rank rides along for doDiff,
        // which cannot rely on static shapes inside the gradient graph
        addTArgument(epsilon, rank);
    }

    /**
     * Normalizes {@code x} over every axis except {@code axis} with the batch mean and biased
     * variance, then scales by {@code gamma} and shifts by {@code beta}.
     *
     * @param name prefix of the variables created ({@code name_mean}, {@code name_var}, {@code name})
     */
    public static SDVariable apply(SameDiff sd, String name, SDVariable x, SDVariable gamma, SDVariable beta,
                                   double epsilon, int axis, int rank) {
        register();
        int[] reduce = reductionAxes(axis, rank);
        if (FAST) {
            SDVariable[] moments = sd.math().moments(new String[] {name + "_mean", name + "_var"}, x, reduce, false);
            return new BatchNormTraining(sd, x, detach(sd, moments[0]), detach(sd, moments[1]),
                    gamma, beta, epsilon, axis, rank).outputVariables(name)[0];
        }
        // variance as mean((x - mean)^2) rather than sd.variance: SameDiff's op copy drops the
        // variance op's bias-correction flag, so the gradient graph would see N/(N-1) times it
        SDVariable meanKeep = sd.mean(x, true, reduce);
        SDVariable mean = sd.reshape(name + "_mean", meanKeep, -1);
        SDVariable variance = sd.mean(name + "_var", sd.math().square(x.sub(meanKeep)), false, reduce);
        return new BatchNormTraining(sd, x, stopGradient(sd, mean), stopGradient(sd, variance),
                gamma, beta, epsilon, axis, rank).outputVariables(name)[0];
    }

    /**
     * x with no path back for the gradient: SameDiff differentiates every op between the loss and a
     * trainable variable through floating-point variables only (a {@code StopGradient} still gets
     * its upstream ops differentiated, with zeros), so the bits are read as int32 and back. Used on
     * [C]-sized statistics, where the two copies cost nothing.
     */
    static SDVariable detach(SameDiff sd, SDVariable x) {
        SDVariable bits = new Reinterpret(sd, x, DataType.INT32).outputVariable();
        return new Reinterpret(sd, bits, x.dataType()).outputVariable();
    }

    /** libnd4j's {@code bitcast}: the same bytes read as another type. */
    public static final class Reinterpret extends DynamicCustomOp {
        public Reinterpret() { }

        Reinterpret(SameDiff sd, SDVariable x, DataType to) {
            super(null, sd, new SDVariable[] {x}, false);
            addIArgument(to.toInt());
        }

        @Override
        public String opName() { return "bitcast"; }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
            return List.of(DataType.fromInt((int) iArgs()[0]));
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            throw new UnsupportedOperationException("bitcast has no gradient");
        }
    }

    private static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    /**
     * Makes ND4J re-create native {@code batchnorm} ops as this class when it copies a graph.
     * Forward execution is unchanged (same native kernel, same arguments); only the gradient
     * differs, and the stock one throws.
     */
    public static void register() {
        NativeOpOverride.use("batchnorm", BatchNormTraining.class);
    }

    @Override
    public String opName() { return "batchnorm"; }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        // inputs: x, mean, variance, gamma, beta; i-args: 1, 1, axis; t-args: epsilon, rank
        SDVariable[] in = args();
        SDVariable x = in[0];
        SDVariable dy = gradients.get(0);
        int axis = (int) iArgs()[2];
        double epsilon = tArgs()[0];
        int rank = (int) tArgs()[1];
        int[] reduce = reductionAxes(axis, rank);
        long[] broadcast = new long[rank];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[axis] = -1;
        SameDiff sd = sameDiff;
        if (FAST) {
            return fastDiff(sd, x, dy, in, axis, reduce, broadcast, epsilon, rank);
        }
        SDVariable invStd = sd.reshape(sd.math().rsqrt(in[2].add(epsilon)), broadcast);
        SDVariable xhat = x.sub(sd.reshape(in[1], broadcast)).mul(invStd);
        SDVariable g = dy.mul(sd.reshape(in[3], broadcast));
        SDVariable dx = g.sub(sd.mean(g, true, reduce))
                .sub(xhat.mul(sd.mean(g.mul(xhat), true, reduce)))
                .mul(invStd);
        SDVariable dGamma = sd.sum(dy.mul(xhat), reduce);
        SDVariable dBeta = sd.sum(dy, reduce);
        // mean and variance arrive through a stop-gradient: their gradient is never used
        return Arrays.asList(dx, sd.zerosLike(in[1]), sd.zerosLike(in[2]), dGamma, dBeta);
    }

    /**
     * The backward pass per channel: dβ = Σdy, dγ = σ⁻¹(Σdy·x − μ·dβ), and
     * dx = γσ⁻¹(dy − dβ/N − x̂·dγ/N) = a·dy + b·x + c with [C]-sized a = γσ⁻¹, b = −aσ⁻¹dγ/N,
     * c = −a·dβ/N − b·μ: three full-size element-wise ops (b·x + c is one native batchnorm call)
     * and two reductions.
     */
    private static List<SDVariable> fastDiff(SameDiff sd, SDVariable x, SDVariable dy, SDVariable[] in, int axis,
                                             int[] reduce, long[] broadcast, double epsilon, int rank) {
        SDVariable mean = in[1];
        SDVariable gamma = in[3];
        SDVariable invStd = sd.math().rsqrt(in[2].add(epsilon));
        SDVariable n = sd.sizeAt(x, 0).castTo(x.dataType());
        for (int a : reduce) {
            if (a != 0) {
                n = n.mul(sd.sizeAt(x, a).castTo(x.dataType()));
            }
        }
        SDVariable dBeta = sd.sum(dy, reduce);
        SDVariable sumDyX = sd.sum(dy.mul(x), reduce);
        SDVariable dGamma = sumDyX.sub(mean.mul(dBeta)).mul(invStd);
        SDVariable a = gamma.mul(invStd);
        SDVariable b = a.mul(invStd).mul(dGamma).div(n).neg();
        SDVariable c = a.mul(dBeta).div(n).neg().sub(b.mul(mean));
        // b·x + c in one pass: the native batchnorm kernel with mean 0 and variance 1 − ε is that affine map
        SDVariable unitVar = sd.onesLike(in[2]).sub(epsilon);
        SDVariable affine = new BatchNormTraining(sd, x, sd.zerosLike(in[1]), unitVar, b, c, epsilon,
                axis, rank).outputVariable();
        SDVariable dx = dy.mul(sd.reshape(a, broadcast)).add(affine);
        return Arrays.asList(dx, sd.zerosLike(in[1]), sd.zerosLike(in[2]), dGamma, dBeta);
    }

    static int[] reductionAxes(int axis, int rank) {
        return java.util.stream.IntStream.range(0, rank).filter(a -> a != axis).toArray();
    }
}
