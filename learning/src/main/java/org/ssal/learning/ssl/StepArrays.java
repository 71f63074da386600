package org.ssal.learning.ssl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The session memory of a graph that runs the same step over and over: every array handed out
 * during one step is taken back, all at once, when the next step begins ({@link #recycle}), and
 * handed out again for the same shape.
 * <p>Why: ND4J 1.0.0-M2.1's {@code calculateGradientsAndOutputs} switches the gradient function's
 * cache off ({@code setEnableCache(false)}), so its session never releases an array to SameDiff's
 * {@code ArrayCacheMemoryMgr} (measured: 0 of ~790 arrays over 100 kB per SimSiam step). Every step
 * allocated all of its activations anew — ~24 % of a step's native time in {@code allocateDataBuffer}
 * (JFR, docs/benchmarks.md) — and only the garbage collector gave that off-heap memory back.
 * Arrays from one step may still be read after it (outputs, gradients), so they are taken back only
 * when the next one starts, never on {@link #release}.
 * <p>Not thread-safe: one training loop on one thread.
 */
final class StepArrays extends AbstractMemoryMgr {
    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final List<INDArray> handedOut = new ArrayList<>();
    private long allocations;

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor); // no buffer to reuse
        }
        return take(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape());
    }

    @Override
    public void release(INDArray array) {
        // kept until recycle(): the caller may still hold a view of it, and the next step reuses it anyway
    }

    /** Makes every array handed out since the last call available again. */
    void recycle() {
        for (INDArray a : handedOut) {
            free.computeIfAbsent(key(a.dataType(), a.ordering(), a.shape()), k -> new ArrayDeque<>()).add(a);
        }
        handedOut.clear();
    }

    /** Arrays created rather than reused so far: stops growing once every shape of a step has been seen. */
    long allocations() {
        return allocations;
    }

    @Override
    public void close() {
        recycle();
        free.values().forEach(q -> q.forEach(a -> {
            if (a.closeable()) {
                a.close();
            }
        }));
        free.clear();
    }

    private INDArray take(DataType type, char order, long[] shape) {
        ArrayDeque<INDArray> q = free.get(key(type, order, shape));
        INDArray a = q == null ? null : q.pollLast();
        if (a == null) {
            a = Nd4j.createUninitializedDetached(type, order, shape);
            allocations++;
        } else {
            // the session tells arrays apart by id (e.g. which ones it has released already)
            ((BaseNDArray) a).assignNewId();
        }
        handedOut.add(a);
        return a;
    }

    private static String key(DataType type, char order, long[] shape) {
        return type.name() + order + Arrays.toString(shape);
    }
}
