package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    /** Writes n random 8x8 RGB PNGs per class below {@code tree}; returns their pixels by id. */
    private Map<String, byte[]> writeClasses(Path tree, String prefix, Map<String, Integer> counts, long seed)
            throws IOException {
        Map<String, byte[]> pixels = new HashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            byte[][] images = DatasetFiles.randomImages(entry.getValue(), 3 * 8 * 8, seed + entry.getKey().hashCode());
            for (int i = 0; i < images.length; i++) {
                String name = entry.getKey() + "/img" + i + ".png";
                DatasetFiles.writeImage(tree.resolve(name), DatasetFiles.rgbImage(images[i], 8, 8), "png");
                pixels.put("image-folder/" + prefix + name, images[i]);
            }
        }
        return pixels;
    }

    private DatasetSplits load(long seed, Map<String, String> options) throws IOException {
        return Datasets.load(new DatasetSpec("image-folder", root, 0, 0, seed, options));
    }

    @Test
    void shouldRoundTripPngPixelsAndSplitEachClassByTestFraction() throws IOException {
        Map<String, byte[]> pixels = writeClasses(root, "", Map.of("cat", 5, "dog", 10), 1);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");

        DatasetSplits splits = load(3L, Map.of("size", "8", "test_fraction", "0.4"));

        assertEquals(List.of("cat", "dog"), splits.train().classNames());
        assertEquals(8, splits.train().height());
        assertEquals(3, splits.train().channels());
        int[] testPerClass = new int[2];
        for (int i = 0; i < splits.test().size(); i++) {
            testPerClass[splits.test().label(i)]++;
        }
        assertArrayEquals(new int[] {2, 4}, testPerClass);
        assertEquals(9, splits.train().size());
        Set<String> seen = new HashSet<>();
        for (ImageSet set : List.of(splits.train(), splits.test())) {
            for (int i = 0; i < set.size(); i++) {
                String id = set.id(i);
                assertTrue(seen.add(id), "in both splits: " + id);
                assertArrayEquals(pixels.get(id), set.image(i), id);
                assertEquals(id.startsWith("image-folder/cat/") ? 0 : 1, set.label(i));
            }
        }
        assertEquals(pixels.keySet(), seen);
    }

    @Test
    void shouldSplitTheSameWayForTheSameSeedOnly() throws IOException {
        writeClasses(root, "", Map.of("a", 20, "b", 20), 2);
        List<String> first = load(7L, Map.of("size", "8")).test().ids();
        assertEquals(first, load(7L, Map.of("size", "8")).test().ids());
        assertEquals(8, first.size());
        assertNotEquals(first, load(8L, Map.of("size", "8")).test().ids());
    }

    @Test
    void shouldUseTrainAndTestFoldersWhenBothExist() throws IOException {
        Map<String, byte[]> train = writeClasses(root.resolve("train"), "train/", Map.of("x", 3, "y", 2), 3);
        Map<String, byte[]> test = writeClasses(root.resolve("test"), "test/", Map.of("y", 1, "z", 2), 4);

        DatasetSplits splits = load(0L, Map.of("size", "8"));

        assertEquals(List.of("x", "y", "z"), splits.train().classNames());
        assertEquals(train.keySet(), new HashSet<>(splits.train().ids()));
        assertEquals(test.keySet(), new HashSet<>(splits.test().ids()));
        assertEquals(2, splits.test().labelOf("image-folder/test/z/img1.png"));
        assertArrayEquals(test.get("image-folder/test/z/img1.png"),
                splits.test().image(splits.test().indexOf("image-folder/test/z/img1.png")));
    }

    @Test
    void shouldResizeToSizeOptionAndKeepGrayValuesWhenOneChannel() throws IOException {
        byte[] gray = new byte[16 * 16];
        java.util.Arrays.fill(gray, (byte) 128);
        DatasetFiles.writeImage(root.resolve("g/one.png"), DatasetFiles.grayImage(gray, 16, 16), "png");
        DatasetFiles.writeImage(root.resolve("g/two.bmp"),
                DatasetFiles.rgbImage(DatasetFiles.uniform(255, 0, 0, 16), 16, 16), "bmp");

        DatasetSplits splits = load(0L, Map.of("size", "4", "channels", "1", "test_fraction", "0"));

        ImageSet train = splits.train();
        assertEquals(2, train.size());
        assertEquals(0, splits.test().size());
        assertEquals(1, train.channels());
        assertEquals(4, train.width());
        byte[] one = train.image(train.indexOf("image-folder/g/one.png"));
        byte[] two = train.image(train.indexOf("image-folder/g/two.bmp"));
        for (int p = 0; p < 16; p++) {
            assertEquals(128, one[p] & 0xff);
            assertEquals(76, two[p] & 0xff); // luma of pure red: round(0.299 * 255)
        }
    }

    @Test
    void shouldRefuseClassFolderSymlinkedFromOutsideTheRoot() throws IOException {
        writeClasses(root, "", Map.of("inside", 2), 5);
        writeClasses(outside, "", Map.of("secret", 2), 6);
        Path link = root.resolve("secret");
        Files.createSymbolicLink(link, outside.resolve("secret"));
        IOException e = assertThrows(IOException.class, () -> load(0L, Map.of("size", "8")));
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("outside the data root"),
                e.getMessage());
        Files.delete(link);
    }

    @Test
    void shouldNamePathWhenImageCannotBeDecoded() throws IOException {
        writeClasses(root, "", Map.of("c", 2), 7);
        Path broken = root.resolve("c/img1.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> load(0L, Map.of("size", "8", "test_fraction", "0")));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }

    @Test
    void shouldNameOptionWhenValueIsInvalid() throws IOException {
        writeClasses(root, "", Map.of("c", 2), 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(0L, Map.of("channels", "2")));
        assertTrue(e.getMessage().contains("channels") && e.getMessage().contains("2"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> load(0L, Map.of("sise", "8")));
        assertTrue(unknown.getMessage().contains("sise") && unknown.getMessage().contains("size"), unknown.getMessage());
    }
}
