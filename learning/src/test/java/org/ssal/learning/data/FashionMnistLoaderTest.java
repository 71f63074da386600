package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLoaderTest {
    @TempDir
    Path root;

    private final byte[][] trainImages = DatasetFiles.randomImages(7, 28 * 28, 1);
    private final int[] trainLabels = {3, 0, 9, 9, 1, 5, 0};
    private final byte[][] testImages = DatasetFiles.randomImages(3, 28 * 28, 2);
    private final int[] testLabels = {8, 2, 7};

    private void writeAll(boolean gzip) throws IOException {
        String ext = gzip ? ".gz" : "";
        DatasetFiles.writeIdxImages(root.resolve("train-images-idx3-ubyte" + ext), trainImages, 28, 28, gzip);
        DatasetFiles.writeIdxLabels(root.resolve("train-labels-idx1-ubyte" + ext), trainLabels, gzip);
        DatasetFiles.writeIdxImages(root.resolve("t10k-images-idx3-ubyte" + ext), testImages, 28, 28, gzip);
        DatasetFiles.writeIdxLabels(root.resolve("t10k-labels-idx1-ubyte" + ext), testLabels, gzip);
    }

    private DatasetSplits load() throws IOException {
        return Datasets.load(new DatasetSpec("fashion-mnist", root, 0, 0, 0L, Map.of()));
    }

    private void assertRoundTrip(DatasetSplits splits) {
        ImageSet train = splits.train();
        assertEquals(7, train.size());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals(FashionMnistLoader.CLASS_NAMES, train.classNames());
        assertEquals("Ankle boot", train.classNames().get(9));
        for (int i = 0; i < 7; i++) {
            assertEquals(String.format("fashion-mnist/train/%06d", i), train.id(i));
            assertEquals(trainLabels[i], train.label(i));
            assertArrayEquals(trainImages[i], train.image(i));
        }
        ImageSet test = splits.test();
        assertEquals(3, test.size());
        assertEquals("fashion-mnist/test/000002", test.id(2));
        for (int i = 0; i < 3; i++) {
            assertEquals(testLabels[i], test.label(i));
            assertArrayEquals(testImages[i], test.image(i));
        }
    }

    @Test
    void shouldKeepOnlyTheNamedClassesRelabelledInTheGivenOrder() throws IOException {
        writeAll(true);
        DatasetSplits splits = Datasets.load(new DatasetSpec("fashion-mnist", root, 0, 0, 0L,
                Map.of("classes", "Ankle boot+0")));
        ImageSet train = splits.train();
        assertEquals(java.util.List.of("Ankle boot", "T-shirt/top"), train.classNames());
        // train labels {3, 0, 9, 9, 1, 5, 0}: rows 1, 2, 3, 6 are classes 0 and 9
        java.util.Map<String, Integer> expected = Map.of("fashion-mnist/train/000001", 1, "fashion-mnist/train/000002", 0,
                "fashion-mnist/train/000003", 0, "fashion-mnist/train/000006", 1);
        assertEquals(4, train.size());
        for (int i = 0; i < train.size(); i++) {
            int row = Integer.parseInt(train.id(i).substring(train.id(i).lastIndexOf('/') + 1));
            assertEquals(expected.get(train.id(i)), train.label(i), train.id(i));
            assertArrayEquals(trainImages[row], train.image(i), train.id(i));
        }
        assertEquals(0, splits.test().size(), "the test split holds neither class");

        for (String bad : new String[] {"0", "0+0", "0+10", "0+Hat"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load(
                    new DatasetSpec("fashion-mnist", root, 0, 0, 0L, Map.of("classes", bad))));
            assertTrue(e.getMessage().contains("option classes") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void shouldRoundTripPixelsLabelsAndIdsWhenIdxFilesAreGzipped() throws IOException {
        writeAll(true);
        assertRoundTrip(load());
        assertTrue(Datasets.isInstalled("fashion-mnist", root));
    }

    @Test
    void shouldRoundTripWhenIdxFilesArePlain() throws IOException {
        writeAll(false);
        assertRoundTrip(load());
    }

    @Test
    void shouldNameFileAndBothMagicsWhenMagicIsWrong() throws IOException {
        writeAll(true);
        Path images = root.resolve("train-images-idx3-ubyte.gz");
        // a labels file where images are expected: magic 2049 instead of 2051
        DatasetFiles.writeIdxLabels(images, trainLabels, true);
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected IDX magic 2051"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2049"), e.getMessage());
    }

    @Test
    void shouldNamePathWhenImagesFileIsTruncated() throws IOException {
        writeAll(false);
        Path images = root.resolve("t10k-images-idx3-ubyte");
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(whole, whole.length - 100));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldNamePathWhenGzipIsCutShort() throws IOException {
        writeAll(true);
        Path images = root.resolve("train-images-idx3-ubyte.gz");
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(whole, whole.length / 2));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    }

    @Test
    void shouldNamePathWhenLabelsFileIsMissing() throws IOException {
        writeAll(true);
        Files.delete(root.resolve("t10k-labels-idx1-ubyte.gz"));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(root.resolve("t10k-labels-idx1-ubyte.gz").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void shouldRefuseWhenImageAndLabelCountsDiffer() throws IOException {
        writeAll(true);
        DatasetFiles.writeIdxLabels(root.resolve("train-labels-idx1-ubyte.gz"), new int[] {1, 2}, true);
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains("7 images") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void shouldRefuseLabelsOutsideTheTenClasses() throws IOException {
        writeAll(true);
        DatasetFiles.writeIdxLabels(root.resolve("train-labels-idx1-ubyte.gz"), new int[] {1, 2, 3, 4, 5, 6, 10}, true);
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void shouldLoadCappedRealFashionMnistWhenInstalled() throws IOException {
        Path system = Datasets.FASHION_MNIST_SYSTEM_ROOT;
        assumeTrue(Datasets.isInstalled("fashion-mnist", system), "Fashion-MNIST is not installed at " + system);
        assertEquals(60_000, IdxFile.readImagesHeader(system.resolve("train-images-idx3-ubyte.gz")).count());
        assertEquals(10_000, IdxFile.readImagesHeader(system.resolve("t10k-images-idx3-ubyte.gz")).count());

        DatasetSplits splits = Datasets.load(new DatasetSpec("fashion-mnist", null, 1000, 200, 5L, Map.of()));

        assertEquals(1000, splits.train().size());
        assertEquals(200, splits.test().size());
        assertEquals(10, splits.train().numClasses());
        assertEquals("T-shirt/top", splits.train().classNames().get(0));
        assertEquals("Sneaker", splits.train().classNames().get(7));
        int[] perClass = new int[10];
        for (int i = 0; i < splits.train().size(); i++) {
            perClass[splits.train().label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(100, count);
        }
        // real images are not blank: Fashion-MNIST objects cover a good part of the 28x28 frame
        long nonZero = 0;
        for (byte b : splits.train().image(0)) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 50, "non-zero pixels in the first image: " + nonZero);
    }
}
