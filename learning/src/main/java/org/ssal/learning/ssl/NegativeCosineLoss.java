package org.ssal.learning.ssl;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * SimSiam's loss (Chen &amp; He 2021, eq. 1–2): the negative cosine similarity
 * {@code D(p, z) = −(p/‖p‖)·(z/‖z‖)}, averaged over the batch, and its symmetrized form
 * {@code L = ½D(p1, stopgrad(z2)) + ½D(p2, stopgrad(z1))}. "The stop-gradient operation is
 * critical": without it the encoder collapses to a constant, so the target branch gets no gradient.
 */
final class NegativeCosineLoss {
    private NegativeCosineLoss() {
    }

    /** D(p, z) = −mean over the batch of cos(p, z) (paper, eq. 1). */
    static SDVariable distance(SameDiff sd, SDVariable p, SDVariable z) {
        // x·rsqrt(Σx² + ε) rather than x / norm2(x): M2.1's norm2 gradient gave NaN on some batches
        SDVariable pn = p.mul(sd.math().rsqrt(sd.sum(sd.math().square(p), true, 1).add(1e-12)));
        SDVariable zn = z.mul(sd.math().rsqrt(sd.sum(sd.math().square(z), true, 1).add(1e-12)));
        return sd.mean(pn.mul(zn).sum(1)).neg();
    }

    /** L = ½D(p1, stopgrad(z2)) + ½D(p2, stopgrad(z1)) (paper, eq. 2). */
    static SDVariable symmetrized(SameDiff sd, SDVariable p1, SDVariable z1, SDVariable p2, SDVariable z2) {
        return distance(sd, p1, stopGradient(sd, z2)).mul(0.5).add(distance(sd, p2, stopGradient(sd, z1)).mul(0.5));
    }

    /** {@code x} forward, no gradient backward. */
    static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }
}
