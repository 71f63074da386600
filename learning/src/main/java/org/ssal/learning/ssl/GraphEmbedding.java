package org.ssal.learning.ssl;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.ImageTensors;
import org.ssal.learning.augment.Normalize;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;

/**
 * Batched feature extraction through an inference graph built by {@link SimSiamNetwork}: shared by
 * the SimSiam encoder and the supervised baseline, which differ only in how the graph was trained.
 */
public final class GraphEmbedding {
    private GraphEmbedding() {
    }

    /**
     * @param expectedShape channels, height, width the graph was built for
     * @param describe      the encoder's description, for progress
     */
    public static Embeddings embed(SameDiff graph, Normalize normalize, int[] expectedShape, int dim, int batch,
                                   ImageSet images, String describe, Progress progress) {
        if (images.channels() != expectedShape[0] || images.height() != expectedShape[1]
                || images.width() != expectedShape[2]) {
            throw new IllegalArgumentException("images are " + images.channels() + "x" + images.height() + "x"
                    + images.width() + ", the encoder expects " + expectedShape[0] + "x" + expectedShape[1] + "x"
                    + expectedShape[2]);
        }
        int n = images.size();
        String[] ids = new String[n];
        float[][] vectors = new float[n][];
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            INDArray x = ImageTensors.normalized(images, from, to, normalize);
            float[] flat = graph.output(Map.of(SimSiamNetwork.INPUT, x), SimSiamNetwork.EMBEDDING)
                    .get(SimSiamNetwork.EMBEDDING).data().asFloat();
            for (int i = from; i < to; i++) {
                ids[i] = images.id(i);
                vectors[i] = Arrays.copyOfRange(flat, (i - from) * dim, (i - from + 1) * dim);
            }
            progress.report("embed", to, n, describe);
        }
        return new Embeddings(ids, vectors);
    }
}
