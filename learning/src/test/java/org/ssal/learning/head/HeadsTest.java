package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadsTest {
    @Test
    void shouldCreateEachRegisteredHeadWhenAskedByName() {
        assertEquals(List.of("logistic", "softmax", "svm"), Heads.names());
        assertInstanceOf(SoftmaxHead.class, Heads.create("logistic"));
        assertInstanceOf(SoftmaxHead.class, Heads.create("softmax"));
        assertInstanceOf(LinearSvmHead.class, Heads.create("svm"));
        for (String name : Heads.names()) {
            assertEquals(name, Heads.create(name).name());
        }
    }

    @Test
    void shouldListKnownNamesWhenNameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Heads.create("knn"));
        assertTrue(e.getMessage().contains("knn") && e.getMessage().contains("softmax") && e.getMessage().contains("svm"), e.getMessage());
    }
}
