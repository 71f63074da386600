package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path root;

    @Test
    void shouldListTheSixDatasets() {
        assertEquals(List.of("fashion-mnist", "cifar10", "cifar100", "tiny-imagenet", "image-folder", "synthetic"),
                Datasets.names());
    }

    @Test
    void shouldListKnownNamesWhenNameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load(DatasetSpec.of("cifar-10")));
        assertTrue(e.getMessage().contains("cifar-10") && e.getMessage().contains(Datasets.names().toString()),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.defaultRoot("mnist"));
        assertThrows(IllegalArgumentException.class, () -> Datasets.isInstalled("mnist", null));
    }

    @Test
    void shouldResolveDefaultRootsFromSystemPathEnvironmentOrHome() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), Datasets.defaultRoot("fashion-mnist", "/data", "/home/u"));
        assertEquals(Path.of("/data/cifar10"), Datasets.defaultRoot("cifar10", "/data", "/home/u"));
        assertEquals(Path.of("/home/u/.ssal/data/tiny-imagenet"), Datasets.defaultRoot("tiny-imagenet", null, "/home/u"));
        assertEquals(Path.of("/home/u/.ssal/data/cifar100"), Datasets.defaultRoot("cifar100", " ", "/home/u"));
    }

    @Test
    void shouldReportInstalledOnlyWhenFilesArePresent() throws IOException {
        assertTrue(Datasets.isInstalled("synthetic", null));
        assertFalse(Datasets.isInstalled("cifar10", root));
        assertFalse(Datasets.isInstalled("tiny-imagenet", root.resolve("absent")));
        assertFalse(Datasets.isInstalled("image-folder", root));
        Files.createDirectories(root.resolve("cat"));
        assertTrue(Datasets.isInstalled("image-folder", root));
    }

    @Test
    void shouldNameRootWhenItDoesNotExist() {
        Path absent = root.resolve("nowhere");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar100", absent, 0, 0, 0L, Map.of())));
        assertTrue(e.getMessage().contains(absent.toString()) && e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void shouldRefuseUnknownOptionNamingKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.synthetic(1L, Map.of("classs", "3")));
        assertTrue(e.getMessage().contains("classs") && e.getMessage().contains("classes"), e.getMessage());
    }

    @Test
    void shouldReportProgressPerSplit() throws IOException {
        List<String> stages = new java.util.ArrayList<>();
        Datasets.load(new DatasetSpec("synthetic", null, 0, 0, 1L, Map.of("train", "10", "test", "4")),
                (stage, done, total, detail) -> stages.add(stage + " " + done + "/" + total));
        assertEquals(List.of("load-synthetic-train 10/10", "load-synthetic-test 4/4"), stages);
    }
}
