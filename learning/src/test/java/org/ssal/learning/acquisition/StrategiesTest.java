package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract every registered strategy keeps. */
class StrategiesTest {

    static List<String> names() {
        return Strategies.names();
    }

    /** Small VAAL so the contract runs fast; the registry's default is exercised elsewhere. */
    static AcquisitionStrategy create(String name) {
        return name.equals("vaal") ? new VaalStrategy(16, 4, 30, 16) : Strategies.create(name);
    }

    @Test
    void shouldListEveryStrategyWhenAskedForNames() {
        assertEquals(List.of("entropy", "kcenter", "random", "svm-margin", "typiclust", "vaal"), Strategies.names());
        for (String name : Strategies.names()) {
            assertEquals(name, Strategies.create(name).name());
        }
    }

    @Test
    void shouldListKnownNamesWhenNameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.create("bald"));
        assertTrue(e.getMessage().contains("bald") && e.getMessage().contains("kcenter"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldReturnExactlyKDistinctPoolIdsWhenPoolIsLarger(String name) {
        SelectionContext ctx = Fixtures.randomContext(40, 5, 3, 7);
        Selection s = create(name).select(ctx, 12);
        assertEquals(12, s.ids().size());
        assertEquals(12, new HashSet<>(s.ids()).size());
        assertTrue(ctx.poolIds().containsAll(s.ids()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldReturnWholePoolWhenKExceedsPoolSize(String name) {
        SelectionContext ctx = Fixtures.randomContext(9, 4, 3, 8);
        Selection s = create(name).select(ctx, 50);
        assertEquals(Set.copyOf(ctx.poolIds()), Set.copyOf(s.ids()));
        assertEquals(9, s.ids().size());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldReturnNothingWhenKIsZero(String name) {
        assertEquals(List.of(), create(name).select(Fixtures.randomContext(9, 4, 3, 8), 0).ids());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldRejectNegativeKWhenSelecting(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create(name).select(Fixtures.randomContext(9, 4, 3, 8), -1));
        assertTrue(e.getMessage().contains("k must be >= 0, got -1"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldSelectIdenticallyWhenRunTwiceWithSameContext(String name) {
        SelectionContext ctx = Fixtures.randomContext(30, 6, 3, 9);
        Selection a = create(name).select(ctx, 7);
        Selection b = create(name).select(ctx, 7);
        assertEquals(a.ids(), b.ids());
        assertArrayEquals(a.scores(), b.scores(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "entropy", "svm-margin", "kcenter"})
    void shouldIgnorePoolOrderWhenSelecting(String name) {
        SelectionContext ctx = Fixtures.randomContext(30, 6, 3, 10);
        assertEquals(create(name).select(ctx, 8).ids(), create(name).select(Fixtures.reorderedPool(ctx, 99), 8).ids());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldRejectMissingRequirementsWhenContextLacksThem(String name) {
        AcquisitionStrategy strategy = create(name);
        SelectionContext ctx = Fixtures.randomContext(10, 3, 3, 11);
        if (strategy.requires().contains(Requirement.TRAINED_HEAD)) {
            SelectionContext noHead = new SelectionContext(ctx.poolIds(), ctx.poolEmbeddings(), ctx.labeledIds(),
                    ctx.labeledEmbeddings(), ctx.labeledLabels(), 3, null, 1, 0);
            assertThrows(IllegalArgumentException.class, () -> strategy.select(noHead, 2));
        }
        if (strategy.requires().contains(Requirement.EMBEDDINGS)) {
            SelectionContext shortRows = new SelectionContext(ctx.poolIds(), new float[3][3], ctx.labeledIds(),
                    ctx.labeledEmbeddings(), ctx.labeledLabels(), 3, ctx.head(), 1, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strategy.select(shortRows, 2));
            assertTrue(e.getMessage().contains("poolEmbeddings has 3 rows"), e.getMessage());
        }
        SelectionContext duplicate = new SelectionContext(List.of("a", "a"), new float[2][3], List.of(), new float[0][],
                new int[0], 3, ctx.head(), 1, 0);
        assertThrows(IllegalArgumentException.class, () -> strategy.select(duplicate, 1));
    }
}
