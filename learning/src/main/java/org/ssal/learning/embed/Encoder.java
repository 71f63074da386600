package org.ssal.learning.embed;

import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;

/** A frozen feature extractor: images in, one vector per image out. */
public interface Encoder {
    /** A short description of the encoder and its configuration, e.g. "pixels" or "simsiam:smallcnn". */
    String describe();

    int dim();

    Embeddings embed(ImageSet images, Progress progress);
}
