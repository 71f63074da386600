package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VaalStrategyTest {
    @Test
    void shouldPreferSamplesFarFromLabeledDistributionWhenPoolHasANewCluster() {
        SplittableRandom rng = new SplittableRandom(61);
        int dim = 8;
        float[][] labeled = Fixtures.gaussianRows(40, dim, 0, rng);
        float[][] near = Fixtures.gaussianRows(60, dim, 0, rng);
        float[][] far = Fixtures.gaussianRows(10, dim, 3, rng);
        float[][] pool = new float[70][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            // interleave so that neither position nor id order favours the far cluster
            boolean isFar = i % 7 == 3;
            pool[i] = isFar ? far[i / 7] : near[i - i / 7 - (i % 7 > 3 ? 1 : 0)];
            ids.add((isFar ? "far" : "near") + String.format("%02d", i));
        }
        // averaged over ten campaign seeds: one seed's VAE and discriminator may train worse (5 of 10
        // at worst here), and a property should not hang on the one seed a derivation happens to give
        int farPicked = 0;
        List<Long> perSeed = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            SelectionContext ctx = Fixtures.context(ids, pool, Fixtures.shuffledIds("l", 40, 1), labeled, null, seed, 0);
            Selection s = new VaalStrategy(32, 8, 300, 32).select(ctx, 10);
            long picked = s.ids().stream().filter(id -> id.startsWith("far")).count();
            perSeed.add(picked);
            farPicked += (int) picked;
        }
        // a random pick would get 10 / 70 of them, about 1.4 per batch
        assertTrue(farPicked >= 75, "far samples picked per seed (of 10): " + perSeed);
    }

    @Test
    void shouldDependOnSeedWhenTrainingIsRandomised() {
        SelectionContext ctx = Fixtures.randomContext(50, 20, 4, 62);
        VaalStrategy vaal = new VaalStrategy(16, 4, 40, 16);
        Selection a = vaal.select(Fixtures.withSeed(ctx, 1, 0), 5);
        Selection b = vaal.select(Fixtures.withSeed(ctx, 2, 0), 5);
        assertTrue(a.scores()[0] != b.scores()[0], "scores should change with the seed");
    }

    @Test
    void shouldRejectNonPositiveSizesWhenConstructed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VaalStrategy(0, 4, 10, 8));
        assertEquals("hidden must be >= 1, got 0", e.getMessage());
    }
}
