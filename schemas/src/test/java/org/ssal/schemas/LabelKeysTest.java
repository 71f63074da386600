package org.ssal.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class LabelKeysTest {
    @Test
    void shouldPutTheCampaignInFrontSoThatAPrefixListsOneCampaign() {
        String key = LabelKeys.key("c1", "s7");

        assertEquals("c1\u0000s7", key);
        assertTrue(key.startsWith(LabelKeys.prefix("c1")));
        assertFalse(LabelKeys.key("c10", "s7").startsWith(LabelKeys.prefix("c1")), "c10 is not part of c1");
        assertEquals("c1", LabelKeys.campaignOf(key));
        assertEquals("c1", LabelKeys.campaignOf("c1"), "a plain campaign key");
    }

    @Test
    void shouldRefuseACampaignIdWithTheSeparator() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelKeys.key("a\u0000b", "s"));

        assertEquals("campaignId must not contain U+0000, got a?b", e.getMessage());
    }

    @Test
    void shouldPlaceACampaignWhereJavasDefaultPartitionerPlacesItsKey() {
        for (String campaign : new String[] {"c1", "c2", "fashion-run-17", "ü"}) {
            for (int partitions : new int[] {1, 2, 3, 12}) {
                assertEquals(BuiltInPartitioner.partitionForKey(
                                campaign.getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions),
                        LabelKeys.partitionOf(campaign, partitions), campaign + " over " + partitions);
            }
        }
    }
}
