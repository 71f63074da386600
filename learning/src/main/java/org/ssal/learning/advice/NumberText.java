package org.ssal.learning.advice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as short text for the advisor's reasons and for report tables, plot labels and file
 * names: the one place that decides how ssal writes a threshold, an accuracy or a fraction, so
 * that a reason and the report's table never show the same number two ways.
 */
public final class NumberText {
    private NumberText() {
    }

    /** Up to three significant digits, no exponent, no trailing zeros: 20.0 → "20", 0.12345 → "0.123". */
    public static String significant(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** An accuracy (a fraction) as a percentage with one decimal and no sign, for tables: 0.8123 → "81.2". */
    public static String percentOneDecimal(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    /**
     * A fraction as an exact percentage with its sign, without float noise, for labeled fractions
     * such as 0.001 → "0.1%" (going through the shortest decimal of the double, so 0.07 is "7%", not
     * "7.000000000000001%").
     */
    public static String percentExact(double fraction) {
        BigDecimal percent = new BigDecimal(Double.toString(fraction)).movePointRight(2).stripTrailingZeros();
        return percent.toPlainString() + "%";
    }
}
