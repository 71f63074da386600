package org.ssal.learning.ssl;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;

/**
 * Gives a training graph's gradient function {@link StepArrays} as its session memory, so that a
 * training step reuses the arrays of the step before it instead of allocating them.
 * <p>Usage: {@link #attach} once, on the thread that runs the steps, before the first step;
 * {@link #nextStep} before every step (the previous step's outputs and gradients are invalid from
 * then on); {@link #close} when training is over.
 * <p>SameDiff keeps one session per graph and thread; the one put here for the gradient function
 * replaces whatever SameDiff had made, so no other graph or thread is affected.
 */
public final class StepMemory implements AutoCloseable {
    /**
     * {@code -Dssal.stepMemory=nd4j} leaves the trainers on ND4J's own session memory, kept so that
     * the memory and speed of both can be measured against each other (docs/benchmarks.md).
     */
    static final boolean TRAINERS_USE_IT = !"nd4j".equals(System.getProperty("ssal.stepMemory", "step"));

    private final StepArrays arrays = new StepArrays();
    private final StepSession session;

    private StepMemory(SameDiff gradient) {
        session = gradient == null ? null : new StepSession(gradient);
        if (session != null) {
            session.setMmgr(arrays);
        }
    }

    /** {@link #attach}, unless {@code -Dssal.stepMemory=nd4j} asks for ND4J's memory: then one that does nothing. */
    public static StepMemory forTraining(SameDiff sd) {
        return TRAINERS_USE_IT ? attach(sd) : new StepMemory(null);
    }

    /** Step memory for the gradient function of {@code sd}, for steps run on the calling thread. */
    public static StepMemory attach(SameDiff sd) {
        if (sd.getFunction("grad") == null) {
            sd.createGradFunction();
        }
        SameDiff gradient = sd.getFunction("grad");
        StepMemory memory = new StepMemory(gradient);
        gradient.getSessions().put(Thread.currentThread().getId(), memory.session);
        return memory;
    }

    /** Frees the arrays of the previous step for this one. */
    public void nextStep() {
        arrays.recycle();
        if (session != null) {
            session.forgetReleasedIds();
        }
    }

    /** Arrays allocated so far rather than reused. */
    public long allocations() {
        return arrays.allocations();
    }

    /** Frees every array; the graph still runs afterwards, allocating as it goes. */
    @Override
    public void close() {
        arrays.close();
    }

    /** A session whose record of released array ids can be emptied between steps. */
    private static final class StepSession extends InferenceSession {
        StepSession(SameDiff sd) {
            super(sd);
        }

        /**
         * The set grows by every array the session releases and is never emptied in M2.1: a heap
         * leak over a long training run. Ids are never reused, and StepArrays gives a reused array
         * a new id, so forgetting the previous steps' ids is safe.
         */
        void forgetReleasedIds() {
            freedArrays.clear();
        }
    }
}
