package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    private static ImageSet three() {
        byte[][] images = {{1, 1, 1, 1}, {2, 2, 2, 2}, {3, 3, 3, 3}};
        return new ImageSet("pool", 1, 2, 2, List.of("a", "b", "c"), new String[] {"x", "y", "z"},
                new int[] {0, 1, 2}, images);
    }

    @Test
    void shouldKeepTheGivenLabelsAndOrderWhenRelabelling() {
        ImageSet pool = three();
        Map<String, Integer> bought = new LinkedHashMap<>();
        bought.put("z", 0); // a noisy annotator's answer, not the dataset's label 2
        bought.put("x", 0);
        ImageSet labeled = pool.withLabels("pool-labeled", bought);
        assertEquals("pool-labeled", labeled.name());
        assertEquals(List.of("z", "x"), labeled.ids());
        assertEquals(0, labeled.labelOf("z"));
        assertSame(pool.image(2), labeled.image(0), "images are shared, not copied");
        assertEquals(pool.classNames(), labeled.classNames());
    }

    @Test
    void shouldNameASampleThatIsNotInTheSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> three().withLabels("l", Map.of("w", 0)));
        assertTrue(e.getMessage().contains("w") && e.getMessage().contains("pool"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> three().withLabels("l", Map.of("x", 3)), "label out of range");
    }
}
