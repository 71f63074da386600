package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every registered head must have. */
class ClassifierContractTest {

    static java.util.List<String> heads() {
        return Heads.names();
    }

    /** Gaussian blobs around well separated centres, at an awkward scale and offset. */
    static float[][] blobs(int perClass, int classes, int dim, long seed, int[] labelsOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[perClass * classes][dim];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                labelsOut[row] = c;
                for (int j = 0; j < dim; j++) {
                    double centre = (j % classes == c) ? 8.0 : 0.0;
                    x[row][j] = (float) (1000.0 + 250.0 * (centre + gaussian(rng)));
                }
            }
        }
        return x;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldReachFullTrainAccuracyWhenClassesAreSeparable(String name) {
        int[] y = new int[60];
        float[][] x = blobs(20, 3, 6, 1, y);
        TrainedHead head = Heads.create(name).fit(x, y, 3);
        assertArrayEquals(y, head.predict(x));
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldReturnRowsSummingToOneWhenAskedForProbabilities(String name) {
        int[] y = new int[40];
        float[][] x = blobs(10, 4, 5, 2, y);
        double[][] p = Heads.create(name).fit(x, y, 4).probabilities(blobs(10, 4, 5, 3, new int[40]));
        for (double[] row : p) {
            double sum = 0;
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldGiveIdenticalOutputsWhenFittedTwiceOnSameData(String name) {
        int[] y = new int[45];
        float[][] x = blobs(15, 3, 4, 4, y);
        double[][] first = Heads.create(name).fit(x, y, 3).decisionValues(x);
        double[][] second = Heads.create(name).fit(x, y, 3).decisionValues(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(first[i], second[i], 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldGiveUnseenClassesZeroProbabilityWhenTheyHaveNoLabels(String name) {
        int[] y3 = new int[30];
        float[][] x = blobs(10, 3, 6, 5, y3);
        int[] y = new int[30];
        for (int i = 0; i < y.length; i++) {
            y[i] = y3[i] == 2 ? 4 : y3[i]; // classes 0, 1, 4 seen; 2, 3 and 5 unseen
        }
        TrainedHead head = Heads.create(name).fit(x, y, 6);
        assertEquals(6, head.numClasses());
        double[][] p = head.probabilities(x);
        double[][] v = head.decisionValues(x);
        for (int i = 0; i < x.length; i++) {
            for (int unseen : new int[] {2, 3, 5}) {
                assertEquals(0.0, p[i][unseen]);
                assertEquals(Double.NEGATIVE_INFINITY, v[i][unseen]);
            }
            assertTrue(Double.isFinite(v[i][4]));
        }
        assertArrayEquals(y, head.predict(x));
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldPredictTheOnlyClassWhenOneClassIsLabeled(String name) {
        float[][] x = {{1, 2}, {3, 5}, {0, -1}};
        TrainedHead head = Heads.create(name).fit(x, new int[] {2, 2, 2}, 3);
        assertArrayEquals(new int[] {2, 2, 2}, head.predict(new float[][] {{9, 9}, {-9, 0}, {0, 0}}));
        assertEquals(1.0, head.probabilities(new float[][] {{4, 4}})[0][2]);
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldRejectBadInputWhenFitting(String name) {
        Classifier head = Heads.create(name);
        float[][] x = {{1, 2}, {3, 4}};
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> head.fit(x, new int[] {0}, 2));
        assertTrue(lengths.getMessage().contains("2 rows"), lengths.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> head.fit(x, new int[] {0, 2}, 2));
        assertTrue(range.getMessage().contains("y[1] = 2"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> head.fit(x, new int[] {0, -1}, 2));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> head.fit(new float[0][], new int[0], 2));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> head.fit(new float[][] {{1, 2}, {3}}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> head.fit(new float[][] {{1, Float.NaN}}, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> head.fit(x, new int[] {0, 0}, 0));
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldRejectRowsOfWrongDimensionWhenPredicting(String name) {
        TrainedHead head = Heads.create(name).fit(new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> head.decisionValues(new float[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("heads")
    void shouldChangeOutputsWhenLabelsChange(String name) {
        int[] y = new int[20];
        float[][] x = blobs(10, 2, 3, 6, y);
        int[] flipped = y.clone();
        flipped[0] = 1 - flipped[0];
        double[][] a = Heads.create(name).fit(x, y, 2).decisionValues(x);
        double[][] b = Heads.create(name).fit(x, flipped, 2).decisionValues(x);
        assertNotEquals(a[0][0], b[0][0]);
    }
}
