package org.ssal.learning.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KappaTest {
    @Test
    void shouldGiveCohensTextbookValue() {
        // 50 items; both yes 20, first yes second no 5, first no second yes 10, both no 15:
        // p_o = 0.70, p_e = 0.5·0.6 + 0.5·0.4 = 0.50, κ = 0.40
        assertEquals(0.40, Kappa.cohen(new int[][] {{20, 5}, {10, 15}}), 1e-12);
    }

    @Test
    void shouldGiveFleissTextbookValue() {
        // Fleiss' worked example as reproduced in most texts: 10 items, 14 raters, 5 categories;
        // P̄ = 0.378, P̄e = 0.213, κ = 0.210
        int[][] counts = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertEquals(0.210, Kappa.fleiss(counts), 0.0005);
    }

    @Test
    void shouldAgreeWithCohenForTwoRatersWithTheSameMarginalsAsFleissDefinition() {
        // Fleiss with 2 raters per item is Scott's pi; with equal marginals it equals Cohen's kappa
        int[][] table = {{30, 10}, {10, 50}};
        int[][] counts = new int[100][];
        int i = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int n = 0; n < table[a][b]; n++) {
                    int[] row = new int[2];
                    row[a]++;
                    row[b]++;
                    counts[i++] = row;
                }
            }
        }
        assertEquals(Kappa.cohen(table), Kappa.fleiss(counts), 1e-12);
    }

    @Test
    void shouldBeOneForPerfectAgreementAndNameBadInput() {
        assertEquals(1.0, Kappa.cohen(new int[][] {{3, 0}, {0, 7}}), 1e-12);
        assertEquals(1.0, Kappa.fleiss(new int[][] {{3, 0}, {0, 3}}), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kappa.fleiss(new int[][] {{2, 0}, {1, 0}}));
        assertEquals("item 1 has 1 annotations; Fleiss' kappa needs the same number (2) for every item", e.getMessage());
    }
}
