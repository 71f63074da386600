package org.ssal.learning.embed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Embeddings of an evaluation split together with their ground-truth labels (one file, one hash). */
public record LabeledEmbeddings(Embeddings embeddings, int[] labels) {
    public LabeledEmbeddings {
        if (embeddings.size() != labels.length) {
            throw new IllegalArgumentException("embeddings (" + embeddings.size() + ") and labels ("
                    + labels.length + ") differ in length");
        }
    }

    public void write(OutputStream out) throws IOException {
        embeddings.write(out);
        DataOutputStream data = new DataOutputStream(out);
        for (int label : labels) {
            data.writeInt(label);
        }
        data.flush();
    }

    public static LabeledEmbeddings read(InputStream in) throws IOException {
        Embeddings embeddings = Embeddings.read(in);
        DataInputStream data = new DataInputStream(in);
        int[] labels = new int[embeddings.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.readInt();
        }
        return new LabeledEmbeddings(embeddings, labels);
    }
}
