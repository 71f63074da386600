package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

class TopicAdminTest {
    private final TopicSettings cluster = new TopicSettings(6, 3, 2, TopicSettings.FOREVER);

    @Test
    void shouldKeepEventsForeverAndCompactTables() {
        Map<String, String> events = TopicAdmin.configsOf(Topics.LABELS_RECEIVED, cluster);
        assertEquals("delete", events.get("cleanup.policy"));
        assertEquals("-1", events.get("retention.ms"));
        assertEquals("2", events.get("min.insync.replicas"));
        Map<String, String> table = TopicAdmin.configsOf(Topics.BUDGET_STATE, cluster);
        assertEquals("compact", table.get("cleanup.policy"));
        assertEquals(null, table.get("retention.ms"));
    }

    @Test
    void shouldAcceptATopicThatFits() {
        assertEquals(List.of(), TopicAdmin.problemsOf(Topics.QUERY_BATCH, 6, 3,
                TopicAdmin.configsOf(Topics.QUERY_BATCH, cluster), cluster));
    }

    @Test
    void shouldNameEveryProblemOfAnExistingTopic() {
        List<String> problems = TopicAdmin.problemsOf(Topics.QUERY_BATCH, 2, 1,
                Map.of("cleanup.policy", "compact", "retention.ms", "604800000", "min.insync.replicas", "1"), cluster);
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("has 2 partitions, ssal.topics.partitions is 6"));
        assertTrue(problems.get(1).contains("replication factor 1, ssal.topics.replication-factor is 3"));
        assertTrue(problems.get(2).contains("min.insync.replicas=1"));
        assertTrue(problems.get(3).contains("cleanup.policy=compact"));
        assertTrue(problems.get(4).contains("retention.ms=604800000"));
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopicSettings(2, 1, 2, -1));
        assertTrue(e.getMessage().contains("min-insync-replicas"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TopicSettings(0, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new TopicSettings(1, 1, 1, 0));
    }
}
