package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticLoaderTest {
    /** Accuracy of assigning each test image to the class whose mean training image is nearest. */
    private static double nearestClassMeanAccuracy(ImageSet train, ImageSet test) {
        int classes = train.numClasses();
        int pixels = train.pixelsPerImage();
        double[][] mean = new double[classes][pixels];
        int[] count = new int[classes];
        for (int i = 0; i < train.size(); i++) {
            byte[] image = train.image(i);
            count[train.label(i)]++;
            for (int p = 0; p < pixels; p++) {
                mean[train.label(i)][p] += image[p] & 0xff;
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int p = 0; p < pixels; p++) {
                mean[c][p] /= count[c];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            byte[] image = test.image(i);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < classes; c++) {
                double distance = 0;
                for (int p = 0; p < pixels; p++) {
                    double d = (image[p] & 0xff) - mean[c][p];
                    distance += d * d;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        return correct / (double) test.size();
    }

    @Test
    void shouldBeLearnableButNotTrivialWithDefaults() {
        DatasetSplits splits = Datasets.synthetic(1L, Map.of());
        assertEquals(2000, splits.train().size());
        assertEquals(500, splits.test().size());
        assertEquals(10, splits.train().numClasses());
        double accuracy = nearestClassMeanAccuracy(splits.train(), splits.test());
        // chance is 0.10; the class Javadoc reports 0.58-0.74 for seeds 1-3
        assertTrue(accuracy > 0.40, "nearest-class-mean accuracy " + accuracy);
        assertTrue(accuracy < 0.90, "nearest-class-mean accuracy " + accuracy);
    }

    @Test
    void shouldGenerateIdenticalBytesForTheSameSeed() {
        Map<String, String> options = Map.of("train", "50", "test", "20", "size", "12", "channels", "3");
        DatasetSplits first = Datasets.synthetic(5L, options);
        DatasetSplits again = Datasets.synthetic(5L, options);
        assertEquals(first.train().ids(), again.train().ids());
        for (int i = 0; i < first.train().size(); i++) {
            assertArrayEquals(first.train().image(i), again.train().image(i));
            assertEquals(first.train().label(i), again.train().label(i));
        }
        for (int i = 0; i < first.test().size(); i++) {
            assertArrayEquals(first.test().image(i), again.test().image(i));
        }
        assertEquals(3, first.train().channels());
        assertEquals(12, first.train().height());
        assertEquals("synthetic/train/000007", first.train().id(7));
        assertEquals("synthetic/test/000019", first.test().id(19));
    }

    @Test
    void shouldGenerateDifferentBytesForDifferentSeeds() {
        Map<String, String> options = Map.of("train", "20", "test", "5");
        DatasetSplits first = Datasets.synthetic(5L, options);
        DatasetSplits other = Datasets.synthetic(6L, options);
        for (int i = 0; i < 20; i++) {
            assertFalse(Arrays.equals(first.train().image(i), other.train().image(i)), "sample " + i);
        }
    }

    @Test
    void shouldKeepSamplePixelsWhenSplitSizesOrCapsChange() throws Exception {
        DatasetSplits small = Datasets.synthetic(9L, Map.of("train", "30", "test", "10"));
        DatasetSplits large = Datasets.synthetic(9L, Map.of("train", "300", "test", "10"));
        DatasetSplits capped = Datasets.load(new DatasetSpec("synthetic", null, 10, 0, 9L,
                Map.of("train", "300", "test", "10")));
        for (int i = 0; i < 30; i++) {
            assertArrayEquals(small.train().image(i), large.train().image(i));
        }
        for (int i = 0; i < capped.train().size(); i++) {
            String id = capped.train().id(i);
            assertArrayEquals(large.train().image(large.train().indexOf(id)), capped.train().image(i), id);
        }
    }

    @Test
    void shouldBalanceLabelsAndNameClasses() {
        DatasetSplits splits = Datasets.synthetic(2L, Map.of("classes", "4", "train", "40", "test", "8"));
        int[] counts = new int[4];
        for (int i = 0; i < 40; i++) {
            counts[splits.train().label(i)]++;
        }
        assertArrayEquals(new int[] {10, 10, 10, 10}, counts);
        assertEquals("class-3", splits.train().classNames().get(3));
    }
}
