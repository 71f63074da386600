package org.ssal.learning.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MajorityVoteTest {
    private static Annotation a(String annotator, int label) {
        return new Annotation("s1", annotator, label);
    }

    @Test
    void shouldPickTheLabelWithMostVotes() {
        assertEquals(2, MajorityVote.of(List.of(a("x", 2), a("y", 1), a("z", 2)), 3));
    }

    @Test
    void shouldBreakTiesByTheSmallestClassWhateverTheOrder() {
        List<Annotation> tied = new ArrayList<>(List.of(a("x", 2), a("y", 1), a("z", 2), a("w", 1), a("v", 0)));
        for (int shuffle = 0; shuffle < 10; shuffle++) {
            Collections.shuffle(tied, new java.util.Random(shuffle));
            assertEquals(1, MajorityVote.of(tied, 3));
        }
    }

    @Test
    void shouldNameALabelOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MajorityVote.of(List.of(a("x", 3)), 3));
        assertEquals("label 3 of sample s1 is outside [0, 3)", e.getMessage());
    }
}
