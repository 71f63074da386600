package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarLoaderTest {
    private static final List<String> CIFAR10_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    @TempDir
    Path root;

    /** Batch b (1..5) holds b records so that ids must run on across batches: 1+2+3+4+5 = 15. */
    private byte[][] writeCifar10(Path base, int[] trainLabels) throws IOException {
        byte[][] images = DatasetFiles.randomImages(15, 3072, 10);
        int next = 0;
        for (int b = 1; b <= 5; b++) {
            int[][] labels = new int[b][];
            byte[][] batch = new byte[b][];
            for (int r = 0; r < b; r++) {
                labels[r] = new int[] {trainLabels[next]};
                batch[r] = images[next++];
            }
            DatasetFiles.writeCifar(base.resolve("data_batch_" + b + ".bin"), labels, batch);
        }
        DatasetFiles.writeCifar(base.resolve("test_batch.bin"), new int[][] {{4}, {9}},
                DatasetFiles.randomImages(2, 3072, 11));
        // the real file ends with a blank line
        List<String> names = new ArrayList<>(CIFAR10_NAMES);
        names.add("");
        DatasetFiles.writeLines(base.resolve("batches.meta.txt"), names);
        return images;
    }

    private static int[] trainLabels() {
        int[] labels = new int[15];
        for (int i = 0; i < 15; i++) {
            labels[i] = (i * 7) % 10;
        }
        return labels;
    }

    @Test
    void shouldRoundTripCifar10AcrossBatchesWhenInItsFolder() throws IOException {
        int[] labels = trainLabels();
        byte[][] images = writeCifar10(root.resolve("cifar-10-batches-bin"), labels);

        DatasetSplits splits = Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, Map.of()));

        ImageSet train = splits.train();
        assertEquals(15, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(CIFAR10_NAMES, train.classNames());
        for (int i = 0; i < 15; i++) {
            assertEquals(String.format("cifar10/train/%05d", i), train.id(i));
            assertEquals(labels[i], train.label(i));
            assertArrayEquals(images[i], train.image(i));
        }
        ImageSet test = splits.test();
        assertEquals(2, test.size());
        assertEquals("cifar10/test/00001", test.id(1));
        assertEquals(9, test.label(1));
        assertArrayEquals(DatasetFiles.randomImages(2, 3072, 11)[1], test.image(1));
    }

    @Test
    void shouldReadCifar10FromTheRootItself() throws IOException {
        int[] labels = trainLabels();
        writeCifar10(root, labels);
        assertTrue(Datasets.isInstalled("cifar10", root));
        DatasetSplits splits = Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, Map.of()));
        assertEquals(15, splits.train().size());
    }

    @Test
    void shouldNamePathAndRecordSizeWhenBatchIsTruncated() throws IOException {
        writeCifar10(root, trainLabels());
        Path batch = root.resolve("data_batch_3.bin");
        byte[] whole = Files.readAllBytes(batch);
        Files.write(batch, java.util.Arrays.copyOf(whole, whole.length - 1));
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, Map.of())));
        assertTrue(e.getMessage().contains(batch.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("3073-byte records"), e.getMessage());
        assertTrue(e.getMessage().contains("found " + (3 * 3073 - 1) + " bytes"), e.getMessage());
    }

    @Test
    void shouldNamePathWhenBatchIsMissing() throws IOException {
        writeCifar10(root, trainLabels());
        Path batch = root.resolve("data_batch_5.bin");
        Files.delete(batch);
        assertFalse(Datasets.isInstalled("cifar10", root));
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, Map.of())));
        assertTrue(e.getMessage().contains(batch.toString()), e.getMessage());
    }

    @Test
    void shouldRefuseCifar10LabelOutsideTheNamedClasses() throws IOException {
        int[] labels = trainLabels();
        labels[14] = 10;
        writeCifar10(root, labels);
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar10", root, 0, 0, 0L, Map.of())));
        assertTrue(e.getMessage().contains("label 10") && e.getMessage().contains("data_batch_5.bin"), e.getMessage());
    }

    private byte[][] writeCifar100(Path base, int[][] labels) throws IOException {
        byte[][] images = DatasetFiles.randomImages(labels.length, 3072, 20);
        DatasetFiles.writeCifar(base.resolve("train.bin"), labels, images);
        DatasetFiles.writeCifar(base.resolve("test.bin"), new int[][] {{19, 99}}, DatasetFiles.randomImages(1, 3072, 21));
        List<String> fine = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fine.add("fine_" + i);
        }
        List<String> coarse = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            coarse.add("coarse_" + i);
        }
        DatasetFiles.writeLines(base.resolve("fine_label_names.txt"), fine);
        DatasetFiles.writeLines(base.resolve("coarse_label_names.txt"), coarse);
        return images;
    }

    @Test
    void shouldUseFineLabelsByDefaultAndCoarseOnRequest() throws IOException {
        int[][] labels = {{0, 4}, {1, 31}, {19, 99}, {7, 0}};
        byte[][] images = writeCifar100(root.resolve("cifar-100-binary"), labels);

        DatasetSplits fine = Datasets.load(new DatasetSpec("cifar100", root, 0, 0, 0L, Map.of()));
        DatasetSplits coarse = Datasets.load(new DatasetSpec("cifar100", root, 0, 0, 0L, Map.of("labels", "coarse")));

        assertEquals(100, fine.train().numClasses());
        assertEquals(20, coarse.train().numClasses());
        assertEquals("fine_31", fine.train().classNames().get(31));
        assertEquals("coarse_19", coarse.train().classNames().get(19));
        for (int i = 0; i < labels.length; i++) {
            assertEquals(String.format("cifar100/train/%05d", i), fine.train().id(i));
            assertEquals(labels[i][1], fine.train().label(i));
            assertEquals(labels[i][0], coarse.train().label(i));
            assertArrayEquals(images[i], fine.train().image(i));
            assertArrayEquals(images[i], coarse.train().image(i));
        }
        assertEquals(99, fine.test().label(0));
        assertEquals(19, coarse.test().label(0));
        assertEquals("cifar100/test/00000", fine.test().id(0));
    }

    @Test
    void shouldNameTheOptionWhenLabelsValueIsUnknown() throws IOException {
        writeCifar100(root, new int[][] {{0, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load(new DatasetSpec("cifar100", root, 0, 0, 0L, Map.of("labels", "medium"))));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("medium"), e.getMessage());
    }

    @Test
    void shouldNamePathAndCountWhenClassNamesAreIncomplete() throws IOException {
        writeCifar100(root, new int[][] {{0, 0}});
        Path names = root.resolve("fine_label_names.txt");
        DatasetFiles.writeLines(names, List.of("apple", "aquarium_fish"));
        IOException e = assertThrows(IOException.class,
                () -> Datasets.load(new DatasetSpec("cifar100", root, 0, 0, 0L, Map.of())));
        assertTrue(e.getMessage().contains(names.toString()) && e.getMessage().contains("expected 100"), e.getMessage());
    }
}
