package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

/**
 * A service refuses to start on topics that someone else created unfit for ssal (a different
 * partition count mis-routes campaigns, a 7-day retention deletes the audit trail), and says which
 * topic, setting and value; nothing is consumed or produced before that check.
 */
class ServiceTopicCheckIT {
    private static final EventService.View NO_VIEW = new EventService.View() {
        @Override
        public void forget() {
        }

        @Override
        public void observe(org.apache.avro.specific.SpecificRecord event) {
        }
    };


    @Test
    void shouldRefuseToStartWhenExistingTopicsHaveOtherPartitionsOrRetention() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // Given: two topics made by hand with the broker's defaults (7-day retention), one of
            // them with another partition count
            admin.createTopics(List.of(
                    new NewTopic(Topics.QUERY_BATCH, 3, (short) 1),
                    new NewTopic(Topics.LABELS_RECEIVED, 2, (short) 1).configs(Map.of("retention.ms", "604800000"))))
                    .all().get();

            // When: a service starts with ssal's settings (2 partitions, events kept forever)
            EventService.Spec spec = new EventService.Spec("topic-check", List.of(Topics.QUERY_BATCH), List.of(),
                    Duration.ofSeconds(10));
            TopicAdmin.TopicMismatchException e = assertThrows(TopicAdmin.TopicMismatchException.class,
                    () -> EventService.start(spec, broker.bootstrapServers(), "i1", TopicSettings.singleNode(2),
                            NO_VIEW, (event, out) -> { }));

            // Then: every problem is named, and the message tells how to get out of it
            assertEquals(List.of(
                    "topic query-batch has 3 partitions, ssal.topics.partitions is 2 (every ssal topic needs the same count)",
                    "topic query-batch has retention.ms=604800000, ssal.topics.retention-ms is -1"
                            + " (forever: the event log is the audit trail)",
                    "topic labels-received has retention.ms=604800000, ssal.topics.retention-ms is -1"
                            + " (forever: the event log is the audit trail)"), e.problems());
            assertTrue(e.getMessage().contains("ssal.topics.*"), e.getMessage());
        }
    }
}
