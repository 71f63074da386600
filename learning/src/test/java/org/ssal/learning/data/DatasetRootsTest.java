package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRootsTest {
    @TempDir
    Path dir;

    @Test
    void shouldTakeTheDatasetsSubFolderOfAFolderOfDatasets() throws Exception {
        Files.createDirectories(dir.resolve("image-folder/cat"));
        Files.write(dir.resolve("image-folder/cat/a.png"), new byte[] {1});

        assertEquals(dir.resolve("image-folder"), DatasetRoots.resolve("image-folder", dir));
    }

    @Test
    void shouldTakeTheConfiguredFolderWhenItIsTheDatasetItself() throws Exception {
        Files.createDirectories(dir.resolve("cat"));
        Files.write(dir.resolve("cat/a.png"), new byte[] {1});

        assertEquals(dir, DatasetRoots.resolve("image-folder", dir));
    }

    @Test
    void shouldNameTheSubFolderWhenNothingIsInstalledYet() {
        assertEquals(dir.resolve("cifar10"), DatasetRoots.resolve("cifar10", dir));
        assertNull(DatasetRoots.resolve("cifar10", null));
    }
}
