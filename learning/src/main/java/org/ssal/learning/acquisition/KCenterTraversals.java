package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The last few k-center traversals, kept so that a campaign's next round goes on from its
 * previous one instead of measuring the whole pool against the whole labeled set again (that
 * grows with every round: ~0.26 s per labeled sample on a 1,000,000-row pool, docs/benchmarks.md).
 *
 * <p>A traversal is taken up again only when the new round is exactly its continuation: the
 * labeled set is its centers plus its picks — same ids, same vectors — and the candidates are its
 * rows not picked, same ids and vectors in the same order. Then the continued traversal gives the
 * picks and scores a fresh one would, to the bit ({@link KCenterGreedy.Traversal}); anything else
 * (another campaign, a strategy switch in between, re-computed embeddings) starts afresh. So the
 * cache can change how long a round takes, never what it picks; an audit replaying a log from
 * scratch gets the same batches.
 */
final class KCenterTraversals {
    /** Traversals kept: one per campaign that runs k-center at the same time, a few campaigns. */
    static final int CAPACITY = 4;

    private final LinkedList<Entry> entries = new LinkedList<>();
    private long continued;

    /**
     * A kept traversal that {@code ctx} continues, taken out of the cache, or null.
     */
    synchronized Continuation take(SelectionContext ctx) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            int[] candidateOfRow = entry.candidatesOf(ctx);
            if (candidateOfRow != null) {
                it.remove();
                continued++;
                return new Continuation(entry, candidateOfRow);
            }
        }
        return null;
    }

    /** Keeps a traversal after its picks, most recent first; the oldest goes beyond {@link #CAPACITY}. */
    synchronized void keep(Entry entry) {
        entries.addFirst(entry);
        while (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    /** Selections that went on from a kept traversal, since this cache was made. */
    synchronized long continued() {
        return continued;
    }

    synchronized int size() {
        return entries.size();
    }

    /** A kept traversal and, for each of its rows, the new round's candidate it is (-1: picked before). */
    record Continuation(Entry entry, int[] candidateOfRow) {
    }

    /** A traversal and what it stands for: its rows' ids, and its centers (labeled set and picks) by id. */
    static final class Entry {
        final KCenterGreedy.Traversal traversal;
        private final List<String> rowIds;
        private final Map<String, float[]> centers;

        Entry(KCenterGreedy.Traversal traversal, List<String> rowIds, List<String> centerIds, float[][] centerVectors) {
            this.traversal = traversal;
            this.rowIds = new ArrayList<>(rowIds);
            this.centers = new HashMap<>();
            for (int i = 0; i < centerIds.size(); i++) {
                centers.put(centerIds.get(i), centerVectors[i]);
            }
        }

        /** Records that a pick (a row of the traversal) is about to be labeled: a center of the next round. */
        void picked(int row) {
            centers.put(rowIds.get(row), traversal.pool()[row]);
        }

        /**
         * For each row of the traversal, the candidate of {@code ctx} it is (-1 for rows picked
         * before); null unless {@code ctx} continues this traversal exactly.
         */
        int[] candidatesOf(SelectionContext ctx) {
            List<String> ids = ctx.poolIds();
            float[][] vectors = ctx.poolEmbeddings();
            List<String> labeled = ctx.labeledIds() == null ? List.of() : ctx.labeledIds();
            if (ids.size() != traversal.remaining() || labeled.size() != centers.size()) {
                return null;
            }
            float[][] labeledVectors = ctx.labeledEmbeddingsOrEmpty();
            for (int i = 0; i < labeled.size(); i++) {
                if (!same(centers.get(labeled.get(i)), labeledVectors[i])) {
                    return null;
                }
            }
            float[][] pool = traversal.pool();
            int[] candidateOfRow = new int[pool.length];
            Arrays.fill(candidateOfRow, -1);
            int row = 0;
            for (int i = 0; i < ids.size(); i++) {
                while (traversal.taken(row)) {
                    row++;
                }
                if (!rowIds.get(row).equals(ids.get(i)) || !same(pool[row], vectors[i])) {
                    return null;
                }
                candidateOfRow[row++] = i;
            }
            return candidateOfRow;
        }

        private static boolean same(float[] kept, float[] given) {
            return kept != null && (kept == given || Arrays.equals(kept, given));
        }
    }
}
