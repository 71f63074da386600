package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyImageNetLoaderTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private Path base;

    /** Colour of train image j of class c: distinct, uniform, so JPEG keeps it within a few levels. */
    private static int[] colour(int c, int j) {
        return new int[] {40 + 60 * c, 200 - 50 * j, 90 + 30 * c + 20 * j};
    }

    @BeforeEach
    void writeMiniTree() throws IOException {
        base = root.resolve("tiny-imagenet-200");
        // wnids.txt deliberately unsorted: labels number the sorted wnids
        DatasetFiles.writeLines(base.resolve("wnids.txt"), List.of("n02124075", "n01443537", "n01629819"));
        DatasetFiles.writeLines(base.resolve("words.txt"), List.of("n00001740\tentity",
                "n01443537\tgoldfish, Carassius auratus", "n01629819\tEuropean fire salamander, Salamandra salamandra",
                "n02124075\tEgyptian cat"));
        List<String> wnids = List.of("n01443537", "n01629819", "n02124075");
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 2; j++) {
                int[] rgb = colour(c, j);
                DatasetFiles.writeImage(base.resolve("train/" + wnids.get(c) + "/images/" + wnids.get(c) + "_" + j + ".JPEG"),
                        DatasetFiles.rgbImage(DatasetFiles.uniform(rgb[0], rgb[1], rgb[2], 64), 64, 64), "jpeg");
            }
            DatasetFiles.writeLines(base.resolve("train/" + wnids.get(c) + "/" + wnids.get(c) + "_boxes.txt"), List.of());
        }
        // a grayscale JPEG, as some real Tiny ImageNet images are
        byte[] gray = new byte[64 * 64];
        java.util.Arrays.fill(gray, (byte) 77);
        DatasetFiles.writeImage(base.resolve("train/n01629819/images/n01629819_10.JPEG"),
                DatasetFiles.grayImage(gray, 64, 64), "jpeg");
        for (int v = 0; v < 3; v++) {
            DatasetFiles.writeImage(base.resolve("val/images/val_" + v + ".JPEG"),
                    DatasetFiles.rgbImage(DatasetFiles.uniform(10 + 100 * v, 128, 250 - 100 * v, 64), 64, 64), "jpeg");
        }
        writeAnnotations(List.of("val_2.JPEG\tn01443537\t0\t0\t63\t63", "val_0.JPEG\tn02124075\t1\t2\t30\t40",
                "val_1.JPEG\tn01629819\t5\t5\t60\t60"));
    }

    private void writeAnnotations(List<String> lines) throws IOException {
        DatasetFiles.writeLines(base.resolve("val/val_annotations.txt"), lines);
    }

    private DatasetSplits load() throws IOException {
        return Datasets.load(new DatasetSpec("tiny-imagenet", root, 0, 0, 0L, Map.of()));
    }

    private static void assertColour(ImageSet set, int index, int r, int g, int b) {
        byte[] image = set.image(index);
        int plane = 64 * 64;
        for (int p : new int[] {0, 64 * 32 + 17, plane - 1}) {
            assertEquals(r, image[p] & 0xff, 3.0, set.id(index) + " red");
            assertEquals(g, image[plane + p] & 0xff, 3.0, set.id(index) + " green");
            assertEquals(b, image[2 * plane + p] & 0xff, 3.0, set.id(index) + " blue");
        }
    }

    @Test
    void shouldReadTrainTreeAndLabelledValidationAsTestSplit() throws IOException {
        DatasetSplits splits = load();

        ImageSet train = splits.train();
        assertEquals(List.of("goldfish, Carassius auratus", "European fire salamander, Salamandra salamandra",
                "Egyptian cat"), train.classNames());
        assertEquals(3, train.channels());
        assertEquals(64, train.height());
        assertEquals(64, train.width());
        assertEquals(List.of("tiny-imagenet/train/n01443537_0", "tiny-imagenet/train/n01443537_1",
                "tiny-imagenet/train/n01629819_0", "tiny-imagenet/train/n01629819_1",
                "tiny-imagenet/train/n01629819_10", "tiny-imagenet/train/n02124075_0",
                "tiny-imagenet/train/n02124075_1"), train.ids());
        assertEquals(1, train.labelOf("tiny-imagenet/train/n01629819_10"));
        assertEquals(2, train.labelOf("tiny-imagenet/train/n02124075_1"));
        int[] c2j1 = colour(2, 1);
        assertColour(train, train.indexOf("tiny-imagenet/train/n02124075_1"), c2j1[0], c2j1[1], c2j1[2]);
        int[] c0j0 = colour(0, 0);
        assertColour(train, 0, c0j0[0], c0j0[1], c0j0[2]);

        ImageSet test = splits.test();
        assertEquals(List.of("tiny-imagenet/val/val_0", "tiny-imagenet/val/val_1", "tiny-imagenet/val/val_2"), test.ids());
        assertEquals(2, test.label(0));
        assertEquals(1, test.label(1));
        assertEquals(0, test.label(2));
        assertColour(test, 2, 210, 128, 50);
        assertTrue(Datasets.isInstalled("tiny-imagenet", root));
    }

    @Test
    void shouldCopyGrayPlaneToThreeChannelsWhenJpegIsGrayscale() throws IOException {
        ImageSet train = load().train();
        assertColour(train, train.indexOf("tiny-imagenet/train/n01629819_10"), 77, 77, 77);
        byte[] image = train.image(train.indexOf("tiny-imagenet/train/n01629819_10"));
        for (int p = 0; p < 64 * 64; p++) {
            assertEquals(image[p], image[64 * 64 + p]);
            assertEquals(image[p], image[2 * 64 * 64 + p]);
        }
    }

    @Test
    void shouldFallBackToWnidsWhenWordsAreMissing() throws IOException {
        Files.delete(base.resolve("words.txt"));
        assertEquals(List.of("n01443537", "n01629819", "n02124075"), load().train().classNames());
    }

    @Test
    void shouldNamePathWhenImageIsNot64By64() throws IOException {
        Path odd = base.resolve("val/images/val_1.JPEG");
        DatasetFiles.writeImage(odd, DatasetFiles.rgbImage(DatasetFiles.uniform(1, 2, 3, 32), 32, 32), "jpeg");
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(odd.toString()) && e.getMessage().contains("found 32x32"), e.getMessage());
    }

    @Test
    void shouldNamePathWhenAnnotatedImageIsMissing() throws IOException {
        Path missing = base.resolve("val/images/val_0.JPEG");
        Files.delete(missing);
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void shouldNameLineWhenAnnotationHasUnknownWnid() throws IOException {
        writeAnnotations(List.of("val_0.JPEG\tn02124075", "val_1.JPEG\tn99999999"));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("val_annotations.txt"), e.getMessage());
    }

    @Test
    void shouldRefuseAnnotationThatClimbsOutOfTheImagesFolder() throws IOException {
        writeAnnotations(List.of("../../../secret.JPEG\tn02124075"));
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains("../../../secret.JPEG"), e.getMessage());
    }

    @Test
    void shouldRefuseImageSymlinkedFromOutsideTheRoot() throws IOException {
        Path secret = outside.resolve("secret.JPEG");
        BufferedImage image = DatasetFiles.rgbImage(DatasetFiles.uniform(1, 2, 3, 64), 64, 64);
        DatasetFiles.writeImage(secret, image, "jpeg");
        Path link = base.resolve("val/images/val_1.JPEG");
        Files.delete(link);
        Files.createSymbolicLink(link, secret);
        IOException e = assertThrows(IOException.class, this::load);
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("outside the data root"),
                e.getMessage());
        Files.delete(link); // spares JUnit's warning about links out of its temp dir
    }
}
