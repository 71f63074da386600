package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class DemoCommandTest {
    private static DemoOptions parse(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo.options();
    }

    @Test
    void shouldDefaultToAQuickCampaignOnRealData() {
        DemoOptions o = parse("--dataset", "cifar10");
        assertEquals("cifar10", o.dataset());
        assertEquals(10_000, o.poolSize());
        assertEquals(2_000, o.testSize());
        assertEquals(600, o.budget());
        assertEquals(100, o.initialSize());
        assertEquals(100, o.batchSize());
        assertEquals("entropy", o.strategy());
        assertEquals("pixels", o.encoder());
        assertEquals(0, o.epochs());
        assertEquals("logistic", o.head());
        assertEquals(1, o.seed());
        assertEquals(60, o.timeoutMinutes());
        assertEquals(1, o.repeat());
        assertNull(o.dataDir());
        assertNull(o.summaryJson());
        assertNull(o.kafka());
        assertFalse(o.datasetFellBack());
        assertEquals("simulated", o.oracle());
        assertFalse(o.human());
        assertEquals("simulated", o.campaignJson("c").get("oracle"));
    }

    @Test
    void shouldLetAPersonLabelWhenTheOracleIsHuman() {
        DemoOptions o = parse("--dataset", "synthetic", "--oracle", "human", "--port", "8123", "--budget", "20",
                "--initial", "10", "--batch", "5");
        assertTrue(o.human());
        assertEquals(8123, o.httpPort());
        assertEquals("human", o.campaignJson("c").get("oracle"));
        assertEquals("human", org.ssal.campaign.CampaignRequest.parse(o.campaignJson("c")).validate().oracle(),
                "the campaign API takes what the demo sends");
        assertEquals(8080, parse("--oracle", "human").httpPort(), "the page's default port");
    }

    @Test
    void shouldNameTheOracleOptionAndItsChoicesWhenTheValueIsUnknown() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--oracle", "crowd"));
        assertTrue(e.getMessage().contains("--oracle") && e.getMessage().contains("'crowd'")
                && e.getMessage().contains("simulated | human"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--oracle", "human", "--port", "web"));
        assertTrue(e.getMessage().contains("--port") && e.getMessage().contains("web"), e.getMessage());
    }

    @Test
    void shouldTakeAnAutoEncoderAndNameABadSpec() {
        DemoOptions o = parse("--dataset", "synthetic", "--encoder", "auto");
        assertEquals("auto", org.ssal.campaign.CampaignRequest.parse(o.campaignJson("c")).validate().encoder());
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--encoder", "auto:pixels"));
        assertTrue(e.getMessage().contains("--encoder") && e.getMessage().contains("auto:pixels"), e.getMessage());
    }

    @Test
    void shouldUseSmallerDefaultsOnTheSyntheticSet() {
        DemoOptions o = parse("--dataset", "synthetic");
        assertEquals(0, o.poolSize());
        assertEquals(0, o.testSize());
        assertEquals(300, o.budget());
        assertEquals(50, o.initialSize());
        assertEquals(50, o.batchSize());
        assertFalse(o.datasetFellBack(), "asked for, not fallen back to");
    }

    @Test
    void shouldTakeEveryOption() {
        DemoOptions o = parse("--dataset", "fashion-mnist", "--data", "d", "--pool", "500", "--test", "200",
                "--budget", "120", "--initial", "20", "--batch", "10", "--strategy", "auto",
                "--encoder", "simsiam:resnet18:0.5", "--epochs", "3", "--head", "svm", "--seed", "9",
                "--summary-json", "s.json", "--kafka", "host:9092", "--timeout-min", "5",
                "--dataset-option", "classes=0+6", "--dataset-option", "x=y", "--repeat", "3");
        assertEquals(new DemoOptions("fashion-mnist", Map.of("classes", "0+6", "x", "y"), Path.of("d"), 500, 200, 120, 20, 10, "auto",
                "simsiam:resnet18:0.5", 3, "svm", 9, Path.of("s.json"), "host:9092", 5, false, "simulated", 8080, 3), o);
    }

    @Test
    void shouldRejectARepeatBelowOneWhenOptionsAreResolved() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--repeat", "0"));
        assertTrue(e.getMessage().contains("--repeat") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void shouldGiveEachRepeatedCampaignTheNextSeedWhenRepeated() {
        DemoOptions o = parse("--seed", "9", "--repeat", "2");
        assertEquals(9L, o.campaignJson("a").get("seed"));
        assertEquals(10L, o.campaignJson("b", o.seed() + 1).get("seed"));
    }

    @Test
    void shouldPassDatasetOptionsIntoTheCampaign() {
        DemoOptions o = parse("--dataset", "synthetic", "--dataset-option", "size=13", "--dataset-option", "channels=3");
        assertEquals(Map.of("size", "13", "channels", "3"),
                org.ssal.campaign.CampaignRequest.parse(o.campaignJson("c")).validate().datasetOptions());
        assertFalse(parse("--dataset", "synthetic").campaignJson("c").containsKey("datasetOptions"));
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--dataset-option", "size"));
        assertTrue(e.getMessage().contains("--dataset-option") && e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void shouldNameTheOptionAndValueOfABadOne() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("--strategy", "best"));
        assertTrue(e.getMessage().contains("--strategy") && e.getMessage().contains("'best'")
                && e.getMessage().contains("random | entropy"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--budget", "lots"));
        assertTrue(e.getMessage().contains("--budget") && e.getMessage().contains("lots"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--encoder", "byol:smallcnn"));
        assertTrue(e.getMessage().contains("--encoder") && e.getMessage().contains("byol:smallcnn"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--head", "tree"));
        assertTrue(e.getMessage().contains("--head") && e.getMessage().contains("tree"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> parse("--pool"));
        assertTrue(e.getMessage().contains("--pool"), e.getMessage());
    }

    @Test
    void shouldListTheCatalogueNamesAndDefaultsInItsHelp() {
        StringWriter help = new StringWriter();
        assertEquals(0, new CommandLine(new DemoCommand()).setOut(new PrintWriter(help)).execute("--help"));
        String text = help.toString().replaceAll("\\s+", " "); // help wraps long lines
        assertTrue(text.contains("random, entropy, kcenter, vaal, svm-margin, typiclust, auto"), text);
        assertTrue(text.contains("logistic, softmax, svm"), text);
        assertTrue(text.contains("tiny-imagenet"), text);
        assertTrue(text.contains("Default: entropy"), text);
        assertTrue(text.contains("default 600, synthetic: 300"), text);
        assertFalse(text.contains("Default: null"), text);
    }
}
