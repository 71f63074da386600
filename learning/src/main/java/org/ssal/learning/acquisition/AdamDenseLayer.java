package org.ssal.learning.acquisition;

import java.util.SplittableRandom;

/**
 * A fully connected layer y = x·W + b on row-major batches, with its own Adam state (Kingma
 * &amp; Ba 2015, default β1 = 0.9, β2 = 0.999, ε = 1e-8). Just enough network for the small MLPs
 * of {@link VaalStrategy}; plain sequential Java, hence bit-reproducible. Inner loops run over
 * the output dimension on contiguous memory so the JIT can vectorise them.
 */
final class AdamDenseLayer {
    final int in;
    final int out;
    final float[] w; // [in][out]
    final float[] b;
    private final float[] gw;
    private final float[] gb;
    private final float[] mw;
    private final float[] vw;
    private final float[] mb;
    private final float[] vb;
    private int steps;

    /** He-uniform initialisation, suited to the ReLU layers that follow. */
    AdamDenseLayer(int in, int out, SplittableRandom rng) {
        this.in = in;
        this.out = out;
        w = new float[in * out];
        b = new float[out];
        double limit = Math.sqrt(6.0 / in);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
        gw = new float[w.length];
        gb = new float[out];
        mw = new float[w.length];
        vw = new float[w.length];
        mb = new float[out];
        vb = new float[out];
    }

    /** y[rows][out] for x[rows][in]. */
    float[] forward(float[] x, int rows) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            int yr = r * out;
            System.arraycopy(b, 0, y, yr, out);
            for (int i = 0; i < in; i++) {
                float xi = x[r * in + i];
                if (xi == 0f) {
                    continue; // ReLU outputs are often exactly zero
                }
                int wi = i * out;
                for (int o = 0; o < out; o++) {
                    y[yr + o] += xi * w[wi + o];
                }
            }
        }
        return y;
    }

    /** Accumulates parameter gradients and returns dL/dx, given the layer input and dL/dy. */
    float[] backward(float[] x, float[] gy, int rows) {
        float[] gx = new float[rows * in];
        for (int r = 0; r < rows; r++) {
            int yr = r * out;
            for (int o = 0; o < out; o++) {
                gb[o] += gy[yr + o];
            }
            for (int i = 0; i < in; i++) {
                int wi = i * out;
                float xi = x[r * in + i];
                float sum = 0f;
                for (int o = 0; o < out; o++) {
                    float g = gy[yr + o];
                    gw[wi + o] += xi * g;
                    sum += w[wi + o] * g;
                }
                gx[r * in + i] = sum;
            }
        }
        return gx;
    }

    void zeroGradients() {
        java.util.Arrays.fill(gw, 0f);
        java.util.Arrays.fill(gb, 0f);
    }

    /** One Adam step with the accumulated gradients, which are then cleared. */
    void adam(double learningRate) {
        steps++;
        double c1 = 1 - Math.pow(0.9, steps);
        double c2 = 1 - Math.pow(0.999, steps);
        update(w, gw, mw, vw, learningRate, c1, c2);
        update(b, gb, mb, vb, learningRate, c1, c2);
        zeroGradients();
    }

    private static void update(float[] p, float[] g, float[] m, float[] v, double lr, double c1, double c2) {
        for (int i = 0; i < p.length; i++) {
            m[i] = 0.9f * m[i] + 0.1f * g[i];
            v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
            p[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
        }
    }

    static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
        return y;
    }

    /** dL/dx of a ReLU, given its output and dL/dy. */
    static float[] reluBackward(float[] y, float[] gy) {
        float[] gx = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            gx[i] = y[i] > 0f ? gy[i] : 0f;
        }
        return gx;
    }
}
