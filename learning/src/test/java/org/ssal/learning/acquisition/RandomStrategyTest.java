package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStrategyTest {
    @Test
    void shouldDifferWhenSeedOrRoundDiffers() {
        SelectionContext ctx = Fixtures.randomContext(100, 0, 2, 41);
        RandomStrategy random = new RandomStrategy();
        var base = random.select(Fixtures.withSeed(ctx, 1, 0), 10).ids();
        assertNotEquals(base, random.select(Fixtures.withSeed(ctx, 2, 0), 10).ids());
        assertNotEquals(base, random.select(Fixtures.withSeed(ctx, 1, 1), 10).ids());
    }

    @Test
    void shouldPickEverySampleEquallyOftenWhenSeedsVary() {
        SelectionContext ctx = Fixtures.randomContext(10, 0, 2, 42);
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        int draws = 4000;
        for (int seed = 0; seed < draws; seed++) {
            for (String id : new RandomStrategy().select(Fixtures.withSeed(ctx, seed, 3), 2).ids()) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        // each id is expected 800 times; ±15 % is over 5 standard deviations
        for (String id : ctx.poolIds()) {
            int c = counts.getOrDefault(id, 0);
            assertTrue(c > 680 && c < 920, id + " drawn " + c + " times");
        }
    }
}
