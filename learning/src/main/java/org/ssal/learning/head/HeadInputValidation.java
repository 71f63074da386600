package org.ssal.learning.head;

/** Argument checks shared by the heads, so every head rejects bad input with the same words. */
final class HeadInputValidation {
    private HeadInputValidation() {
    }

    /** Checks a training set and returns its dimension. */
    static int validateTrainingSet(float[][] x, int[] y, int numClasses) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("x is empty: a head needs at least one labeled sample");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " labels");
        }
        int dim = validateRows(x, -1);
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is outside [0, " + numClasses + ")");
            }
        }
        return dim;
    }

    /** Checks that all rows have the same length (or {@code expectedDim} when it is >= 0). */
    static int validateRows(float[][] x, int expectedDim) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        int dim = expectedDim;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                throw new IllegalArgumentException("x[" + i + "] is null");
            }
            if (dim < 0) {
                dim = x[i].length;
            }
            if (x[i].length != dim) {
                throw new IllegalArgumentException("x[" + i + "] has dim " + x[i].length + ", expected " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] = " + x[i][j] + " is not finite");
                }
            }
        }
        return Math.max(dim, 0);
    }
}
