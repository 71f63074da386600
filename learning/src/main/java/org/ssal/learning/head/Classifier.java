package org.ssal.learning.head;

/** Trains a head on labeled embeddings; deterministic for the same inputs. */
public interface Classifier {
    String name();

    /**
     * @param x          one embedding per labeled sample
     * @param y          class index of each sample, in [0, numClasses)
     * @param numClasses number of classes of the dataset (some may have no labels yet)
     */
    TrainedHead fit(float[][] x, int[] y, int numClasses);
}
