package org.ssal.learning.analysis;

import java.math.BigDecimal;

/** Formats fractions as percentages without float noise: 0.001 → "0.1%". */
final class Percent {
    private Percent() {
    }

    static String format(double fraction) {
        BigDecimal percent = new BigDecimal(Double.toString(fraction)).movePointRight(2).stripTrailingZeros();
        return percent.toPlainString() + "%";
    }
}
