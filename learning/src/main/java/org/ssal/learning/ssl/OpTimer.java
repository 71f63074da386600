package org.ssal.learning.ssl;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** A SameDiff listener that sums wall time per op type (e.g. conv2d, conv2d_bp, matmul). */
public final class OpTimer extends BaseListener {
    private final Map<String, long[]> byType = new TreeMap<>();
    private long started;

    @Override
    public boolean isActive(Operation operation) { return true; }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        long[] acc = byType.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        acc[0] += System.nanoTime() - started;
        acc[1]++;
    }

    public void reset() { byType.clear(); }

    /** Op types by total time, descending, as lines "name  ms  calls". */
    public String table(int top) {
        long total = byType.values().stream().mapToLong(a -> a[0]).sum();
        StringBuilder out = new StringBuilder(String.format("%-28s %10s %8s %6s%n", "op", "ms", "calls", "%"));
        byType.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .forEach(e -> out.append(String.format("%-28s %10.1f %8d %5.1f%%%n", e.getKey(), e.getValue()[0] / 1e6,
                        e.getValue()[1], 100.0 * e.getValue()[0] / Math.max(1, total))));
        out.append(String.format("%-28s %10.1f%n", "total (in ops)", total / 1e6));
        return out.toString();
    }
}
