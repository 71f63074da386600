package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StepMemoryTest {
    private static final SimSiamConfig TINY = new SimSiamConfig("smallcnn", 32, 8, 1, 8, 1.6, 0.9, 5e-4, 3L, 32, 16);

    /** Reused arrays must not change a single bit of what a step computes: ND4J's own session memory is the reference. */
    @Test
    void shouldTrainExactlyAsNd4jsSessionMemoryDoesOverSeveralSteps() {
        Nd4j.getRandom().setSeed(11);
        INDArray v1 = Nd4j.randn(DataType.FLOAT, 8, 3, 8, 8);
        INDArray v2 = Nd4j.randn(DataType.FLOAT, 8, 3, 8, 8);
        Trainer reference = new Trainer(false);
        Trainer reusing = new Trainer(true);
        for (int step = 0; step < 5; step++) {
            Map<String, INDArray> expected = reference.step(v1, v2);
            Map<String, INDArray> actual = reusing.step(v1, v2);
            assertEquals(expected.keySet(), actual.keySet());
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name).data().asFloat(), actual.get(name).data().asFloat(), 0f,
                        name + " at step " + step);
            }
        }
        reusing.memory.close();
    }

    @Test
    void shouldStopAllocatingOnceEveryShapeOfAStepHasBeenSeen() {
        Nd4j.getRandom().setSeed(12);
        INDArray v1 = Nd4j.randn(DataType.FLOAT, 8, 3, 8, 8);
        INDArray v2 = Nd4j.randn(DataType.FLOAT, 8, 3, 8, 8);
        Trainer t = new Trainer(true);
        t.step(v1, v2);
        long afterFirst = t.memory.allocations();
        assertTrue(afterFirst > 50, "the gradient session should allocate through StepMemory, got " + afterFirst);
        for (int step = 0; step < 4; step++) {
            t.step(v1, v2);
        }
        assertEquals(afterFirst, t.memory.allocations());
        t.memory.close();
        // after close the graph still runs, allocating again
        t.step(v1, v2);
        assertTrue(t.memory.allocations() > afterFirst);
    }

    @Test
    void shouldLeaveGraphsThatAreNotAttachedAsTheyWere() {
        SameDiff plain = SameDiff.create();
        plain.var("w", Nd4j.createFromArray(2f, 3f));
        plain.setLossVariables(plain.math().square(plain.getVariable("w")).sum());
        StepMemory.attach(new Trainer(false).sd);
        INDArray g = plain.calculateGradients(Map.of(), "w").get("w");
        assertArrayEquals(new float[] {4f, 6f}, g.data().asFloat(), 0f);
    }

    /** One SimSiam training loop; the gradients of a step are copied out before the next step reuses them. */
    private static final class Trainer {
        final SameDiff sd = SimSiamNetwork.training(TINY, 3, 8, 8).graph();
        final MomentumSgd sgd = new MomentumSgd(sd, TINY.momentum(), TINY.weightDecay());
        final StepMemory memory;

        Trainer(boolean stepMemory) {
            memory = stepMemory ? StepMemory.attach(sd) : null;
        }

        Map<String, INDArray> step(INDArray v1, INDArray v2) {
            if (memory != null) {
                memory.nextStep();
            }
            var result = sd.calculateGradientsAndOutputs(Map.of(SimSiamNetwork.VIEW1, v1, SimSiamNetwork.VIEW2, v2),
                    List.of(SimSiamNetwork.LOSS, SimSiamNetwork.Z1), sgd.params());
            java.util.Map<String, INDArray> copy = new java.util.TreeMap<>();
            result.getGradients().forEach((k, v) -> copy.put("grad " + k, v.dup()));
            result.getOutputs().forEach((k, v) -> copy.put(k, v.dup()));
            sgd.step(result.getGradients(), TINY.learningRate());
            return copy;
        }
    }
}
