package org.ssal.learning.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;

class PixelEncoderTest {
    @Test
    void shouldScaleBytesToUnitRangeWhenEmbedding() {
        byte[] image = {0, (byte) 255, (byte) 51, (byte) 204};
        ImageSet set = new ImageSet("t", 1, 2, 2, List.of("a"), new String[] {"x"}, new int[] {0}, new byte[][] {image});
        Embeddings e = new PixelEncoder(4).embed(set, Progress.NONE);
        assertEquals(4, e.dim());
        assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.8f}, e.vectorOf("x"), 1e-6f);
    }
}
