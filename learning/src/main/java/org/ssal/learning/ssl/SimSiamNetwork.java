package org.ssal.learning.ssl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the SimSiam graphs in SameDiff. Every trainable variable has a stable name
 * ({@code enc.conv1.W}, {@code proj.fc1.W}, ...) so that weights move between the graphs by name:
 * <ul>
 * <li>{@link Mode#TRAIN}: placeholders {@code view1}, {@code view2}; encoder f, projector
 *     (3 × Linear-BN, ReLU between) giving z1/z2, predictor (Linear-BN-ReLU, Linear) giving p1/p2, and
 *     the loss ½D(p1, sg(z2)) + ½D(p2, sg(z1)), D = negative cosine similarity (paper, Alg. 1).
 *     BN uses batch statistics ({@link BatchNormTraining}).</li>
 * <li>{@link Mode#CALIBRATE}: placeholder {@code input}; the encoder with batch statistics, whose
 *     per-layer batch mean/variance ({@code <bn>_mean}, {@code <bn>_var}) are read out to estimate
 *     the inference statistics.</li>
 * <li>{@link Mode#INFER}: placeholder {@code input}; the encoder with fixed statistics (constants
 *     {@code <bn>.mean}, {@code <bn>.var}), output {@code embedding}. This graph is what is saved.</li>
 * </ul>
 */
public final class SimSiamNetwork {
    public enum Mode { TRAIN, CALIBRATE, INFER }

    public static final String VIEW1 = "view1";
    public static final String VIEW2 = "view2";
    public static final String INPUT = "input";
    public static final String EMBEDDING = "embedding";
    public static final String LOSS = "loss";
    public static final String Z1 = "z1";
    static final double BN_EPS = 1e-5;

    private final SameDiff sd = SameDiff.create();
    private final Mode mode;
    private final Random init;
    private final Map<String, INDArray> bnStats;
    private final List<String> bnLayers = new ArrayList<>();
    private final Map<String, Long> bnChannels = new LinkedHashMap<>();
    private int featureDim;

    private SimSiamNetwork(Mode mode, long seed, Map<String, INDArray> bnStats) {
        this.mode = mode;
        this.init = new Random(seed);
        this.bnStats = bnStats;
    }

    /** The two-view training graph with loss {@value #LOSS} and monitor output {@value #Z1}. */
    public static SimSiamNetwork training(SimSiamConfig cfg, int channels, int height, int width) {
        BatchNormTraining.register();
        SimSiamNetwork net = new SimSiamNetwork(Mode.TRAIN, cfg.seed(), Map.of());
        SameDiff sd = net.sd;
        SDVariable v1 = sd.placeHolder(VIEW1, DataType.FLOAT, -1, channels, height, width);
        SDVariable v2 = sd.placeHolder(VIEW2, DataType.FLOAT, -1, channels, height, width);
        SDVariable z1 = net.projector("a/", net.encoder("a/", cfg.encoder(), v1, channels), cfg.projectorDim());
        SDVariable z2 = net.projector("b/", net.encoder("b/", cfg.encoder(), v2, channels), cfg.projectorDim());
        sd.identity(Z1, z1);
        SDVariable p1 = net.predictor("a/", z1, cfg.projectorDim(), cfg.predictorHiddenDim());
        SDVariable p2 = net.predictor("b/", z2, cfg.projectorDim(), cfg.predictorHiddenDim());
        SDVariable loss = NegativeCosineLoss.symmetrized(sd, p1, z1, p2, z2);
        sd.identity(LOSS, loss);
        sd.setLossVariables(LOSS);
        return net;
    }

    /** The encoder alone, batch statistics, for measuring inference statistics. */
    public static SimSiamNetwork calibration(SimSiamConfig cfg, int channels, int height, int width) {
        BatchNormTraining.register();
        SimSiamNetwork net = new SimSiamNetwork(Mode.CALIBRATE, cfg.seed(), Map.of());
        SDVariable in = net.sd.placeHolder(INPUT, DataType.FLOAT, -1, channels, height, width);
        net.sd.identity(EMBEDDING, net.encoder("", cfg.encoder(), in, channels));
        return net;
    }

    /** The encoder alone with fixed BN statistics ({@code <bn>.mean}/{@code <bn>.var} → array). */
    public static SimSiamNetwork inference(SimSiamConfig cfg, int channels, int height, int width,
                                           Map<String, INDArray> bnStats) {
        SimSiamNetwork net = new SimSiamNetwork(Mode.INFER, cfg.seed(), bnStats);
        SDVariable in = net.sd.placeHolder(INPUT, DataType.FLOAT, -1, channels, height, width);
        net.sd.identity(EMBEDDING, net.encoder("", cfg.encoder(), in, channels));
        return net;
    }

    public SameDiff graph() { return sd; }
    public int featureDim() { return featureDim; }
    /** Names of the encoder's BN layers, in graph order. */
    public List<String> bnLayers() { return List.copyOf(bnLayers); }

    /** Copies every trainable variable of {@code from} that this graph also has, by name. */
    public void copyWeightsFrom(SameDiff from) {
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE && from.hasVariable(v.name())) {
                v.getArr().assign(from.getVariable(v.name()).getArr());
            }
        }
    }

    // ---- encoder families ----

    private SDVariable encoder(String view, String spec, SDVariable x, int channels) {
        NetworkSpec e = NetworkSpec.parse(spec);
        SDVariable h;
        if (e.family().equals("smallcnn")) {
            int[] widths = {32, 64, 128, 256};
            int[] strides = {1, 2, 2, 2};
            h = x;
            int cIn = channels;
            for (int i = 0; i < widths.length; i++) {
                String name = "enc.conv" + (i + 1);
                h = relu(bn(view, name + ".bn", conv(view, name, h, cIn, widths[i], 3, strides[i]), widths[i], 4));
                cIn = widths[i];
            }
            featureDim = cIn;
        } else {
            int base = e.channels(64);
            h = relu(bn(view, "enc.stem.bn", conv(view, "enc.stem", x, channels, base, 3, 1), base, 4));
            int cIn = base;
            int[] stageBase = {64, 128, 256, 512};
            for (int s = 0; s < 4; s++) {
                int cOut = e.channels(stageBase[s]);
                for (int b = 0; b < 2; b++) {
                    int stride = (b == 0 && s > 0) ? 2 : 1;
                    h = basicBlock(view, "enc.layer" + (s + 1) + "." + b, h, cIn, cOut, stride);
                    cIn = cOut;
                }
            }
            featureDim = cIn;
        }
        return sd.mean(view + "enc.pool", h, 2, 3);
    }

    /** ResNet basic block (He et al. 2016): two 3×3 convs, identity or 1×1-conv shortcut. */
    private SDVariable basicBlock(String view, String name, SDVariable x, int cIn, int cOut, int stride) {
        SDVariable h = relu(bn(view, name + ".bn1", conv(view, name + ".conv1", x, cIn, cOut, 3, stride), cOut, 4));
        h = bn(view, name + ".bn2", conv(view, name + ".conv2", h, cOut, cOut, 3, 1), cOut, 4);
        SDVariable shortcut = x;
        if (stride != 1 || cIn != cOut) {
            shortcut = bn(view, name + ".down.bn", conv(view, name + ".down", x, cIn, cOut, 1, stride), cOut, 4);
        }
        return relu(h.add(shortcut));
    }

    private SDVariable projector(String view, SDVariable f, int dim) {
        SDVariable h = relu(bn(view, "proj.bn1", linear(view, "proj.fc1", f, featureDim, dim, false), dim, 2));
        h = relu(bn(view, "proj.bn2", linear(view, "proj.fc2", h, dim, dim, false), dim, 2));
        return bn(view, "proj.bn3", linear(view, "proj.fc3", h, dim, dim, false), dim, 2);
    }

    private SDVariable predictor(String view, SDVariable z, int dim, int hidden) {
        SDVariable h = relu(bn(view, "pred.bn1", linear(view, "pred.fc1", z, dim, hidden, false), hidden, 2));
        return linear(view, "pred.fc2", h, hidden, dim, true);
    }

    // ---- layers ----

    private SDVariable conv(String view, String name, SDVariable x, int cIn, int cOut, int k, int stride) {
        // He (Kaiming) normal, fan_out as torchvision's ResNet: std = sqrt(2 / (k·k·cOut))
        SDVariable w = weight(name + ".W", new long[] {k, k, cIn, cOut}, Math.sqrt(2.0 / (k * k * cOut)), false);
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride)
                .pH(k / 2).pW(k / 2).dataFormat("NCHW").paddingMode(PaddingMode.VALID).build();
        return sd.cnn().conv2d(view + name, x, w, config);
    }

    private SDVariable linear(String view, String name, SDVariable x, int nIn, int nOut, boolean bias) {
        // PyTorch's nn.Linear default: U(−1/√nIn, 1/√nIn)
        SDVariable w = weight(name + ".W", new long[] {nIn, nOut}, 1.0 / Math.sqrt(nIn), true);
        SDVariable y = x.mmul(view + name, w);
        if (bias) {
            SDVariable b = sd.hasVariable(name + ".b") ? sd.getVariable(name + ".b")
                    : sd.var(name + ".b", Nd4j.zeros(DataType.FLOAT, nOut));
            y = y.add(b);
        }
        return y;
    }

    private SDVariable bn(String view, String name, SDVariable x, long channels, int rank) {
        if (!sd.hasVariable(name + ".gamma")) {
            sd.var(name + ".gamma", Nd4j.ones(DataType.FLOAT, channels));
            sd.var(name + ".beta", Nd4j.zeros(DataType.FLOAT, channels));
            bnLayers.add(name);
            bnChannels.put(name, channels);
        }
        SDVariable gamma = sd.getVariable(name + ".gamma");
        SDVariable beta = sd.getVariable(name + ".beta");
        if (mode == Mode.INFER) {
            INDArray mean = bnStats.get(name + ".mean");
            INDArray var = bnStats.get(name + ".var");
            if (mean == null || var == null) {
                throw new IllegalArgumentException("no inference statistics for batch norm layer " + name);
            }
            return sd.nn().batchNorm(view + name, x, sd.constant(name + ".mean", mean),
                    sd.constant(name + ".var", var), gamma, beta, BN_EPS, 1);
        }
        return BatchNormTraining.apply(sd, view + name, x, gamma, beta, BN_EPS, 1, rank);
    }

    private SDVariable relu(SDVariable x) {
        // the graphs that are differentiated (TRAIN; CALIBRATE in the supervised baseline) get the
        // fast gradient; the saved inference graph keeps the stock op, so loading needs no override
        return mode == Mode.INFER ? sd.nn().relu(x, 0) : FastRelu.apply(sd, x);
    }

    private SDVariable weight(String name, long[] shape, double scale, boolean uniform) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (uniform ? scale * (2 * init.nextDouble() - 1) : scale * init.nextGaussian());
        }
        return sd.var(name, Nd4j.create(values, shape, 'c'));
    }
}
