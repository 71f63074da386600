package org.ssal.learning.acquisition;

import java.util.Arrays;
import java.util.List;

/**
 * Sample-id order, the tie-breaker of every strategy: equal scores resolve by sample id and never
 * by pool position, so a pool listed in another order yields the same selection.
 */
final class IdOrder {
    private IdOrder() {
    }

    /** rank[i] = position of ids[i] in ascending id order. */
    static int[] ranks(List<String> ids) {
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** Pool indices in ascending id order. */
    static int[] ascending(List<String> ids) {
        int[] rank = ranks(ids);
        int[] order = new int[rank.length];
        for (int i = 0; i < rank.length; i++) {
            order[rank[i]] = i;
        }
        return order;
    }
}
