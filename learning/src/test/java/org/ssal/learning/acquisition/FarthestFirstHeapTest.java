package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FarthestFirstHeapTest {
    private record Entry(int row, double key, int rank) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingDouble(Entry::key).reversed()
            .thenComparingInt(Entry::rank);

    @Test
    void shouldGiveRowsLargestKeyFirstAndTiesByLowerRankWhileKeysShrink() {
        SplittableRandom random = new SplittableRandom(21);
        int n = 500;
        List<Entry> reference = new ArrayList<>();
        FarthestFirstHeap heap = new FarthestFirstHeap(n);
        for (int i = 0; i < n; i++) {
            Entry e = new Entry(i, random.nextInt(40), n - 1 - i); // few distinct keys: many ties
            reference.add(e);
            heap.add(e.row(), e.key(), e.rank());
        }
        while (!reference.isEmpty()) {
            reference.sort(ORDER);
            Entry best = reference.get(0);
            assertEquals(best.row(), heap.top(), "the top among " + reference.size());
            if (random.nextBoolean() && best.key() > 0) {
                double shrunk = best.key() - 1 - random.nextInt((int) best.key());
                boolean sinks = reference.size() > 1 && ORDER.compare(reference.get(1), new Entry(best.row(), shrunk,
                        best.rank())) < 0;
                assertEquals(sinks, heap.topWouldSink(shrunk, best.rank()), "would " + best + " sink with key " + shrunk);
                reference.set(0, new Entry(best.row(), shrunk, best.rank()));
                heap.replaceTopKey(shrunk);
            } else {
                reference.remove(0);
                heap.removeTop();
            }
            assertEquals(reference.size(), heap.size());
        }
    }

    @Test
    void shouldNotSinkTheOnlyRow() {
        FarthestFirstHeap heap = new FarthestFirstHeap(1);
        heap.add(7, 3.0, 0);
        assertFalse(heap.topWouldSink(-1.0, 0));
        heap.replaceTopKey(-1.0);
        assertEquals(7, heap.top());
        assertTrue(FarthestFirstHeap.before(1.0, 5, 1.0, 6), "equal keys: the lower rank first");
    }
}
