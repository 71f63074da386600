package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rounds of k-center that go on from the previous round's traversal pick exactly what a fresh
 * traversal over the whole labeled set picks; a round that is not the continuation starts afresh.
 */
class KCenterTraversalsTest {
    private static final int DIM = 9;

    /** The campaign's candidates and labeled set, round after round, every pick labeled. */
    private static final class Campaign {
        final List<String> candidates = new ArrayList<>();
        final List<float[]> candidateRows = new ArrayList<>();
        final List<String> labeled = new ArrayList<>();
        final List<float[]> labeledRows = new ArrayList<>();

        Campaign(int pool, int initial, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            // clustered, with exact duplicates, so that ties and triangle skips both happen
            float[][] rows = Fixtures.gaussianRows(pool, DIM, 0, rng);
            for (int i = 0; i < pool; i += 17) {
                rows[i] = rows[(i + 5) % pool].clone();
            }
            List<String> ids = Fixtures.shuffledIds("s", pool, seed);
            for (int i = 0; i < pool; i++) {
                (i < initial ? labeled : candidates).add(ids.get(i));
                (i < initial ? labeledRows : candidateRows).add(rows[i]);
            }
        }

        SelectionContext context(int round) {
            return new SelectionContext(List.copyOf(candidates), candidateRows.toArray(new float[0][]),
                    List.copyOf(labeled), labeledRows.toArray(new float[0][]), new int[labeled.size()], 3, null, 5,
                    round);
        }

        void label(List<String> picked) {
            for (String id : picked) {
                int at = candidates.indexOf(id);
                labeled.add(candidates.remove(at));
                labeledRows.add(candidateRows.remove(at));
            }
        }
    }

    /** The definition: a fresh traversal from the whole labeled set. */
    private static Selection fresh(SelectionContext ctx, int k) {
        KCenterGreedy.Result r = KCenterGreedy.run(ctx.poolEmbeddings(), ctx.labeledEmbeddingsOrEmpty(), k, -1,
                IdOrder.ranks(ctx.poolIds()), false);
        List<String> ids = new ArrayList<>();
        for (int i : r.picked()) {
            ids.add(ctx.poolIds().get(i));
        }
        return new Selection(ids, r.distances());
    }

    @Test
    void shouldPickWhatAFreshTraversalPicksRoundAfterRound() {
        for (long seed = 1; seed <= 4; seed++) {
            Campaign campaign = new Campaign(600, 20, seed);
            KCenterGreedyStrategy strategy = new KCenterGreedyStrategy(false);
            long continuedBefore = KCenterGreedyStrategy.continuedSelections();
            for (int round = 1; round <= 5; round++) {
                SelectionContext ctx = campaign.context(round);
                Selection expected = fresh(ctx, 37);
                Selection actual = strategy.select(ctx, 37);
                assertEquals(expected.ids(), actual.ids(), "seed " + seed + " round " + round);
                assertArrayEquals(expected.scores(), actual.scores(), "seed " + seed + " round " + round);
                campaign.label(actual.ids());
            }
            // at least rounds 2..5 went on from the round before (tests running beside this one may add more)
            assertTrue(KCenterGreedyStrategy.continuedSelections() - continuedBefore >= 4, "seed " + seed);
        }
    }

    @Test
    void shouldGoOnOnlyFromTheExactContinuation() {
        Campaign campaign = new Campaign(300, 10, 9);
        KCenterTraversals kept = new KCenterTraversals();
        SelectionContext first = campaign.context(1);
        KCenterGreedy.Started started = KCenterGreedy.start(first.poolEmbeddings(), first.labeledEmbeddings(), 12, -1,
                IdOrder.ranks(first.poolIds()), false);
        KCenterTraversals.Entry entry = new KCenterTraversals.Entry(started.traversal(), first.poolIds(),
                first.labeledIds(), first.labeledEmbeddings());
        List<String> picked = new ArrayList<>();
        for (int row : started.result().picked()) {
            entry.picked(row);
            picked.add(first.poolIds().get(row));
        }
        kept.keep(entry);

        // the same round again (e.g. after an aborted transaction): not a continuation
        assertNull(kept.take(first));
        // all but one pick labeled: not a continuation
        Campaign partly = new Campaign(300, 10, 9);
        partly.label(picked.subList(0, 11));
        assertNull(kept.take(partly.context(2)));
        // every pick labeled, but one vector re-computed: not a continuation
        Campaign changed = new Campaign(300, 10, 9);
        changed.label(picked);
        changed.candidateRows.set(40, changed.candidateRows.get(40).clone());
        changed.candidateRows.get(40)[0] += 1e-3f;
        assertNull(kept.take(changed.context(2)));
        // every pick labeled, same vectors: taken up again, candidates mapped onto its rows
        campaign.label(picked);
        SelectionContext next = campaign.context(2);
        KCenterTraversals.Continuation continuation = kept.take(next);
        assertNotNull(continuation);
        int mapped = 0;
        for (int row = 0; row < first.poolIds().size(); row++) {
            int candidate = continuation.candidateOfRow()[row];
            if (candidate >= 0) {
                assertEquals(first.poolIds().get(row), next.poolIds().get(candidate));
                mapped++;
            }
        }
        assertEquals(next.poolIds().size(), mapped, "every candidate is a row of the traversal");
        assertEquals(0, kept.size(), "taken out while in use");
    }

    @Test
    void shouldKeepOnlyTheMostRecentTraversals() {
        KCenterGreedyStrategy strategy = new KCenterGreedyStrategy(false);
        List<Campaign> campaigns = new ArrayList<>();
        for (int c = 0; c < KCenterTraversals.CAPACITY + 2; c++) {
            campaigns.add(new Campaign(200, 5, 100 + c));
        }
        for (int round = 1; round <= 2; round++) {
            for (Campaign campaign : campaigns) {
                SelectionContext ctx = campaign.context(round);
                Selection expected = fresh(ctx, 9);
                Selection actual = strategy.select(ctx, 9);
                assertEquals(expected.ids(), actual.ids());
                assertArrayEquals(expected.scores(), actual.scores());
                campaign.label(actual.ids());
            }
        }
    }
}
