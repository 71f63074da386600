package org.ssal.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssal.campaign.CampaignRequest.InvalidFieldException;
import org.ssal.events.CampaignCreated;
import org.ssal.schemas.Catalogue;

/** Validation of POST /campaigns bodies, without Quarkus. */
class CampaignRequestTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    private static Map<String, Object> minimal() {
        Map<String, Object> json = new HashMap<>();
        json.put("dataset", "cifar10");
        json.put("budget", 100);
        json.put("initialSize", 10);
        json.put("batchSize", 20);
        json.put("strategy", "entropy");
        return json;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> json = minimal();
        json.put(field, value);
        return json;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> json = minimal();
        json.remove(field);
        return json;
    }

    @Test
    void shouldFillDefaultsWhenOptionalFieldsAreAbsent() {
        CampaignCreated event = CampaignRequest.parse(minimal()).validate().toEvent(NOW);

        assertEquals(UUID.fromString(event.getCampaignId()).toString(), event.getCampaignId());
        assertEquals("cifar10", event.getDataset());
        assertEquals(Map.of(), event.getDatasetOptions());
        assertEquals(0, event.getPoolSize());
        assertEquals(0, event.getTestSize());
        assertEquals(100, event.getBudget());
        assertEquals(10, event.getInitialSize());
        assertEquals(20, event.getBatchSize());
        assertEquals("entropy", event.getStrategy());
        assertTrue(event.getSsl());
        assertEquals("pixels", event.getEncoderSpec());
        assertEquals(0, event.getPretrainEpochs());
        assertEquals("logistic", event.getHead());
        assertEquals(0L, event.getSeed());
        assertEquals(NOW, event.getCreatedAt());
        assertEquals("simulated", event.getOracle());
        assertEquals(1, event.getRedundancy());
        assertEquals(600, event.getLeaseSeconds());
        assertEquals("majority", event.getAggregation());
    }

    @Test
    void shouldCarryTheOracleSettingsWhenTheCampaignIsLabeledByPeople() {
        Map<String, Object> json = minimal();
        json.put("oracle", "human");
        json.put("redundancy", 3);
        json.put("leaseSeconds", 120);
        json.put("aggregation", "dawid-skene");

        CampaignCreated event = CampaignRequest.parse(json).validate().toEvent(NOW);

        assertEquals("human", event.getOracle());
        assertEquals(3, event.getRedundancy());
        assertEquals(120, event.getLeaseSeconds());
        assertEquals("dawid-skene", event.getAggregation());
    }

    @Test
    void shouldCarryEveryFieldWhenAllAreGiven() {
        Map<String, Object> json = minimal();
        json.put("campaignId", "run-1.a_B");
        json.put("dataset", "cifar100");
        json.put("datasetOptions", Map.of("labels", "coarse", "classes", 20));
        json.put("poolSize", 5000);
        json.put("testSize", 1000);
        json.put("ssl", false);
        json.put("encoder", "simsiam:smallcnn");
        json.put("pretrainEpochs", 3);
        json.put("head", "svm");
        json.put("seed", 12345678901L);

        CampaignCreated event = CampaignRequest.parse(json).validate().toEvent(NOW);

        assertEquals("run-1.a_B", event.getCampaignId());
        assertEquals(Map.of("labels", "coarse", "classes", "20"), event.getDatasetOptions());
        assertEquals(5000, event.getPoolSize());
        assertEquals(1000, event.getTestSize());
        assertEquals(false, event.getSsl());
        assertEquals("simsiam:smallcnn", event.getEncoderSpec());
        assertEquals(3, event.getPretrainEpochs());
        assertEquals("svm", event.getHead());
        assertEquals(12345678901L, event.getSeed());
    }

    @Test
    void shouldAcceptBoundaryValuesWhenTheyAreAllowed() {
        Map<String, Object> json = minimal();
        json.put("initialSize", 100); // == budget
        json.put("budget", 100.0);    // a whole number written as a float
        json.put("batchSize", 1);
        CampaignRequest request = CampaignRequest.parse(json).validate();
        assertEquals(100, request.initialSize());
        assertEquals(100, request.budget());

        assertEquals(10, CampaignRequest.parse(human("leaseSeconds", 10)).validate().leaseSeconds());
        assertEquals(86_400, CampaignRequest.parse(human("leaseSeconds", 86_400)).validate().leaseSeconds());
        assertEquals(20, CampaignRequest.parse(human("redundancy", 20)).validate().redundancy());
        assertEquals(1, CampaignRequest.parse(with("redundancy", 1)).validate().redundancy(), "1 suits any oracle");
    }

    @Test
    void shouldAcceptAutoEncodersAndNameTheirCandidatesWhenSslIsOn() {
        assertEquals("auto", CampaignRequest.parse(with("encoder", "auto")).validate().encoder());
        assertEquals(Catalogue.DEFAULT_AUTO_CANDIDATES, Catalogue.autoCandidates("auto"));
        String three = "auto:pixels+simsiam:smallcnn+random-init:smallcnn";
        assertEquals(three, CampaignRequest.parse(with("encoder", three)).validate().encoder());
        assertEquals(List.of("pixels", "simsiam:smallcnn", "random-init:smallcnn"), Catalogue.autoCandidates(three));
        assertFalse(Catalogue.isAutoEncoder("simsiam:smallcnn"));

        Map<String, Object> baseline = with("encoder", "auto");
        baseline.put("ssl", false);
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CampaignRequest.parse(baseline).validate());
        assertEquals("encoder", e.field());
        assertTrue(e.getMessage().contains("needs \"ssl\": true"), e.getMessage());
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(without("dataset"), "dataset", "null", "dataset is required"),
                Arguments.of(with("dataset", "mnist"), "dataset", "mnist", "dataset must be one of"),
                Arguments.of(with("dataset", 7), "dataset", "7", "dataset must be a string"),
                Arguments.of(without("budget"), "budget", "null", "budget is required"),
                Arguments.of(with("budget", -5), "budget", "-5", "budget must be > 0"),
                Arguments.of(with("budget", 0), "budget", "0", "budget must be > 0"),
                Arguments.of(with("budget", "ten"), "budget", "ten", "budget must be an integer"),
                Arguments.of(with("budget", 1.5), "budget", "1.5", "budget must be an integer"),
                Arguments.of(with("budget", 3_000_000_000L), "budget", "3000000000", "budget is out of the integer range"),
                Arguments.of(without("initialSize"), "initialSize", "null", "initialSize is required"),
                Arguments.of(with("initialSize", 0), "initialSize", "0", "initialSize must be > 0 and <= budget 100"),
                Arguments.of(with("initialSize", 101), "initialSize", "101", "initialSize must be > 0 and <= budget 100"),
                Arguments.of(without("batchSize"), "batchSize", "null", "batchSize is required"),
                Arguments.of(with("batchSize", 0), "batchSize", "0", "batchSize must be > 0"),
                Arguments.of(without("strategy"), "strategy", "null", "strategy is required"),
                Arguments.of(with("strategy", "bald"), "strategy", "bald", "strategy must be one of"),
                Arguments.of(with("head", "mlp"), "head", "mlp", "head must be one of [logistic, softmax, svm]"),
                Arguments.of(with("poolSize", -1), "poolSize", "-1", "poolSize must be >= 0"),
                Arguments.of(with("poolSize", 50), "budget", "100", "budget must be <= poolSize 50"),
                Arguments.of(with("testSize", -2), "testSize", "-2", "testSize must be >= 0"),
                Arguments.of(with("pretrainEpochs", -1), "pretrainEpochs", "-1", "pretrainEpochs must be >= 0"),
                Arguments.of(with("encoder", " "), "encoder", " ", "encoder spec must not be blank"),
                Arguments.of(with("encoder", "nope"), "encoder", "nope", "unknown encoder spec 'nope' (known: pixels, auto, simsiam:<network>"),
                Arguments.of(with("encoder", "auto:pixels"), "encoder", "auto:pixels", "encoder spec 'auto:pixels' names 1 candidate"),
                Arguments.of(with("encoder", "auto:pixels+pixels"), "encoder", "auto:pixels+pixels", "encoder spec 'auto:pixels+pixels' names a candidate twice"),
                Arguments.of(with("encoder", "auto:pixels+supervised:smallcnn"), "encoder",
                        "auto:pixels+supervised:smallcnn", "encoder spec 'auto:pixels+supervised:smallcnn': candidate 'supervised:smallcnn' is not a frozen encoder"),
                Arguments.of(with("encoder", "auto:pixels+simsiam:vgg"), "encoder", "auto:pixels+simsiam:vgg",
                        "encoder spec 'auto:pixels+simsiam:vgg': unknown encoder spec 'simsiam:vgg'"),
                Arguments.of(with("encoder", "simsiam:vgg"), "encoder", "simsiam:vgg", "unknown encoder spec 'simsiam:vgg'"),
                Arguments.of(with("encoder", "supervised:smallcnn"), "encoder", "supervised:smallcnn",
                        "a supervised encoder is the no-SSL baseline"),
                Arguments.of(with("ssl", "yes"), "ssl", "yes", "ssl must be true or false"),
                Arguments.of(with("seed", "x"), "seed", "x", "seed must be an integer"),
                Arguments.of(with("campaignId", "has space"), "campaignId", "has space", "campaignId must match"),
                Arguments.of(with("campaignId", ""), "campaignId", "", "campaignId must match"),
                Arguments.of(with("campaignId", "x".repeat(65)), "campaignId", "x".repeat(65), "campaignId must match"),
                Arguments.of(with("campaignId", "a/b"), "campaignId", "a/b", "campaignId must match"),
                Arguments.of(with("datasetOptions", "labels=coarse"), "datasetOptions", "labels=coarse", "datasetOptions must be an object"),
                Arguments.of(with("datasetOptions", Map.of("x", Map.of())), "datasetOptions.x", "{}", "dataset options must be strings"),
                Arguments.of(with("budgte", 5), "budgte", "5", "unknown field budgte"),
                Arguments.of(with("oracle", "crowd"), "oracle", "crowd", "oracle must be one of [simulated, human]"),
                Arguments.of(with("oracle", 1), "oracle", "1", "oracle must be a string"),
                Arguments.of(human("redundancy", 0), "redundancy", "0", "redundancy must be in [1, 20]"),
                Arguments.of(human("redundancy", 21), "redundancy", "21", "redundancy must be in [1, 20]"),
                Arguments.of(with("redundancy", 2), "redundancy", "2", "redundancy > 1 needs \"oracle\": \"human\""),
                Arguments.of(human("leaseSeconds", 9), "leaseSeconds", "9", "leaseSeconds must be in [10, 86400]"),
                Arguments.of(human("leaseSeconds", 86_401), "leaseSeconds", "86401", "leaseSeconds must be in [10, 86400]"),
                Arguments.of(human("aggregation", "mean"), "aggregation", "mean",
                        "aggregation must be one of [majority, dawid-skene]"));
    }

    private static Map<String, Object> human(String field, Object value) {
        Map<String, Object> json = with("oracle", "human");
        json.put(field, value);
        return json;
    }

    @ParameterizedTest(name = "{1}={2}")
    @MethodSource("invalidBodies")
    void shouldNameFieldAndValueWhenRequestIsInvalid(Map<String, Object> json, String field, String value,
                                                     String message) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CampaignRequest.parse(json).validate());

        assertEquals(field, e.field());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(Map.of("field", field, "value", value, "message", e.getMessage()), e.toJson());
    }

    @Test
    void shouldRejectMissingBodyWhenThereIsNone() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> CampaignRequest.parse(null));
        assertEquals("body", e.field());
    }

    @Test
    void shouldAcceptEveryCatalogueNameWhenValidating() {
        assertEquals(6, Catalogue.DATASETS.size());
        assertTrue(Catalogue.STRATEGIES.containsAll(Catalogue.ACQUISITION_STRATEGIES));
        for (String dataset : Catalogue.DATASETS) {
            assertEquals(dataset, CampaignRequest.parse(with("dataset", dataset)).validate().dataset());
        }
        for (String strategy : Catalogue.STRATEGIES) {
            assertEquals(strategy, CampaignRequest.parse(with("strategy", strategy)).validate().strategy());
        }
        for (String head : Catalogue.HEADS) {
            assertEquals(head, CampaignRequest.parse(with("head", head)).validate().head());
        }
        for (String oracle : Catalogue.ORACLES) {
            assertEquals(oracle, CampaignRequest.parse(with("oracle", oracle)).validate().oracle());
        }
        for (String aggregation : Catalogue.AGGREGATIONS) {
            assertEquals(aggregation, CampaignRequest.parse(human("aggregation", aggregation)).validate().aggregation());
        }
        assertEquals(Catalogue.DEFAULT_HEAD, CampaignRequest.parse(minimal()).validate().head());
        assertEquals(Catalogue.DEFAULT_ENCODER, CampaignRequest.parse(minimal()).validate().encoder());
    }
}
