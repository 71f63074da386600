package org.ssal.learning.analysis;

import java.math.BigDecimal;
import java.math.MathContext;

/** Short human-readable numbers for reasons, tables and plot labels. */
final class Numbers {
    private Numbers() {
    }

    /** Up to three significant digits, no exponent, no trailing zeros: 20.0 → "20", 0.12345 → "0.123". */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Accuracy as a percentage with one decimal: 0.8123 → "81.2". */
    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f", 100 * fraction);
    }
}
