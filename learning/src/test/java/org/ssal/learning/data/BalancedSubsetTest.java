package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BalancedSubsetTest {
    /** Skewed labels: class c has 10 + 7c samples, in a scrambled order. */
    private static int[] skewedLabels(int classes) {
        int total = 0;
        for (int c = 0; c < classes; c++) {
            total += 10 + 7 * c;
        }
        int[] labels = new int[total];
        int next = 0;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < 10 + 7 * c; k++) {
                labels[next++] = c;
            }
        }
        SplittableRandom random = new SplittableRandom(99);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = labels[i];
            labels[i] = labels[j];
            labels[j] = tmp;
        }
        return labels;
    }

    private static int[] perClass(int[] labels, int[] positions, int classes) {
        int[] counts = new int[classes];
        for (int p : positions) {
            counts[labels[p]]++;
        }
        return counts;
    }

    @Test
    void shouldTakeCapSamplesWithPerClassCountsWithinOneWhenNoClassRunsOut() {
        int[] labels = skewedLabels(5);
        for (int cap : new int[] {1, 4, 5, 23, 50}) {
            int[] positions = BalancedSubset.select(labels, 5, cap, 42L);
            assertEquals(cap, positions.length);
            int[] counts = perClass(labels, positions, 5);
            int min = Arrays.stream(counts).min().orElseThrow();
            int max = Arrays.stream(counts).max().orElseThrow();
            assertTrue(max - min <= 1, "cap " + cap + ": " + Arrays.toString(counts));
            for (int i = 1; i < positions.length; i++) {
                assertTrue(positions[i - 1] < positions[i], "ascending and distinct");
            }
        }
    }

    @Test
    void shouldGiveLeftoverQuotaToOtherClassesWhenAClassRunsOut() {
        int[] labels = new int[22];
        labels[0] = 0;
        labels[1] = 0; // class 0 has only 2 samples, class 1 has 20
        Arrays.fill(labels, 2, 22, 1);
        int[] positions = BalancedSubset.select(labels, 2, 10, 1L);
        assertArrayEquals(new int[] {2, 8}, perClass(labels, positions, 2));
    }

    @Test
    void shouldBeStableForASeedAndDifferAcrossSeeds() {
        int[] labels = skewedLabels(4);
        int[] first = BalancedSubset.select(labels, 4, 20, 7L);
        assertArrayEquals(first, BalancedSubset.select(labels.clone(), 4, 20, 7L));
        assertFalse(Arrays.equals(first, BalancedSubset.select(labels, 4, 20, 8L)));
    }

    @Test
    void shouldContainSmallerCapWhenCapGrowsWithSameSeed() {
        int[] labels = skewedLabels(4);
        Set<Integer> small = new HashSet<>();
        for (int p : BalancedSubset.select(labels, 4, 12, 3L)) {
            small.add(p);
        }
        Set<Integer> large = new HashSet<>();
        for (int p : BalancedSubset.select(labels, 4, 40, 3L)) {
            large.add(p);
        }
        assertTrue(large.containsAll(small));
    }

    @Test
    void shouldSelectEverythingWhenCapIsZeroOrAtLeastTheSize() {
        int[] labels = {1, 0, 1};
        assertArrayEquals(new int[] {0, 1, 2}, BalancedSubset.select(labels, 2, 0, 1L));
        assertArrayEquals(new int[] {0, 1, 2}, BalancedSubset.select(labels, 2, 3, 1L));
    }

    @Test
    void shouldNameTheLabelWhenOutsideTheClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BalancedSubset.select(new int[] {0, 3, 1}, 2, 1, 1L));
        assertTrue(e.getMessage().contains("labels[1] = 3"), e.getMessage());
    }

    @Test
    void shouldCapLoadedSplitsToTheSameIdsForTheSameSeed() throws Exception {
        DatasetSpec spec = new DatasetSpec("synthetic", null, 40, 20, 11L, Map.of("train", "300", "test", "100", "size", "8"));
        DatasetSplits first = Datasets.load(spec);
        DatasetSplits again = Datasets.load(spec);
        assertEquals(40, first.train().size());
        assertEquals(20, first.test().size());
        assertEquals(first.train().ids(), again.train().ids());
        assertEquals(first.test().ids(), again.test().ids());
        int[] counts = new int[10];
        for (int i = 0; i < first.train().size(); i++) {
            counts[first.train().label(i)]++;
        }
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, counts);
        DatasetSplits otherSeed = Datasets.load(new DatasetSpec("synthetic", null, 40, 20, 12L, spec.options()));
        assertFalse(first.train().ids().equals(otherSeed.train().ids()));
    }
}
