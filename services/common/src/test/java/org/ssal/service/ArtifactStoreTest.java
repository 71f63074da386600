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
    void shouldCopyIntoAnotherStoreStreamingAndKeepNothingOfACorruptOne() throws Exception {
        ArtifactStore from = new ArtifactStore(dir.resolve("from"));
        ArtifactStore to = new ArtifactStore(dir.resolve("to"));
        byte[] bytes = new byte[3 * 1024 * 1024 + 17]; // several of the store's blocks
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 9));
        }
        ArtifactStore.Ref ref = from.put(bytes);
        ArtifactStore.Copied copied = from.copyTo(to, ref.uri(), ref.sha256());
        assertEquals(ref, copied.ref());
        assertEquals(bytes.length, copied.bytes());
        assertArrayEquals(bytes, to.read(ref.uri(), ref.sha256()));

        ArtifactStore other = new ArtifactStore(dir.resolve("other"));
        Path file = dir.resolve("from").resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
        bytes[bytes.length - 1] ^= 1; // the last byte: after everything a reader would have taken
        Files.write(file, bytes);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> from.copyTo(other, ref.uri(), ref.sha256()));
        assertTrue(e.getMessage().contains(ref.uri()), e.getMessage());
        try (var files = Files.walk(dir.resolve("other"))) {
            assertTrue(files.filter(Files::isRegularFile).findAny().isEmpty(), "no copy and no partial file left");
        }
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

    @Test
    void shouldParseWhileHashingInOnePass() {
        ArtifactStore store = new ArtifactStore(dir);
        byte[] bytes = new byte[3 << 20]; // three stream blocks
        new java.util.SplittableRandom(1).nextBytes(bytes);
        ArtifactStore.Ref ref = store.put(out -> out.write(bytes));
        assertArrayEquals(bytes, store.open(ref.uri(), ref.sha256(), java.io.InputStream::readAllBytes));
        assertEquals(Byte.valueOf(bytes[5]), store.open(ref.uri(), ref.sha256(), in -> Byte.valueOf(in.readNBytes(6)[5])), "a reader may stop early");
        assertArrayEquals(bytes, store.read(ref.uri(), ref.sha256()));
    }

    @Test
    void shouldNotHandOutWhatWasParsedFromAFileWithOneFlippedByte() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        byte[] bytes = new byte[2 << 20];
        new java.util.SplittableRandom(2).nextBytes(bytes);
        ArtifactStore.Ref ref = store.put(bytes);
        Path file = dir.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
        byte[] flipped = bytes.clone();
        flipped[(3 << 19) + 7] ^= 1; // in the second half: after what the early reader below reads
        Files.write(file, flipped);
        java.util.concurrent.atomic.AtomicInteger parsed = new java.util.concurrent.atomic.AtomicInteger();
        CorruptArtifactException whole = assertThrows(CorruptArtifactException.class, () -> store.open(ref.uri(), ref.sha256(),
                in -> parsed.addAndGet(in.readAllBytes().length)));
        assertEquals(bytes.length, parsed.get(), "the reader did parse it all, and still got nothing back");
        assertEquals(ref.uri(), whole.uri());
        assertTrue(whole.getMessage().contains(ref.uri()) && whole.getMessage().contains("corrupt"), whole.getMessage());
        assertThrows(CorruptArtifactException.class, () -> store.open(ref.uri(), ref.sha256(), in -> in.readNBytes(16)),
                "the bytes a reader leaves are hashed too");
        assertThrows(CorruptArtifactException.class, () -> store.read(ref.uri(), ref.sha256()));
    }

    @Test
    void shouldReportAReaderFailureOnACorruptFileAsCorruption() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        ArtifactStore.Ref ref = store.put("header:ok".getBytes(StandardCharsets.UTF_8));
        ArtifactStore.Reader<String> strict = in -> {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.endsWith(":ok")) {
                throw new java.io.IOException("bad header '" + text + "'");
            }
            return text;
        };
        assertEquals("header:ok", store.open(ref.uri(), ref.sha256(), strict));
        Path file = dir.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
        Files.writeString(file, "header:no");
        CorruptArtifactException corrupt = assertThrows(CorruptArtifactException.class, () -> store.open(ref.uri(), ref.sha256(), strict));
        assertTrue(corrupt.getCause().getMessage().contains("bad header"), "the reader's error is the cause");

        ArtifactStore.Ref good = store.put("fine".getBytes(StandardCharsets.UTF_8));
        java.io.UncheckedIOException parse = assertThrows(java.io.UncheckedIOException.class,
                () -> store.open(good.uri(), good.sha256(), strict));
        assertTrue(parse.getMessage().contains(good.uri()) && parse.getMessage().contains("bad header 'fine'"), parse.getMessage());
    }

    @Test
    void shouldNameTheUriOfAMissingArtifact() {
        ArtifactStore store = new ArtifactStore(dir);
        String hex = "ab".repeat(32);
        // an I/O failure, retried as transient (ErrorKind): the file may not be visible on a shared volume yet
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> store.open("artifact:sha256/" + hex, hex, java.io.InputStream::readAllBytes));
        assertTrue(e.getMessage().contains("artifact:sha256/" + hex) && e.getMessage().contains("not found"), e.getMessage());
    }
}
