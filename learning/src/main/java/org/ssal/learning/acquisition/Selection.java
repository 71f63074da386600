package org.ssal.learning.acquisition;

import java.util.List;

/**
 * The chosen sample ids in pick order, with the score each had when it was picked (NaN for
 * strategies without scores), so an audit can see why a sample was asked for.
 */
public record Selection(List<String> ids, double[] scores) {
    public Selection {
        ids = List.copyOf(ids);
        if (scores.length != ids.size()) {
            throw new IllegalArgumentException("scores length " + scores.length + " != ids " + ids.size());
        }
    }
}
