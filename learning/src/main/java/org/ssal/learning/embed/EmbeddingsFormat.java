package org.ssal.learning.embed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an {@link Embeddings} file, written and read in large blocks.
 *
 * <p>Version 2 (written since issue 13), magic {@code "SSE2"}:
 * <pre>
 *   "SSE2"  int32 n  int32 dim  int64 idsBytes      header, big-endian (as in version 1)
 *   n × (uint16 length, modified UTF-8)             ids ({@link DataOutputStream#writeUTF}), idsBytes in all
 *   n × dim float32, little-endian, row after row   the vectors as one block
 * </pre>
 * The vectors are little-endian because that is the byte order of the machines we run on (x86-64,
 * aarch64): the bulk copy between a {@code float[]} and a byte block is then a plain memory copy.
 * {@code idsBytes} lets a reader buffer the id block without reading past it.
 *
 * <p>Version 1 (written before), magic {@code "SSAE"}: the same header without {@code idsBytes},
 * then per row its id ({@code writeUTF}) followed by its {@code dim} floats big-endian. Still read,
 * so artifacts already in users' stores stay usable; it is never written.
 *
 * <p>Both readers read exactly the bytes of the embeddings and nothing after them (a
 * {@link LabeledEmbeddings} file continues with its labels), and never allocate from a header value
 * alone: rows are allocated as their bytes arrive, so a corrupt count ends in an
 * {@link EOFException}, not in an attempt to allocate gigabytes.
 */
final class EmbeddingsFormat {
    static final int MAGIC_V1 = 0x53534145; // "SSAE"
    static final int MAGIC_V2 = 0x53534532; // "SSE2"
    /** Bytes per block of vectors: large enough that per-call costs vanish, small enough to stay in cache. */
    static final int CHUNK_BYTES = 1 << 20;
    /** Largest dimension read: a row is one array, and a corrupt header must not ask for gigabytes at once. */
    static final int MAX_DIM = 1 << 24;

    private EmbeddingsFormat() {
    }

    static void write(Embeddings embeddings, OutputStream out) throws IOException {
        write(embeddings, out, CHUNK_BYTES);
    }

    /** {@code chunkBytes} (a multiple of 4) is a parameter so tests can put rows across block boundaries. */
    static void write(Embeddings embeddings, OutputStream out, int chunkBytes) throws IOException {
        int n = embeddings.size();
        int dim = embeddings.dim();
        byte[] ids = idBlock(embeddings);
        DataOutputStream header = new DataOutputStream(out);
        header.writeInt(MAGIC_V2);
        header.writeInt(n);
        header.writeInt(dim);
        header.writeLong(ids.length);
        header.write(ids);
        header.flush();

        byte[] chunk = new byte[chunkBytes];
        FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < n; i++) {
            float[] row = embeddings.vector(i);
            int done = 0;
            while (done < dim) {
                int take = Math.min(dim - done, floats.remaining());
                floats.put(row, done, take);
                done += take;
                if (!floats.hasRemaining()) {
                    out.write(chunk, 0, floats.position() * Float.BYTES);
                    floats.clear();
                }
            }
        }
        if (floats.position() > 0) {
            out.write(chunk, 0, floats.position() * Float.BYTES);
        }
        out.flush();
    }

    static Embeddings read(InputStream in) throws IOException {
        return read(in, CHUNK_BYTES);
    }

    static Embeddings read(InputStream in, int chunkBytes) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new IOException("not an ssal embeddings file (magic " + Integer.toHexString(magic) + ", expected "
                    + Integer.toHexString(MAGIC_V2) + " or " + Integer.toHexString(MAGIC_V1) + ")");
        }
        int n = data.readInt();
        int dim = data.readInt();
        if (n < 0 || dim < 0 || dim > MAX_DIM) {
            throw new IOException("corrupt embeddings header: n=" + n + " dim=" + dim + " (dim at most " + MAX_DIM + ")");
        }
        return magic == MAGIC_V2 ? readV2(data, n, dim, chunkBytes) : readV1(data, n, dim);
    }

    private static Embeddings readV2(DataInputStream data, int n, int dim, int chunkBytes) throws IOException {
        long idsBytes = data.readLong();
        if (idsBytes < 2L * n) {
            throw new IOException("corrupt embeddings header: idsBytes=" + idsBytes + " cannot hold n=" + n + " ids");
        }
        // buffered, but bounded to the id block: the vectors are read in blocks of their own below
        BoundedInputStream idBlock = new BoundedInputStream(data, idsBytes);
        DataInputStream idData = new DataInputStream(new BufferedInputStream(idBlock, 1 << 16));
        List<String> ids = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            ids.add(readId(idData, i, n));
        }
        if (idBlock.remaining() != 0 || idData.available() != 0) {
            throw new IOException("corrupt embeddings file: the id block has bytes left after " + n + " ids");
        }

        List<float[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
        byte[] chunk = new byte[chunkBytes - chunkBytes % Float.BYTES];
        long left = (long) n * dim;
        float[] row = null;
        int filled = dim;
        while (left > 0) {
            int floatsNow = (int) Math.min(left, chunk.length / Float.BYTES);
            int bytes = floatsNow * Float.BYTES;
            if (data.readNBytes(chunk, 0, bytes) != bytes) {
                throw new EOFException("embeddings file ends after " + rows.size() + " of " + n + " rows");
            }
            FloatBuffer floats = ByteBuffer.wrap(chunk, 0, bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            while (floats.hasRemaining()) {
                if (filled == dim) {
                    row = new float[dim];
                    rows.add(row);
                    filled = 0;
                }
                int take = Math.min(dim - filled, floats.remaining());
                floats.get(row, filled, take);
                filled += take;
            }
            left -= floatsNow;
        }
        while (rows.size() < n) { // dim == 0: no bytes, but n empty rows
            rows.add(new float[0]);
        }
        return new Embeddings(ids.toArray(String[]::new), rows.toArray(float[][]::new));
    }

    private static Embeddings readV1(DataInputStream data, int n, int dim) throws IOException {
        List<String> ids = new ArrayList<>(Math.min(n, 1 << 16));
        List<float[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
        byte[] bytes = new byte[dim * Float.BYTES];
        for (int i = 0; i < n; i++) {
            ids.add(readId(data, i, n));
            if (data.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new EOFException("embeddings file ends inside row " + i + " of " + n);
            }
            float[] row = new float[dim];
            ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(row);
            rows.add(row);
        }
        return new Embeddings(ids.toArray(String[]::new), rows.toArray(float[][]::new));
    }

    private static String readId(DataInputStream data, int i, int n) throws IOException {
        try {
            return data.readUTF();
        } catch (EOFException e) {
            throw new EOFException("embeddings file ends at id " + i + " of " + n);
        }
    }

    private static byte[] idBlock(Embeddings embeddings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(embeddings.size() * 12);
        DataOutputStream ids = new DataOutputStream(bytes);
        for (int i = 0; i < embeddings.size(); i++) {
            try {
                ids.writeUTF(embeddings.id(i));
            } catch (UTFDataFormatException e) {
                throw new IOException("sample id at row " + i + " is longer than 65535 bytes in modified UTF-8: "
                        + embeddings.id(i).substring(0, 40) + "...", e);
            }
        }
        return bytes.toByteArray();
    }

    /** At most {@code limit} bytes of the stream under it, never more. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        long remaining() {
            return left;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int got = in.read(b, off, (int) Math.min(len, left));
            if (got > 0) {
                left -= got;
            }
            return got;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }
}
