package org.ssal.learning.embed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Embeddings of an evaluation split together with their ground-truth labels (one file, one hash):
 * the {@link Embeddings} bytes, then one int32 label per row, big-endian. The label layout is the
 * same in both embeddings format versions; labels are written and read as one block.
 */
public record LabeledEmbeddings(Embeddings embeddings, int[] labels) {
    public LabeledEmbeddings {
        if (embeddings.size() != labels.length) {
            throw new IllegalArgumentException("embeddings (" + embeddings.size() + ") and labels ("
                    + labels.length + ") differ in length");
        }
    }

    public void write(OutputStream out) throws IOException {
        embeddings.write(out);
        ByteBuffer block = ByteBuffer.allocate(labels.length * Integer.BYTES).order(ByteOrder.BIG_ENDIAN);
        block.asIntBuffer().put(labels);
        out.write(block.array());
        out.flush();
    }

    public static LabeledEmbeddings read(InputStream in) throws IOException {
        Embeddings embeddings = Embeddings.read(in);
        byte[] block = new byte[embeddings.size() * Integer.BYTES];
        if (in.readNBytes(block, 0, block.length) != block.length) {
            throw new EOFException("labeled embeddings file ends before its " + embeddings.size() + " labels");
        }
        int[] labels = new int[embeddings.size()];
        ByteBuffer.wrap(block).order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(labels);
        return new LabeledEmbeddings(embeddings, labels);
    }
}
