package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.security.AclPlan;
import org.ssal.service.security.KafkaSecurity;
import org.ssal.service.testing.SaslBroker;
import org.ssal.standalone.chaos.ChaosTarget;
import org.ssal.standalone.chaos.ServiceProcess;

/**
 * A whole campaign on a secured cluster: a broker that asks for SCRAM-SHA-512 and enforces
 * {@link AclPlan} (StandardAuthorizer, nothing without an ACL), and the four services as separate
 * processes ({@link PackagedServices}, as {@code ssal chaos} runs them), each logged in as its own principal ({@code ssal-campaign},
 * {@code ssal-trainer}, {@code ssal-scorer}, {@code ssal-oracle}) through the {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config} keys a deployment sets. While the
 * campaign runs, a vendor's principal tries to write a forged ledger state to {@code budget-state}
 * and a forged batch to {@code query-batch}; both are refused, and the campaign completes with the
 * budget spent and every label counted once. The test reads the topics as the broker's super
 * user, as an operator would: no service principal may read all of them.
 */
class SecureCampaignIT {
    private static final int BUDGET = 60;
    private static final int INITIAL = 20;
    private static final int BATCH = 20;
    /** A batch of 20 takes ~1 s to label: the campaign is still running when the vendor tries. */
    private static final long ORACLE_DELAY_MS = 50;
    private static final Duration CAMPAIGN = Duration.ofMinutes(3);
    private static final String VENDOR_NAME = "acme";
    private static final String VENDOR = AclPlan.VENDOR_PREFIX + VENDOR_NAME;
    /** What the vendor's forged events say in a field the services fill with the campaign's strategy. */
    private static final String FORGED = "forged-by-vendor";
    private static final List<String> PRINCIPALS = List.of(AclPlan.CAMPAIGN, AclPlan.TRAINER, AclPlan.SCORER,
            AclPlan.ORACLE);

    private static SaslBroker broker;
    private static PackagedServices services;

    @BeforeAll
    static void startSecuredBrokerAndServices() throws Exception {
        PackagedServices.requirePackagedApps();
        Path work = Path.of("target", "secure-campaign-it").toAbsolutePath();
        MultiProcessCampaignIT.deleteRecursively(work);
        Files.createDirectories(work.resolve("artifacts"));
        long start = System.nanoTime();
        broker = SaslBroker.start();
        broker.createTopics(2);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclPlan.Account account : AclPlan.accounts(List.of(VENDOR_NAME))) {
            broker.createUser(account.user(), password(account.user()));
            bindings.addAll(account.bindings());
        }
        broker.createAcls(bindings);

        // (API tokens are off in these processes: this is about Kafka logins, CampaignApiAuthIT is about tokens)
        services = new PackagedServices(work, broker.bootstrapServers(), ORACLE_DELAY_MS, service -> List.of(
                "-Dkafka.security.protocol=SASL_PLAINTEXT",
                "-Dkafka.sasl.mechanism=SCRAM-SHA-512",
                "-Dkafka.sasl.jaas.config=" + KafkaSecurity.scramLogin(principal(service), password(principal(service)))));
        services.startAll();
        System.out.printf("[secure-campaign] SASL broker with %d ACLs and 4 service processes up in %.1f s%n",
                bindings.size(), (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldCompleteACampaignWhileAVendorIsRefusedTheLedgerAndTheQueryBatches() throws Exception {
        String id = "secure-" + System.currentTimeMillis();
        long start = System.nanoTime();
        try (CampaignTrace trace = new CampaignTrace(operatorReader(id), id, BUDGET);
             KafkaProducer<String, byte[]> vendor = producer(VENDOR)) {
            // Given a campaign created through the API, running under the services' own logins
            services.createCampaign(SmallCampaigns.body(id, BUDGET, INITIAL, BATCH, 5));
            trace.awaitUntil("the initial batch", CAMPAIGN, () -> !trace.batches.isEmpty(), services::logTails);

            // When the vendor writes a ledger that says "done" and a batch of its own choosing
            BudgetState forgedState = BudgetState.newBuilder().setCampaignId(id).setBudget(BUDGET).setQueried(BUDGET)
                    .setLabeled(BUDGET).setRemaining(0).setRound(2).setRoundComplete(true).setNumClasses(4)
                    .setStatus(CampaignStatus.COMPLETED).setStrategy(FORGED).setUpdatedAt(Instant.now()).build();
            QueryBatch forgedBatch = QueryBatch.newBuilder().setCampaignId(id).setRound(1)
                    .setSampleIds(IntStream.range(0, BATCH).mapToObj(i -> FORGED + "-" + i).toList()).setNumClasses(4)
                    .setStrategy(FORGED).setSelectionSeed(0).setCreatedAt(Instant.now()).build();
            assertRefused(vendor, Topics.BUDGET_STATE, id, forgedState);
            assertRefused(vendor, Topics.QUERY_BATCH, id, forgedBatch);
            Instant refusedAt = Instant.now();
            // (its login works: what the plan lets a vendor do, writing a label, goes through; another
            // campaign's id, so this campaign's counts stay the oracle's)
            assertNotNull(vendor.send(record(Topics.LABELS_RECEIVED, "other-" + id, LabelReceived.newBuilder()
                    .setCampaignId("other-" + id).setRound(0).setSampleId("s0").setLabel(0).setAnnotatorId(VENDOR)
                    .setLabeledAt(Instant.now()).build())).get(30, TimeUnit.SECONDS));

            // Then the campaign completes, the budget spent exactly and every label counted once
            trace.awaitUntil("completion", CAMPAIGN, trace::completed, services::logTails);
            trace.assertFinishedExactlyOnce(INITIAL, BATCH);
            assertTrue(trace.lastState.getUpdatedAt().isAfter(refusedAt), "the vendor tried while the campaign ran: "
                    + "refused at " + refusedAt + ", completed by the label of " + trace.lastState.getUpdatedAt());
            assertTrue(trace.batches.stream().noneMatch(b -> b.getStrategy().equals(FORGED)), "the forged batch is on the log");
            assertTrue(trace.states.stream().noneMatch(s -> s.getStrategy().equals(FORGED)), "the forged state is on the log");
            JsonNode view = services.getCampaign(id);
            assertEquals("COMPLETED", view.path("status").asText());
            assertEquals(BUDGET, view.path("budget").asInt());
            assertEquals(BUDGET, view.path("labeled").asInt());
            assertEquals(0, view.path("remaining").asInt());
            System.out.printf("[secure-campaign] %s completed in %.1f s%n", id, (System.nanoTime() - start) / 1e9);
        }
        // and no service was refused anything on the way: the plan grants what the code does
        for (ChaosTarget service : ChaosTarget.services()) {
            ServiceProcess p = services.get(service);
            assertTrue(p.alive(), service + " exited:\n" + p.logTail());
            String log = Files.readString(p.log(), StandardCharsets.ISO_8859_1);
            for (String refusal : List.of("AuthorizationException", "AUTHORIZATION_FAILED")) {
                assertFalse(log.contains(refusal), service + " was refused by an ACL (" + refusal + "):\n" + p.logTail());
            }
        }
    }

    private static void assertRefused(KafkaProducer<String, byte[]> producer, String topic, String key,
                                      SpecificRecord event) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> producer.send(record(topic, key, event)).get(30, TimeUnit.SECONDS), VENDOR + " writing " + topic);
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), VENDOR + " writing " + topic);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, SpecificRecord event) {
        return new ProducerRecord<>(topic, key, EventCodec.encode(event));
    }

    private static KafkaProducer<String, byte[]> producer(String user) {
        Properties props = broker.clientProperties(user, password(user));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return new KafkaProducer<>(props);
    }

    /** The trace's reader, logged in as the broker's super user. */
    private static Properties operatorReader(String id) {
        Properties props = EventLog.readerProperties(broker.bootstrapServers(), "trace-" + id);
        props.putAll(broker.adminProperties());
        return props;
    }

    /** The principal a service process logs in as. */
    private static String principal(ChaosTarget service) {
        String user = "ssal-" + service.label();
        assertTrue(PRINCIPALS.contains(user), "no principal for " + service);
        return user;
    }

    private static String password(String user) {
        return "pw-" + user;
    }
}
