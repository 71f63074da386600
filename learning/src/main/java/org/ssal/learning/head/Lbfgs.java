package org.ssal.learning.head;

/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", Algorithm 7.4/7.5) with a
 * backtracking Armijo line search, for smooth convex objectives such as L2-regularised
 * multinomial logistic regression. Plain sequential Java: the result depends only on the inputs,
 * never on thread counts, so fitted heads are bit-for-bit reproducible.
 */
final class Lbfgs {
    /** Objective value and gradient at a point; writes the gradient into {@code grad}. */
    interface Objective {
        double valueAndGradient(double[] x, double[] grad);
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;

    private Lbfgs() {
    }

    /**
     * Minimises from {@code x} (updated in place).
     *
     * @return the number of iterations run
     */
    static int minimize(Objective f, double[] x, int maxIterations, double gradientTolerance) {
        int n = x.length;
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] dir = new double[n];
        double[] xNew = new double[n];
        double fx = f.valueAndGradient(x, g);
        int stored = 0;
        int head = 0; // slot of the next pair to write
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) <= gradientTolerance) {
                return iter;
            }
            // two-loop recursion: dir = -H g
            for (int i = 0; i < n; i++) {
                dir[i] = -g[i];
            }
            for (int m = 0; m < stored; m++) {
                int slot = Math.floorMod(head - 1 - m, MEMORY);
                alpha[slot] = rho[slot] * dot(s[slot], dir);
                axpy(-alpha[slot], y[slot], dir);
            }
            double gamma = 1.0;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            }
            for (int i = 0; i < n; i++) {
                dir[i] *= gamma;
            }
            for (int m = stored - 1; m >= 0; m--) {
                int slot = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[slot] * dot(y[slot], dir);
                axpy(alpha[slot] - beta, s[slot], dir);
            }
            double slope = dot(g, dir);
            if (slope >= 0) {
                // not a descent direction (numerical trouble): restart from steepest descent
                for (int i = 0; i < n; i++) {
                    dir[i] = -g[i];
                }
                slope = dot(g, dir);
                stored = 0;
            }
            // first step has no curvature information yet: scale it to unit length
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(g, g))) : 1.0;
            double fNew;
            int backtracks = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * dir[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + ARMIJO * step * slope || backtracks++ >= 40) {
                    break;
                }
                step *= 0.5;
            }
            if (!(fNew < fx)) {
                return iter + 1; // no progress possible at double precision
            }
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[head][i] = xNew[i] - x[i];
                y[head][i] = gNew[i] - g[i];
                sy += s[head][i] * y[head][i];
                yy += y[head][i] * y[head][i];
            }
            // keep the pair only when it carries positive curvature (keeps H positive definite)
            if (sy > 1e-12 * yy && yy > 0) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double relativeDecrease = (fx - fNew) / Math.max(Math.abs(fx), 1e-300);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (relativeDecrease < 1e-13) {
                return iter + 1;
            }
        }
        return maxIterations;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
