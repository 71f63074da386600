package org.ssal.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;

/** A reader of the log on a real broker. */
class EventLogIT {
    @Test
    void shouldCloseOnAnInterruptedThreadAndKeepTheInterrupt() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.QUERY_BATCH, 2, (short) 1))).all().get();
            EventLog.write(broker.bootstrapServers(), Topics.QUERY_BATCH, "c", new byte[] {1});
            EventLog log = new EventLog(broker.bootstrapServers(), List.of(Topics.QUERY_BATCH));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (log.pollRecords(java.time.Duration.ofMillis(200)).isEmpty()) { // a fetch session is open now
                assertTrue(System.nanoTime() < deadline, "the record written was never read");
            }
            // how a service's reader thread ends: interrupted, then closing its log on the way out
            Thread.currentThread().interrupt();
            try {
                assertDoesNotThrow(log::close, "a shutting-down reader must not die with InterruptException");
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's, and stays");
            } finally {
                Thread.interrupted();
            }
        }
    }
}
