package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path dir;

    @Test
    void shouldAddressContentBySha256() {
        ArtifactStore store = new ArtifactStore(dir);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        ArtifactStore.Ref ref = store.put(bytes);
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ref.sha256());
        assertEquals("artifact:sha256/" + ref.sha256(), ref.uri());
        assertArrayEquals(bytes, store.read(ref.uri(), ref.sha256()));
        assertEquals(ref, store.put(bytes), "same content, same artifact");
    }

    @Test
    void shouldRefuseACorruptedArtifact() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        ArtifactStore.Ref ref = store.put("hello".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
        Files.writeString(file, "hellO");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.read(ref.uri(), ref.sha256()));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void shouldRefuseAUriThatDoesNotMatchItsHash() {
        ArtifactStore store = new ArtifactStore(dir);
        ArtifactStore.Ref ref = store.put(new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> store.read(ref.uri(), "0".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> store.read("file:/etc/passwd", ref.sha256()));
    }

    @Test
    void shouldRecallACachedKeyOnlyWhileItsArtifactExists() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        assertTrue(store.recall("enc-1").isEmpty());
        ArtifactStore.Ref ref = store.put(new byte[] {4, 5});
        store.remember("enc-1", ref);
        assertEquals(ref, store.recall("enc-1").orElseThrow());
        assertEquals(ref, new ArtifactStore(dir).recall("enc-1").orElseThrow(), "survives a restart");
        Files.delete(dir.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256()));
        assertTrue(store.recall("enc-1").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.recall("../escape"));
    }
}
