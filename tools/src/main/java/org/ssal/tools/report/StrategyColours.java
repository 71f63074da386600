package org.ssal.tools.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * One colour per strategy, the same in every plot: random in black as the baseline, the others
 * from the Okabe–Ito palette, which stays distinguishable with colour-blindness.
 */
final class StrategyColours {
    private static final Map<String, Color> KNOWN = Map.of(
            "random", new Color(0, 0, 0),
            "entropy", new Color(230, 159, 0),
            "kcenter", new Color(0, 114, 178),
            "vaal", new Color(0, 158, 115),
            "svm-margin", new Color(213, 94, 0),
            "typiclust", new Color(204, 121, 167));
    private static final List<Color> OTHERS = List.of(new Color(86, 180, 233), new Color(153, 153, 153),
            new Color(120, 60, 160), new Color(140, 100, 40));

    private StrategyColours() {
    }

    static Color of(String strategy) {
        Color known = KNOWN.get(strategy);
        return known != null ? known : OTHERS.get(Math.floorMod(strategy.hashCode(), OTHERS.size()));
    }
}
