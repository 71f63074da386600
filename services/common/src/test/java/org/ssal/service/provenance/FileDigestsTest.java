package org.ssal.service.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.schemas.Sha256;

class FileDigestsTest {
    @TempDir
    Path dir;

    @Test
    void shouldHashAFileOnceWhileItsSizeAndTimeStayTheSame() throws Exception {
        Path file = Files.writeString(dir.resolve("train.gz"), "pixels");
        FileDigests digests = new FileDigests();
        FileDigests.Digest first = digests.of(file);
        assertEquals(Sha256.sha256Hex("pixels"), first.sha256());
        assertEquals(6, first.bytes());
        assertEquals(first, digests.of(dir.resolve(".").resolve("train.gz")), "same real path, cache hit");
        assertEquals(1, digests.filesHashed());
    }

    @Test
    void shouldHashAgainWhenTheModificationTimeChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("a.bin"), "one");
        FileDigests digests = new FileDigests();
        digests.of(file);
        Files.writeString(file, "two"); // same size
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        FileDigests.Digest again = digests.of(file);
        assertEquals(Sha256.sha256Hex("two"), again.sha256());
        assertEquals(2, digests.filesHashed());
    }

    @Test
    void shouldHashAgainWhenTheSizeChangesEvenAtTheSameTime() throws Exception {
        Path file = Files.writeString(dir.resolve("a.bin"), "one");
        FileTime time = Files.getLastModifiedTime(file);
        FileDigests digests = new FileDigests();
        String before = digests.of(file).sha256();
        Files.writeString(file, "three");
        Files.setLastModifiedTime(file, time);
        FileDigests.Digest after = digests.of(file);
        assertNotEquals(before, after.sha256());
        assertEquals(5, after.bytes());
        assertEquals(2, digests.filesHashed());
    }

    @Test
    void shouldNameAMissingFile() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new FileDigests().of(dir.resolve("gone.gz")));
        assertTrue(e.getMessage().contains("gone.gz"), e.getMessage());
    }
}
