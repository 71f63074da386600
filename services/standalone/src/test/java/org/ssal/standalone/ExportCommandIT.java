package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.LabelKeys;
import org.ssal.schemas.Sha256;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.SsalHome;
import org.ssal.service.TopicAdmin;

/**
 * {@code ssal export} on a real in-JVM broker: two campaigns' events on the ssal topics, one of
 * them exported, and the file read back with a generic Avro reader and the schema in the file
 * only, as an auditor without ssal would.
 */
class ExportCommandIT {
    private static final String ALPHA = "alpha";
    private static final String BETA = "beta";
    private static final byte[] POOL = "pool embeddings of alpha".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEST = "test embeddings of alpha".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static EmbeddedBroker broker;
    private static ArtifactStore store;
    private static ArtifactStore.Ref pool;
    private static ArtifactStore.Ref test;
    /** Where each event was written, as {@code topic/partition@offset}, by {@code topic:timestamp}. */
    private static final Map<String, String> ORIGINS = new HashMap<>();

    @BeforeAll
    static void givenTwoCampaignsOnTheBroker() throws Exception {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), 2);
        store = new ArtifactStore(dir.resolve("store"));
        pool = store.put(POOL);
        test = store.put(TEST);
        LabelReceived alphaLabel = label(ALPHA, "s1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            // explicit timestamps, out of their order of writing, so the export must sort
            send(producer, Topics.QUERY_BATCH, 3_000, ALPHA, batch(ALPHA));
            send(producer, Topics.CAMPAIGNS, 1_000, ALPHA, created(ALPHA));
            send(producer, Topics.CAMPAIGNS, 1_500, BETA, created(BETA));
            send(producer, Topics.EMBEDDINGS_READY, 2_000, ALPHA, embeddings(ALPHA));
            send(producer, Topics.QUERY_BATCH, 3_500, BETA, batch(BETA));
            // same timestamp: topic name breaks the tie (dead-letter before labels-received)
            send(producer, Topics.LABELS_RECEIVED, 4_000, ALPHA, alphaLabel);
            send(producer, Topics.DEAD_LETTER, 4_000, ALPHA, rejected(alphaLabel));
            send(producer, Topics.LABELS_RECEIVED, 4_100, BETA, label(BETA, "s1"));
            send(producer, Topics.LABELS, 5_000, LabelKeys.key(ALPHA, "s1"), labeled(ALPHA, "s1"));
            send(producer, Topics.LABELS, 5_100, LabelKeys.key(BETA, "s1"), labeled(BETA, "s1"));
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldExportExactlyTheCampaignsEventsInTimestampTopicOrderWithTheirOrigin() throws Exception {
        Path out = dir.resolve("plain/alpha.avro");
        Run run = export("--kafka", broker.bootstrapServers(), "--campaign", ALPHA, "--out", out.toString());
        assertEquals(0, run.exitCode, run.err);

        List<GenericRecord> records = readGenerically(out);
        List<String> got = records.stream()
                .map(r -> r.get("topic") + ":" + ((GenericRecord) r.get("event")).getSchema().getName()).toList();
        assertEquals(List.of("campaigns:CampaignCreated", "embeddings-ready:EmbeddingsReady", "query-batch:QueryBatch",
                "dead-letter:Rejected", "labels-received:LabelReceived", "labels:LabeledSample"), got);
        GenericRecord label = records.get(5);
        assertEquals(5_000L, label.get("timestamp"));
        assertEquals(LabelKeys.key(ALPHA, "s1"), label.get("key").toString());
        assertEquals(List.of(ORIGINS.get("campaigns:1000"), ORIGINS.get("embeddings-ready:2000"),
                ORIGINS.get("query-batch:3000"), ORIGINS.get("dead-letter:4000"), ORIGINS.get("labels-received:4000"),
                ORIGINS.get("labels:5000")), records.stream().map(ExportCommandIT::origin).toList());
        for (GenericRecord r : records) {
            GenericRecord event = (GenericRecord) r.get("event");
            if (event.getSchema().getField("campaignId") != null) {
                assertEquals(ALPHA, event.get("campaignId").toString(), r.toString());
            }
        }
        assertTrue(run.out.contains("6 events") && run.out.contains("QueryBatch"), run.out);
        assertFalse(Files.exists(dir.resolve("plain/alpha.avro.artifacts")), "no copy unless --with-artifacts");
    }

    @Test
    void shouldKeepVersionCampaignAndOrderInTheFileMetadata() throws Exception {
        Path out = dir.resolve("meta/alpha.avro");
        assertEquals(0, export("--kafka", broker.bootstrapServers(), "--campaign", ALPHA, "--out", out.toString()).exitCode);
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(out.toFile(), new GenericDatumReader<>())) {
            assertEquals(ALPHA, reader.getMetaString("ssal.campaign"));
            assertEquals("timestamp,topic,partition,offset", reader.getMetaString("ssal.order"));
            assertFalse(reader.getMetaString("ssal.version").isBlank());
            Instant.parse(reader.getMetaString("ssal.exported-at"));
        }
    }

    @Test
    void shouldListEveryReferencedArtifactWithItsSha256InTheManifest() throws Exception {
        Path out = dir.resolve("manifest/alpha.avro");
        assertEquals(0, export("--kafka", broker.bootstrapServers(), "--campaign", ALPHA, "--out", out.toString()).exitCode);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest/alpha.avro.manifest.json").toFile());
        assertEquals(ALPHA, manifest.get("campaignId").asText());
        assertEquals(Sha256.sha256(out), manifest.get("logSha256").asText());
        assertEquals(6, manifest.get("events").asInt());
        List<String> artifacts = new ArrayList<>();
        manifest.get("artifacts").forEach(a -> artifacts.add(a.get("uri").asText() + " " + a.get("sha256").asText()
                + " " + a.get("referencedBy").get(0).get("field").asText()));
        assertEquals(List.of(pool.uri() + " " + Sha256.sha256Hex(POOL) + " poolUri",
                test.uri() + " " + Sha256.sha256Hex(TEST) + " testUri"), artifacts);
    }

    @Test
    void shouldCopyTheArtifactsCheckedIntoAnArtifactStoreNextToTheFile() {
        Path out = dir.resolve("copy/alpha.avro");
        Run run = export("--kafka", broker.bootstrapServers(), "--campaign", ALPHA, "--out", out.toString(),
                "--with-artifacts", "--artifacts", store.root().toString());
        assertEquals(0, run.exitCode, run.err);
        ArtifactStore copy = new ArtifactStore(dir.resolve("copy/alpha.avro.artifacts"));
        assertEquals(new String(POOL, StandardCharsets.UTF_8),
                new String(copy.read(pool.uri(), pool.sha256()), StandardCharsets.UTF_8));
        assertEquals(new String(TEST, StandardCharsets.UTF_8),
                new String(copy.read(test.uri(), test.sha256()), StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseATamperedArtifactNamingItAndWriteNoLog() throws Exception {
        ArtifactStore tampered = new ArtifactStore(dir.resolve("tampered-store"));
        tampered.put(POOL);
        tampered.put(TEST);
        Path stored = tampered.root().resolve("sha256").resolve(test.sha256().substring(0, 2)).resolve(test.sha256());
        Files.writeString(stored, "swapped");
        Path out = dir.resolve("tampered/alpha.avro");
        Run run = export("--kafka", broker.bootstrapServers(), "--campaign", ALPHA, "--out", out.toString(),
                "--with-artifacts", "--artifacts", tampered.root().toString());
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains(test.uri()) && run.err.contains("corrupt") && run.err.contains("embeddings-ready/"),
                run.err);
        assertFalse(Files.exists(out), "a refused export leaves no log that looks complete");
    }

    @Test
    void shouldFailNamingAnUnknownCampaign() {
        Run run = export("--kafka", broker.bootstrapServers(), "--campaign", "gamma", "--out",
                dir.resolve("gamma.avro").toString());
        assertEquals(1, run.exitCode);
        assertTrue(run.err.contains("unknown campaign gamma"), run.err);
    }

    @Test
    void shouldRefuseAHomeThatServeHolds() {
        try (SsalHome held = SsalHome.at(dir.resolve("home")).lock()) {
            Run run = export("--home", held.root().toString(), "--campaign", ALPHA, "--out",
                    dir.resolve("home.avro").toString());
            assertEquals(1, run.exitCode);
            assertTrue(run.err.contains("is in use by another ssal process"), run.err);
        }
    }

    @Test
    void shouldStartTheHomesBrokerAndReleaseTheHomeAfter() {
        Path home = dir.resolve("fresh-home");
        Run run = export("--home", home.toString(), "--campaign", ALPHA, "--out", dir.resolve("fresh.avro").toString());
        // a fresh home's log holds no campaign: the export got as far as reading it
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains("unknown campaign alpha") && run.err.contains("home " + home), run.err);
        try (SsalHome again = SsalHome.at(home).lock()) {
            assertTrue(Files.exists(again.kafka().resolve("cluster-id")), "the home's durable broker was started");
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run export(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = SsalMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** What an auditor without ssal does: a generic reader and the schema in the file. */
    private static List<GenericRecord> readGenerically(Path file) throws Exception {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            reader.forEach(records::add);
        }
        return records;
    }

    /** Writes one event and remembers where the broker put it, under {@code topic:timestamp}. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, long timestamp, String key,
                             SpecificRecord event) throws Exception {
        RecordMetadata at = producer.send(new ProducerRecord<>(topic, null, timestamp, key, EventCodec.encode(event)))
                .get(60, TimeUnit.SECONDS);
        ORIGINS.put(topic + ":" + timestamp, topic + "/" + at.partition() + "@" + at.offset());
    }

    private static String origin(GenericRecord r) {
        return r.get("topic") + "/" + r.get("partition") + "@" + r.get("offset");
    }

    private static CampaignCreated created(String id) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setBudget(10).setInitialSize(2)
                .setBatchSize(2).setStrategy("random").setSeed(7).setCreatedAt(Instant.ofEpochMilli(1_000)).build();
    }

    private static EmbeddingsReady embeddings(String id) {
        return EmbeddingsReady.newBuilder().setCampaignId(id).setRound(0).setEncoderId("pixels")
                .setPoolUri(pool.uri()).setPoolSha256(pool.sha256()).setTestUri(test.uri()).setTestSha256(test.sha256())
                .setPoolSize(4).setTestSize(2).setDim(3).setClassNames(List.of("a", "b")).build();
    }

    private static QueryBatch batch(String id) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(0).setSampleIds(List.of("s1", "s2")).setNumClasses(2)
                .setStrategy("random").setSelectionSeed(11).setCreatedAt(Instant.ofEpochMilli(3_000)).build();
    }

    private static LabelReceived label(String id, String sample) {
        return LabelReceived.newBuilder().setCampaignId(id).setRound(0).setSampleId(sample).setLabel(1)
                .setAnnotatorId("oracle").setLabeledAt(Instant.ofEpochMilli(4_000)).build();
    }

    private static LabeledSample labeled(String id, String sample) {
        return LabeledSample.newBuilder().setCampaignId(id).setSampleId(sample).setLabel(1).setRound(0)
                .setAnnotatorId("oracle").setLabeledAt(Instant.ofEpochMilli(4_000)).setSequence(0).build();
    }

    /** A dead-lettered label of the campaign: Rejected names no campaign, its payload does. */
    private static Rejected rejected(LabelReceived label) {
        return Rejected.newBuilder().setTopic(Topics.LABELS_RECEIVED).setKey(label.getCampaignId())
                .setPayload(ByteBuffer.wrap(EventCodec.encode(label))).setReason("duplicate label of s1")
                .setService("test").setRejectedAt(Instant.ofEpochMilli(4_000)).build();
    }
}
