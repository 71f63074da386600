package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    @Test
    void shouldRefuseDotDotPathsThatLeaveTheRoot() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "x");
        DataRoot data = DataRoot.open("test", root, "anything");
        String escape = "../" + outside.getFileName() + "/secret.txt";
        IOException e = assertThrows(IOException.class, () -> data.file(escape, "a file"));
        assertTrue(e.getMessage().contains("outside the data root"), e.getMessage());
        assertTrue(e.getMessage().contains("secret.txt"), e.getMessage());
    }

    @Test
    void shouldRefuseSymlinkToAFileOutsideTheRoot() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.bin"), "x");
        Path link = Files.createSymbolicLink(root.resolve("data_batch_1.bin"), secret);
        DataRoot data = DataRoot.open("test", root, "anything");
        IOException e = assertThrows(IOException.class, () -> data.file("data_batch_1.bin", "a batch"));
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains(secret.toRealPath().toString()),
                e.getMessage());
        Files.delete(link);
    }

    @Test
    void shouldAcceptSymlinkThatStaysInsideTheRoot() throws IOException {
        Path target = Files.writeString(root.resolve("real.bin"), "x");
        Files.createSymbolicLink(root.resolve("alias.bin"), target);
        DataRoot data = DataRoot.open("test", root, "anything");
        assertEquals(target.toRealPath(), data.file("alias.bin", "a file"));
    }

    @Test
    void shouldRefuseSymlinkedCifarBatchWhenLoading() throws IOException {
        Path secret = Files.write(outside.resolve("batch.bin"), new byte[3073]);
        Path link = Files.createSymbolicLink(root.resolve("test_batch.bin"), secret);
        for (int b = 1; b <= 5; b++) {
            Files.write(root.resolve("data_batch_" + b + ".bin"), new byte[3073]);
        }
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, java.util.Map.of())));
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("outside the data root"),
                e.getMessage());
        Files.delete(link);
    }

    @Test
    void shouldNameMissingFileAndWhatWasExpected() throws IOException {
        DataRoot data = DataRoot.open("test", root, "anything");
        assertNull(data.find("absent.bin"));
        IOException e = assertThrows(IOException.class, () -> data.file("absent.bin", "the test batch"));
        assertTrue(e.getMessage().contains(root.resolve("absent.bin").toString())
                && e.getMessage().contains("the test batch"), e.getMessage());
    }

    @Test
    void shouldBuildSlashSeparatedRelativeNames() throws IOException {
        DataRoot data = DataRoot.open("test", root, "anything");
        assertEquals("train/cat/001.png", data.relativeName(root.resolve("train").resolve("cat").resolve("001.png")));
    }
}
