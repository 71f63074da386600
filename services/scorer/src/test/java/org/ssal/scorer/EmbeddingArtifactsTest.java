package org.ssal.scorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.embed.Embeddings;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CorruptArtifactException;

class EmbeddingArtifactsTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseEmbeddingsWithOneFlippedByteAndCacheNothingFromThem() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        float[][] x = new float[5000][64]; // 1.25 MB of vectors: the flipped byte lies past the first 1 MB stream block
        for (int i = 0; i < x.length; i++) {
            x[i][i % 64] = i;
        }
        String[] ids = new String[x.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "s" + i;
        }
        ArtifactStore.Ref ref = store.put(new Embeddings(ids, x)::write);
        Path file = dir.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[flipped.length - 1000] ^= 0x10;
        Files.write(file, flipped);

        EmbeddingArtifacts artifacts = new EmbeddingArtifacts(store);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> artifacts.pool(ref.uri(), ref.sha256()));
        assertEquals(ref.uri(), e.uri());
        assertTrue(e.getMessage().contains(ref.uri()), e.getMessage());

        Files.write(file, good); // repaired: read again, not a cached partial result
        Embeddings pool = artifacts.pool(ref.uri(), ref.sha256());
        assertEquals(5000, pool.size());
        assertArrayEquals(x[4999], pool.vectorOf("s4999"));
    }
}
