package org.ssal.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.ssal.learning.advice.MeasuredRelation;
import org.ssal.service.ArtifactStore;
import org.ssal.service.testing.KafkaBrokerResource;
import org.ssal.standalone.audit.AuditReport;
import org.ssal.standalone.audit.CampaignAudit;
import org.ssal.standalone.audit.RoundVerdict;
import org.ssal.standalone.export.CampaignExport;
import org.ssal.standalone.export.CampaignLogReader;
import picocli.CommandLine;

/**
 * {@code ssal audit} on campaigns the services ran through a real broker, one per strategy: the
 * audit re-derives every batch and evaluation and passes, from the broker and from an export read
 * with no broker. Exports of these campaigns are what {@code AuditTamperingTest} tampers with.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class AuditIT {
    static final List<String> STRATEGIES = List.of("random", "entropy", "svm-margin", "kcenter", "vaal", "typiclust",
            "auto");
    private static final int BUDGET = 60;
    private static final int AUTO_BUDGET = 200;
    /** The key of the campaign whose encoder is auto (its strategy is entropy). */
    private static final String ENCODER_AUTO = "encoder-auto";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "ssal.artifacts.dir")
    Path artifacts;

    private static final Path EXPORTS = Path.of("target/audit-it");
    /** strategy → campaign id, once the campaigns ran (the tests share them: they take minutes). */
    private static Map<String, String> ids;

    private synchronized Map<String, String> campaigns() {
        if (ids != null) {
            return ids;
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> given().get("/campaigns").statusCode() == 200);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String strategy : STRATEGIES) {
            String id = "audit-" + strategy + "-" + System.nanoTime();
            ids.put(strategy, id);
            // auto: 4 classes switch from random to svm-margin at ~142 labels (the built-in relation), so
            // its round 2, asked at 150 labels, is the switch
            Map<String, Object> body = strategy.equals("auto") ? SmallCampaigns.body(id, AUTO_BUDGET, 100, 50, 3)
                    : SmallCampaigns.body(id, BUDGET, 20, 20, 3);
            body.put("strategy", strategy);
            given().contentType("application/json").body(body).when().post("/campaigns").then().statusCode(202);
        }
        // the auto encoder: round 0's 20 labels (4 classes) are enough for the cross-validation to weigh both
        String encoderAuto = "audit-encoder-auto-" + System.nanoTime();
        ids.put(ENCODER_AUTO, encoderAuto);
        Map<String, Object> body = SmallCampaigns.body(encoderAuto, BUDGET, 20, 20, 3);
        body.put("encoder", "auto:random-init:smallcnn+pixels");
        given().contentType("application/json").body(body).when().post("/campaigns").then().statusCode(202);
        for (String id : ids.values()) {
            await().atMost(Duration.ofMinutes(6)).until(() ->
                    "COMPLETED".equals(given().get("/campaigns/" + id).then().extract().path("status")));
        }
        for (Map.Entry<String, String> campaign : ids.entrySet()) {
            new CampaignExport(bootstrapServers, "test", line -> { }).export(campaign.getValue(),
                    EXPORTS.resolve(campaign.getKey() + ".avro"), new ArtifactStore(artifacts));
        }
        AuditIT.ids = ids;
        return ids;
    }

    @Test
    void shouldReDeriveEveryRoundOfACampaignOfEachStrategyFromTheBrokerAndFromItsExport() throws Exception {
        Path exports = EXPORTS;
        for (Map.Entry<String, String> campaign : campaigns().entrySet()) {
            String id = campaign.getValue();
            AuditReport report = new CampaignAudit(new ArtifactStore(artifacts), MeasuredRelation.builtIn())
                    .audit(id, new CampaignLogReader(bootstrapServers, line -> { }).read(id), "test", null);
            assertTrue(report.passed(), campaign.getKey() + ": " + report.findings() + " " + report.notes()
                    + " " + report.rounds());
            assertNull(report.firstFinding());
            assertEquals(List.of(0, 1, 2), report.rounds().stream().map(RoundVerdict::round).toList());
            assertTrue(report.rounds().stream().allMatch(r -> r.batch().equals("re-derived")
                    && r.evaluation().startsWith("recomputed") && r.chain().equals("sealed")), report.rounds().toString());
            int budget = campaign.getKey().equals("auto") ? AUTO_BUDGET : BUDGET;
            assertTrue(report.provenance().stream().anyMatch(line -> line.contains("ssal-provenance")
                    || line.contains("synthetic")), "the chain from the data to the embeddings: " + report.provenance());
            assertEquals(budget, report.labeled());
            if (campaign.getKey().equals(ENCODER_AUTO)) {
                assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("auto encoder: 4 of 4 feature choices")),
                        "the pool's choice and one per round, each recomputed: " + report.notes());
            }

            Path file = exports.resolve(campaign.getKey() + ".avro");
            Run run = audit("--log", file.toString(), "--json", exports.resolve(campaign.getKey() + ".json").toString(),
                    "--html", exports.resolve(campaign.getKey() + ".html").toString());
            assertEquals(0, run.exitCode, run.out + run.err);
            assertTrue(run.out.contains("PASSED"), run.out);
            JsonNode json = new ObjectMapper().readTree(exports.resolve(campaign.getKey() + ".json").toFile());
            assertTrue(json.get("passed").asBoolean());
            assertEquals(3, json.get("rounds").size());
            assertEquals(budget, json.get("labels").size());
            String html = Files.readString(exports.resolve(campaign.getKey() + ".html"));
            assertTrue(html.contains("PASSED") && html.contains("simulated"), "who labeled what");
        }
    }

    @Test
    void shouldAuditFromTheClusterWithTheCommandAndSayWhatItCannotRead() {
        String id = campaigns().get("kcenter");
        Run fromKafka = audit("--kafka", bootstrapServers, "--campaign", id, "--artifacts", artifacts.toString(),
                "--html", EXPORTS.resolve("kafka.html").toString());
        assertEquals(0, fromKafka.exitCode, fromKafka.out + fromKafka.err);
        assertTrue(fromKafka.out.contains("PASSED") && fromKafka.out.contains("provenance"), fromKafka.out);

        Run missingCampaign = audit("--kafka", bootstrapServers);
        assertEquals(2, missingCampaign.exitCode);
        assertTrue(missingCampaign.err.contains("--campaign"), missingCampaign.err);

        Run noFile = audit("--log", EXPORTS.resolve("no-such.avro").toString());
        assertEquals(AuditCommand.UNREADABLE, noFile.exitCode, noFile.out);
        assertTrue(noFile.err.contains("no-such.avro"), noFile.err);

        Run noArtifacts = audit("--kafka", bootstrapServers, "--campaign", id, "--artifacts",
                EXPORTS.resolve("empty-store").toString(), "--html", EXPORTS.resolve("none.html").toString());
        assertEquals(AuditCommand.MISMATCH, noArtifacts.exitCode, "nothing re-derived is not a pass: " + noArtifacts.out);
        assertTrue(noArtifacts.out.contains("not found"), noArtifacts.out);
    }

    @Test
    void shouldFailNamingTheChangedLabel() throws Exception {
        LogTampering log = LogTampering.copyOf(export("entropy"), "changed-label");
        var label = log.first("labels", "LabeledSample", e -> (int) e.get("round") == 1);
        ((org.apache.avro.generic.GenericRecord) label.get("event")).put("label",
                ((int) ((org.apache.avro.generic.GenericRecord) label.get("event")).get("label") + 1) % 4);
        log.write();
        assertFailsNaming(log, LogTampering.origin(label), "labels");
    }

    @Test
    void shouldFailNamingTheFirstSealWhenALabelIsChangedWhereverItIsRecorded() throws Exception {
        LogTampering log = LogTampering.copyOf(export("entropy"), "changed-label-everywhere");
        var counted = LogTampering.event(log.first("labels", "LabeledSample", e -> (int) e.get("round") == 1));
        String sample = counted.get("sampleId").toString();
        int other = ((int) counted.get("label") + 1) % 4;
        counted.put("label", other);
        LogTampering.event(log.first("labels-received", "LabelReceived", e -> e.get("sampleId").toString().equals(sample)))
                .put("label", other);
        log.write();
        // the first seal over the changed label: round 1's evaluation, or round 2's batch, written in the same
        // transaction and so often with the same timestamp (then the topic name orders them)
        var evaluation = log.first("round-evaluated", "RoundEvaluated", e -> (int) e.get("round") == 1);
        var batch = log.first("query-batch", "QueryBatch", e -> (int) e.get("round") == 2);
        var first = LogTampering.firstInLogOrder(evaluation, batch);
        assertFailsNaming(log, LogTampering.origin(first), "chain");
    }

    @Test
    void shouldFailNamingTheLabelAfterARemovedOne() throws Exception {
        LogTampering log = LogTampering.copyOf(export("random"), "removed-label");
        var removed = log.first("labels", "LabeledSample", e -> (int) e.get("round") == 1);
        int sequence = (int) LogTampering.event(removed).get("sequence");
        log.records().remove(removed);
        log.write();
        var next = log.first("labels", "LabeledSample", e -> (int) e.get("sequence") == sequence + 1);
        assertFailsNaming(log, LogTampering.origin(next), "labels");
    }

    @Test
    void shouldFailNamingTheFirstLabelOfARemovedBatch() throws Exception {
        LogTampering log = LogTampering.copyOf(export("kcenter"), "removed-batch");
        log.records().remove(log.first("query-batch", "QueryBatch", e -> (int) e.get("round") == 1));
        log.write();
        var firstAnswer = log.first("labels", "LabeledSample", e -> (int) e.get("round") == 1);
        assertFailsNaming(log, LogTampering.origin(firstAnswer), "labels");
    }

    @Test
    void shouldFailNamingAnInsertedLabelThatAnswersNoQuery() throws Exception {
        LogTampering log = LogTampering.copyOf(export("svm-margin"), "inserted-label");
        var template = log.first("labels", "LabeledSample", e -> (int) e.get("round") == 1);
        var inserted = LogTampering.copy(template);
        inserted.put("offset", 1_000_000L);
        LogTampering.event(inserted).put("sampleId", "never-asked");
        LogTampering.event(inserted).put("sequence", BUDGET);
        log.records().add(log.records().indexOf(template) + 1, inserted);
        log.write();
        assertFailsNaming(log, LogTampering.origin(inserted), null);
    }

    @Test
    void shouldFailNamingAnInsertedRedefinitionThatNothingRejected() throws Exception {
        LogTampering log = LogTampering.copyOf(export("entropy"), "inserted-definition");
        var original = log.first("campaigns", "CampaignCreated", e -> true);
        var inserted = LogTampering.copy(original);
        inserted.put("offset", 1_000_000L);
        LogTampering.event(inserted).put("budget", BUDGET * 2);
        log.records().add(log.records().indexOf(original) + 1, inserted);
        log.write();
        assertFailsNaming(log, LogTampering.origin(inserted), "definition");
    }

    @Test
    void shouldFailNamingAnInsertedBatch() throws Exception {
        LogTampering log = LogTampering.copyOf(export("typiclust"), "inserted-batch");
        var original = log.first("query-batch", "QueryBatch", e -> (int) e.get("round") == 1);
        var inserted = LogTampering.copy(original);
        inserted.put("offset", 1_000_000L);
        inserted.put("timestamp", (long) original.get("timestamp") + 1);
        log.records().add(log.records().indexOf(original) + 1, inserted);
        log.write();
        assertFailsNaming(log, LogTampering.origin(inserted), "rounds");
    }

    @Test
    void shouldFailNamingTheEmbeddingsWhenTheirArtifactIsSwapped() throws Exception {
        LogTampering log = LogTampering.copyOf(export("vaal"), "swapped-artifact");
        var embeddings = LogTampering.event(log.first("embeddings-ready", "EmbeddingsReady", e -> true));
        Path stored = log.artifact(embeddings.get("poolSha256").toString());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length - 1] ^= 1; // one bit of one vector
        Files.write(stored, bytes);
        assertFailsNaming(log, LogTampering.origin(log.first("embeddings-ready", "EmbeddingsReady", e -> true)),
                "artifact");
    }

    @Test
    void shouldFailNamingTheEmbeddingsWhenTheirProvenanceRecordIsChanged() throws Exception {
        LogTampering log = LogTampering.copyOf(export("random"), "changed-provenance");
        var embeddings = log.first("embeddings-ready", "EmbeddingsReady", e -> true);
        Path record = log.artifact(LogTampering.event(embeddings).get("provenanceSha256").toString());
        Files.writeString(record, Files.readString(record).replace("synthetic", "fashion-mnist"));
        assertFailsNaming(log, LogTampering.origin(embeddings), "artifact");
    }

    @Test
    void shouldFailNamingTheEncoderChoiceWhenItsEvidenceIsChanged() throws Exception {
        LogTampering log = LogTampering.copyOf(export(ENCODER_AUTO), "changed-encoder-choice");
        var choice = log.first("encoder-chosen", "EncoderChosen", e -> (int) e.get("round") == 1);
        var candidate = (org.apache.avro.generic.GenericRecord) ((List<?>) LogTampering.event(choice).get("candidates")).get(1);
        candidate.put("correct", (int) candidate.get("correct") + 1);
        log.write();
        assertFailsNaming(log, LogTampering.origin(choice), "encoder");
    }

    @Test
    void shouldFailFirstOnALogThatIsNotTheOneItsManifestHashed() throws Exception {
        LogTampering log = LogTampering.copyOf(export("auto"), "unmanifested");
        LogTampering.event(log.first("labels", "LabeledSample", e -> true)).put("annotatorId", "someone-else");
        log.writeKeepingManifest();
        Run run = audit("--log", log.file().toString(), "--html", log.file() + ".html");
        assertEquals(AuditCommand.MISMATCH, run.exitCode, run.out);
        assertTrue(run.out.contains("FAILED") && run.out.contains("manifest"), run.out);
    }

    @Test
    void shouldReDeriveTheAutoSwitchAndFailNamingItsBatchWhenTheSwitchIsRemoved() throws Exception {
        LogTampering log = LogTampering.copyOf(export("auto"), "removed-switch");
        var batch = log.first("query-batch", "QueryBatch", e -> (int) e.get("round") == 2);
        assertEquals("svm-margin", LogTampering.event(batch).get("strategy").toString(), "the campaign switched");
        var switched = log.first("strategy-switched", "StrategySwitched", e -> true);
        assertEquals(2, (int) LogTampering.event(switched).get("round"));
        log.records().remove(switched);
        log.write();
        assertFailsNaming(log, LogTampering.origin(batch), "strategy");
    }

    private Path export(String strategy) {
        campaigns();
        return EXPORTS.resolve(strategy + ".avro");
    }

    /** The audit exits 1 and its first finding names {@code origin} (and the check, when given). */
    private static void assertFailsNaming(LogTampering log, String origin, String check) {
        Path json = Path.of(log.file() + ".json");
        Run run = audit("--log", log.file().toString(), "--json", json.toString(), "--html", log.file() + ".html");
        assertEquals(AuditCommand.MISMATCH, run.exitCode, run.out + run.err);
        try {
            JsonNode first = new ObjectMapper().readTree(json.toFile()).get("firstFinding");
            assertNotNull(first, run.out);
            if (origin != null) {
                assertEquals(origin, first.get("origin").asText(), run.out);
                assertTrue(run.out.contains(origin), run.out);
            }
            if (check != null) {
                assertEquals(check, first.get("check").asText(), run.out);
            }
            assertTrue(run.out.contains("FAILED"), run.out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SsalMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(prepend("audit", args));
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
