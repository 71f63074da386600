package org.ssal.learning.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Embedding vectors of a set of samples, addressed by sample id. Immutable by convention. */
public final class Embeddings {
    private final String[] ids;
    private final float[][] vectors;
    private final Map<String, Integer> indexById;

    public Embeddings(String[] ids, float[][] vectors) {
        if (ids.length != vectors.length) {
            throw new IllegalArgumentException("ids and vectors differ in length: " + ids.length + " vs " + vectors.length);
        }
        int dim = vectors.length == 0 ? 0 : vectors[0].length;
        this.indexById = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector of " + ids[i] + " has dim " + vectors[i].length + ", expected " + dim);
            }
            if (indexById.put(ids[i], i) != null) {
                throw new IllegalArgumentException("duplicate sample id " + ids[i]);
            }
        }
        this.ids = ids;
        this.vectors = vectors;
    }

    public int size() { return ids.length; }
    public int dim() { return vectors.length == 0 ? 0 : vectors[0].length; }
    public String id(int index) { return ids[index]; }
    public float[] vector(int index) { return vectors[index]; }

    /** The vector of a sample id; throws naming the id when it is unknown. */
    public float[] vectorOf(String id) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("no embedding for sample id " + id);
        }
        return vectors[index];
    }

    public boolean contains(String id) { return indexById.containsKey(id); }

    /** The vectors of the given ids, in that order. */
    public float[][] rows(List<String> wanted) {
        float[][] out = new float[wanted.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectorOf(wanted.get(i));
        }
        return out;
    }

    /** Writes the current file format (see {@code EmbeddingsFormat}: header, ids, then the vectors in large blocks). */
    public void write(OutputStream out) throws IOException {
        EmbeddingsFormat.write(this, out);
    }

    /**
     * Reads what {@link #write} wrote, and files of the previous format version; reads exactly the
     * embeddings' bytes and nothing after them. Pass a buffered stream when it is not one already:
     * the small reads of the header and the ids then cost no system call each.
     */
    public static Embeddings read(InputStream in) throws IOException {
        return EmbeddingsFormat.read(in);
    }
}
