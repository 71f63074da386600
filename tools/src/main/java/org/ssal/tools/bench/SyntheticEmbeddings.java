package org.ssal.tools.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;

/**
 * Clustered random embeddings with known labels, for benchmarks at sizes no dataset here has:
 * {@code classes} centres drawn uniformly in [-1, 1)^dim, each row its class's centre plus uniform
 * noise of half-width {@code noise}. Clusters (rather than pure noise) give the heads something to
 * learn and k-center's pruning the structure real embeddings have. The centres depend only on
 * {@code centreSeed}, so a pool and a test split drawn with different {@code noiseSeed}s share their
 * classes. Rows are generated in blocks with one random stream per block, in parallel, so the
 * result depends only on the seeds.
 */
final class SyntheticEmbeddings {
    private static final int BLOCK = 4096;

    private SyntheticEmbeddings() {
    }

    /** Row i is labeled i % classes; ids are {@code prefix} plus the zero-padded row index. */
    static LabeledEmbeddings generate(String prefix, int n, int dim, int classes, double noise, long centreSeed,
                                      long noiseSeed) {
        float[][] centres = new float[classes][dim];
        SplittableRandom centreRng = new SplittableRandom(centreSeed);
        for (float[] centre : centres) {
            for (int j = 0; j < dim; j++) {
                centre[j] = (float) (centreRng.nextDouble() * 2 - 1);
            }
        }
        String[] ids = new String[n];
        float[][] x = new float[n][];
        int[] labels = new int[n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom rng = new SplittableRandom(noiseSeed * 1_000_003 + b);
            for (int i = b * BLOCK; i < Math.min(n, (b + 1) * BLOCK); i++) {
                int label = i % classes;
                float[] row = new float[dim];
                for (int j = 0; j < dim; j++) {
                    row[j] = (float) (centres[label][j] + (rng.nextDouble() * 2 - 1) * noise);
                }
                ids[i] = String.format(Locale.ROOT, "%s%07d", prefix, i);
                x[i] = row;
                labels[i] = label;
            }
        });
        return new LabeledEmbeddings(new Embeddings(ids, x), labels);
    }
}
