package org.ssal.learning.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddingsFormatTest {
    /** 16 floats per block: with dim 5 rows cross block boundaries, with dim 4 and 8 they end on them. */
    private static final int SMALL_CHUNK = 64;

    @ParameterizedTest(name = "n={0} dim={1}")
    @CsvSource({"0,0", "1,1", "1,5", "3,5", "4,4", "5,4", "16,1", "15,1", "17,1", "31,8", "32,8", "33,8", "13,5", "2,40", "3,0"})
    void shouldRoundTripBitForBitAcrossBlockBoundaries(int n, int dim) throws IOException {
        Embeddings original = random(n, dim, 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddingsFormat.write(original, out, SMALL_CHUNK);
        for (int chunk : new int[] {SMALL_CHUNK, 12, EmbeddingsFormat.CHUNK_BYTES}) {
            assertSame(original, EmbeddingsFormat.read(new ByteArrayInputStream(out.toByteArray()), chunk));
        }
        ByteArrayOutputStream defaultChunks = new ByteArrayOutputStream();
        original.write(defaultChunks);
        assertArrayEquals(out.toByteArray(), defaultChunks.toByteArray(), "the bytes do not depend on the block size");
    }

    @Test
    void shouldReadAFileWrittenByTheFormerCode() throws IOException {
        // written by the Embeddings.write of commit b42bc1c (per-float DataOutputStream), kept as a file
        Embeddings old = Embeddings.read(resource("embeddings-v1.bin"));
        assertEquals(3, old.size());
        assertEquals(4, old.dim());
        assertEquals("é-2", old.id(2));
        assertBits(new float[] {0f, 1.5f, -2.25f, Float.MIN_VALUE}, old.vector(0));
        assertBits(new float[] {Float.MAX_VALUE, -0f, 3e-8f, 42f}, old.vector(1));
        LabeledEmbeddings labeled = LabeledEmbeddings.read(resource("labeled-embeddings-v1.bin"));
        assertArrayEquals(new int[] {2, 0, 7}, labeled.labels());
        assertSame(old, labeled.embeddings());
    }

    @Test
    void shouldReadLargerVersion1FilesWrittenTheFormerWay() throws IOException {
        Embeddings original = gaussian(300, 7, 5); // version 1 wrote floatToIntBits: one NaN pattern only
        assertSame(original, Embeddings.read(new ByteArrayInputStream(writeVersion1(original))));
    }

    @Test
    void shouldLeaveTheBytesAfterTheEmbeddingsUnread() throws IOException {
        Embeddings original = random(20, 5, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        original.write(out);
        out.write(new byte[] {1, 2, 3});
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertSame(original, Embeddings.read(in));
        assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
    }

    @Test
    void shouldRoundTripLabeledEmbeddings() throws IOException {
        LabeledEmbeddings original = new LabeledEmbeddings(random(9, 3, 2), new int[] {0, 1, 2, 3, 4, 5, 6, 7, -1});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        original.write(out);
        LabeledEmbeddings read = LabeledEmbeddings.read(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(original.labels(), read.labels());
        assertSame(original.embeddings(), read.embeddings());
    }

    @Test
    void shouldFailOnATruncatedFileNamingTheRow() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddingsFormat.write(random(10, 5, 1), out, SMALL_CHUNK);
        byte[] bytes = Arrays.copyOf(out.toByteArray(), out.size() - 3);
        EOFException e = assertThrows(EOFException.class,
                () -> EmbeddingsFormat.read(new ByteArrayInputStream(bytes), SMALL_CHUNK));
        assertTrue(e.getMessage().contains("of 10 rows"), e.getMessage());
    }

    @Test
    void shouldRejectAHeaderThatAsksForMoreThanTheFileHoldsWithoutAllocatingIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(EmbeddingsFormat.MAGIC_V2);
        data.writeInt(Integer.MAX_VALUE);
        data.writeInt(1 << 20);
        data.writeLong(Long.MAX_VALUE);
        data.writeUTF("only-id");
        EOFException e = assertThrows(EOFException.class, () -> Embeddings.read(new ByteArrayInputStream(out.toByteArray())));
        assertTrue(e.getMessage().contains("id 1 of " + Integer.MAX_VALUE), e.getMessage());
        IOException magic = assertThrows(IOException.class, () -> Embeddings.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4})));
        assertTrue(magic.getMessage().contains("not an ssal embeddings file (magic 1020304"), magic.getMessage());
    }

    /** The former Embeddings.write, kept here verbatim as the reference for version 1. */
    private static byte[] writeVersion1(Embeddings e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(EmbeddingsFormat.MAGIC_V1);
        data.writeInt(e.size());
        data.writeInt(e.dim());
        for (int i = 0; i < e.size(); i++) {
            data.writeUTF(e.id(i));
            for (float v : e.vector(i)) {
                data.writeFloat(v);
            }
        }
        data.flush();
        return bytes.toByteArray();
    }

    /** Random bit patterns, NaNs and infinities included, so any byte-order slip shows. */
    private static Embeddings random(int n, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[n];
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            ids[i] = (i % 3 == 0 ? "ü-" : "s-") + i;
            for (int j = 0; j < dim; j++) {
                x[i][j] = Float.intBitsToFloat(rng.nextInt());
            }
        }
        return new Embeddings(ids, x);
    }

    private static Embeddings gaussian(int n, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[n];
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            ids[i] = "g" + i;
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) rng.nextGaussian();
            }
        }
        return new Embeddings(ids, x);
    }

    private static void assertSame(Embeddings expected, Embeddings actual) {
        assertEquals(expected.size(), actual.size(), "size");
        assertEquals(expected.dim(), actual.dim(), "dim");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.id(i), actual.id(i), "id of row " + i);
            assertBits(expected.vector(i), actual.vector(i));
        }
    }

    private static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]), "float " + j);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EmbeddingsFormatTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource " + name + " missing");
        }
        return in;
    }
}
