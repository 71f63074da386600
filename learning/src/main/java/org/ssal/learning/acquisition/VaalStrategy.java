package org.ssal.learning.acquisition;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Variational Adversarial Active Learning (Sinha, Ebrahimi &amp; Darrell 2019, "Variational
 * Adversarial Active Learning"): a VAE learns a latent space of labeled and unlabeled samples
 * together while trying to fool a discriminator that tells the two apart; the pool samples the
 * discriminator is most sure are unlabeled are queried ("we select the samples with the lowest
 * confidence ... of being labeled"). The score is the discriminator's logit (log-odds of
 * "labeled") of the sample's latent mean; the lowest are picked first.
 *
 * <p>Simplifications, all deliberate and cheap to revisit:
 * <ul>
 *   <li>It works on the frozen embeddings, not on images, so the VAE and the discriminator are
 *       MLPs with one (VAE) or two (discriminator) hidden ReLU layers of {@code hidden} units,
 *       not the paper's convolutional VAE.</li>
 *   <li>Embeddings are z-scored over pool ∪ labeled first. The VAE loss is the usual per-sample
 *       ELBO (squared error summed over features + β·KL summed over latent dimensions, averaged
 *       over the batch) plus λ times the mean binary cross-entropy of fooling the discriminator,
 *       with the paper's β = λ = 1. (Averaging the reconstruction per feature instead, as the
 *       authors' code does with a summed KL, let the KL term collapse the latent space on
 *       embeddings in our tests, and the discriminator then had nothing to tell apart.)</li>
 *   <li>One VAE step and one discriminator step per iteration (the authors' code does 2 and 1),
 *       a fixed number of iterations instead of epochs, batches drawn with replacement.</li>
 * </ul>
 * Defaults kept from the paper: latent size 32 ("the latent space ... d = 32" for CIFAR) and Adam
 * at learning rate 5e-4 for both networks. Deterministic: all randomness (initial weights,
 * batches, reparameterisation noise) comes from the round's stream of the campaign seed.
 * With no labeled sample there is nothing to tell apart; scores are then seeded uniform random
 * numbers, which makes the pick a random draw.
 */
public final class VaalStrategy extends ScoreBasedStrategy {
    public static final int DEFAULT_HIDDEN = 64;
    public static final int DEFAULT_LATENT = 32;
    public static final int DEFAULT_ITERATIONS = 300;
    public static final int DEFAULT_BATCH = 64;
    public static final double LEARNING_RATE = 5e-4;
    public static final double BETA = 1.0;
    public static final double ADVERSARIAL_WEIGHT = 1.0;

    private final int hidden;
    private final int latent;
    private final int iterations;
    private final int batch;

    public VaalStrategy() {
        this(DEFAULT_HIDDEN, DEFAULT_LATENT, DEFAULT_ITERATIONS, DEFAULT_BATCH);
    }

    public VaalStrategy(int hidden, int latent, int iterations, int batch) {
        super(Direction.LOWEST_FIRST);
        positive("hidden", hidden);
        positive("latent", latent);
        positive("iterations", iterations);
        positive("batch", batch);
        this.hidden = hidden;
        this.latent = latent;
        this.iterations = iterations;
        this.batch = batch;
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
    }

    @Override
    public String name() {
        return "vaal";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.of(Requirement.EMBEDDINGS);
    }

    @Override
    protected double[] scores(SelectionContext ctx) {
        SplittableRandom rng = ctx.selectionStream();
        float[][] pool = ctx.poolEmbeddings();
        float[][] labeled = ctx.labeledEmbeddingsOrEmpty();
        double[] scores = new double[pool.length];
        if (labeled.length == 0) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = rng.nextDouble();
            }
            return scores;
        }
        Model model = new Model(pool[0].length, pool, labeled, rng);
        for (int it = 0; it < iterations; it++) {
            model.trainStep(rng);
        }
        int chunk = 1024;
        for (int lo = 0; lo < pool.length; lo += chunk) {
            int rows = Math.min(chunk, pool.length - lo);
            int[] idx = new int[rows];
            for (int r = 0; r < rows; r++) {
                idx[r] = lo + r;
            }
            float[] logits = model.discriminate(model.encode(model.gather(pool, idx)).mu, rows).logit;
            for (int r = 0; r < rows; r++) {
                scores[lo + r] = logits[r];
            }
        }
        return scores;
    }

    @Override
    public String toString() {
        return "VaalStrategy(hidden=" + hidden + ", latent=" + latent + ", iterations=" + iterations + ", batch=" + batch + ")";
    }

    /** The VAE, the discriminator and the data they learn from. */
    private final class Model {
        final int dim;
        final float[][] pool;
        final float[][] labeled;
        final double[] mean;
        final double[] invStd;
        final AdamDenseLayer enc1;
        final AdamDenseLayer encOut; // mu | logvar
        final AdamDenseLayer dec1;
        final AdamDenseLayer decOut;
        final AdamDenseLayer dis1;
        final AdamDenseLayer dis2;
        final AdamDenseLayer disOut;

        Model(int dim, float[][] pool, float[][] labeled, SplittableRandom rng) {
            this.dim = dim;
            this.pool = pool;
            this.labeled = labeled;
            mean = new double[dim];
            double[] var = new double[dim];
            int n = pool.length + labeled.length;
            for (float[][] rows : new float[][][] {pool, labeled}) {
                for (float[] row : rows) {
                    for (int j = 0; j < dim; j++) {
                        mean[j] += row[j];
                    }
                }
            }
            for (int j = 0; j < dim; j++) {
                mean[j] /= n;
            }
            for (float[][] rows : new float[][][] {pool, labeled}) {
                for (float[] row : rows) {
                    for (int j = 0; j < dim; j++) {
                        double c = row[j] - mean[j];
                        var[j] += c * c;
                    }
                }
            }
            invStd = new double[dim];
            for (int j = 0; j < dim; j++) {
                double std = Math.sqrt(var[j] / n);
                invStd[j] = std > 1e-12 ? 1 / std : 1;
            }
            enc1 = new AdamDenseLayer(dim, hidden, rng);
            encOut = new AdamDenseLayer(hidden, 2 * latent, rng);
            dec1 = new AdamDenseLayer(latent, hidden, rng);
            decOut = new AdamDenseLayer(hidden, dim, rng);
            dis1 = new AdamDenseLayer(latent, hidden, rng);
            dis2 = new AdamDenseLayer(hidden, hidden, rng);
            disOut = new AdamDenseLayer(hidden, 1, rng);
        }

        float[] gather(float[][] rows, int[] idx) {
            float[] x = new float[idx.length * dim];
            for (int r = 0; r < idx.length; r++) {
                float[] row = rows[idx[r]];
                for (int j = 0; j < dim; j++) {
                    x[r * dim + j] = (float) ((row[j] - mean[j]) * invStd[j]);
                }
            }
            return x;
        }

        record Encoded(float[] x, float[] h, float[] out, float[] mu, float[] logVar) {
        }

        Encoded encode(float[] x) {
            int rows = x.length / dim;
            float[] h = AdamDenseLayer.relu(enc1.forward(x, rows));
            float[] out = encOut.forward(h, rows);
            float[] mu = new float[rows * latent];
            float[] logVar = new float[rows * latent];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < latent; j++) {
                    mu[r * latent + j] = out[r * 2 * latent + j];
                    // clamped so exp() stays finite while the networks are still wild
                    logVar[r * latent + j] = Math.max(-10f, Math.min(10f, out[r * 2 * latent + latent + j]));
                }
            }
            return new Encoded(x, h, out, mu, logVar);
        }

        record Discriminated(float[] z, float[] h1, float[] h2, float[] logit) {
        }

        Discriminated discriminate(float[] z, int rows) {
            float[] h1 = AdamDenseLayer.relu(dis1.forward(z, rows));
            float[] h2 = AdamDenseLayer.relu(dis2.forward(h1, rows));
            return new Discriminated(z, h1, h2, disOut.forward(h2, rows));
        }

        /** Backpropagates dL/dlogit through the discriminator; returns dL/dz. */
        float[] discriminatorBackward(Discriminated d, float[] gLogit, int rows) {
            float[] g2 = AdamDenseLayer.reluBackward(d.h2, disOut.backward(d.h2, gLogit, rows));
            float[] g1 = AdamDenseLayer.reluBackward(d.h1, dis2.backward(d.h1, g2, rows));
            return dis1.backward(d.z, g1, rows);
        }

        void trainStep(SplittableRandom rng) {
            int rows = 2 * batch;
            int[] labeledIdx = new int[batch];
            int[] poolIdx = new int[batch];
            for (int r = 0; r < batch; r++) {
                labeledIdx[r] = rng.nextInt(labeled.length);
                poolIdx[r] = rng.nextInt(pool.length);
            }
            float[] x = new float[rows * dim];
            System.arraycopy(gather(labeled, labeledIdx), 0, x, 0, batch * dim);
            System.arraycopy(gather(pool, poolIdx), 0, x, batch * dim, batch * dim);

            // VAE step: reconstruction + β·KL + λ·(fool the discriminator: everything looks labeled)
            Encoded e = encode(x);
            float[] noise = new float[rows * latent];
            float[] z = new float[rows * latent];
            for (int i = 0; i < z.length; i++) {
                noise[i] = (float) gaussian(rng);
                z[i] = e.mu[i] + noise[i] * (float) Math.exp(0.5 * e.logVar[i]);
            }
            float[] dh = AdamDenseLayer.relu(dec1.forward(z, rows));
            float[] xHat = decOut.forward(dh, rows);
            float[] gxHat = new float[xHat.length];
            float reconScale = 2f / rows;
            for (int i = 0; i < xHat.length; i++) {
                gxHat[i] = reconScale * (xHat[i] - x[i]);
            }
            float[] gz = dec1.backward(z, AdamDenseLayer.reluBackward(dh, decOut.backward(dh, gxHat, rows)), rows);
            Discriminated fool = discriminate(e.mu, rows);
            float[] gFool = new float[rows];
            for (int r = 0; r < rows; r++) {
                gFool[r] = (float) (ADVERSARIAL_WEIGHT * (sigmoid(fool.logit[r]) - 1) / rows);
            }
            float[] gMuAdversarial = discriminatorBackward(fool, gFool, rows);
            zeroDiscriminator(); // the VAE step must not train the discriminator
            float[] gOut = new float[rows * 2 * latent];
            float klScale = (float) (BETA / rows);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < latent; j++) {
                    int i = r * latent + j;
                    float std = (float) Math.exp(0.5 * e.logVar[i]);
                    gOut[r * 2 * latent + j] = gz[i] + klScale * e.mu[i] + gMuAdversarial[i];
                    float raw = e.out[r * 2 * latent + latent + j];
                    boolean clamped = raw < -10f || raw > 10f;
                    float gLogVar = gz[i] * noise[i] * 0.5f * std + klScale * 0.5f * (std * std - 1);
                    gOut[r * 2 * latent + latent + j] = clamped ? 0f : gLogVar;
                }
            }
            enc1.backward(x, AdamDenseLayer.reluBackward(e.h, encOut.backward(e.h, gOut, rows)), rows);
            for (AdamDenseLayer layer : new AdamDenseLayer[] {enc1, encOut, dec1, decOut}) {
                layer.adam(LEARNING_RATE);
            }

            // discriminator step on the updated encoder's means: labeled → 1, pool → 0
            Discriminated d = discriminate(encode(x).mu, rows);
            float[] gLogit = new float[rows];
            for (int r = 0; r < rows; r++) {
                double target = r < batch ? 1 : 0;
                gLogit[r] = (float) ((sigmoid(d.logit[r]) - target) / rows);
            }
            discriminatorBackward(d, gLogit, rows);
            for (AdamDenseLayer layer : new AdamDenseLayer[] {dis1, dis2, disOut}) {
                layer.adam(LEARNING_RATE);
            }
        }

        private void zeroDiscriminator() {
            dis1.zeroGradients();
            dis2.zeroGradients();
            disOut.zeroGradients();
        }
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; 1 - u keeps the logarithm finite
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
