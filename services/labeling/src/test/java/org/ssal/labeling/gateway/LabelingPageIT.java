package org.ssal.labeling.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ssal.events.LabelReceived;
import org.ssal.learning.data.ImageSet;
import org.ssal.schemas.Topics;

/**
 * The labeling page in headless Chromium: an annotator signs in with a token and labels a whole
 * round with the number keys (one answer undone and given again), waits on the "next batch is
 * being picked" message until the next round arrives, and labels that too; every keyed label
 * must arrive on labels-received.
 *
 * <p>Needs Debian's chromium and chromium-driver ({@code apt-get install chromium chromium-driver});
 * without them the test fails and says so (CI installs them), it never skips.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LabelingPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ImageSet POOL = GatewayFixture.pool();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "test.run")
    String run;
    @ConfigProperty(name = "test.token.alice")
    String alice;
    @TestHTTPResource("/label/")
    URL page;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the page test needs "
                + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldLabelEveryQueriedSampleWithTheKeyboardAndSendTheKeyedLabels() {
        String id = "page-" + run;
        GatewayFixture kafka = new GatewayFixture(bootstrap);
        List<String> round0 = POOL.ids().subList(0, 5);
        List<String> round1 = POOL.ids().subList(5, 7);
        kafka.write(Topics.CAMPAIGNS, id, GatewayFixture.humanCampaign(id, 20, 1, 600));
        kafka.write(Topics.QUERY_BATCH, id, GatewayFixture.batch(id, 0, round0, POOL));

        browser.get(page.toString());
        browser.findElement(By.id("token")).sendKeys(alice);
        browser.findElement(By.id("sign-in-button")).click();
        By campaignButton = By.cssSelector("#campaigns button[data-campaign-id='" + id + "']");
        // the gateway may not have read the campaign yet: reload the list until it is there
        await().atMost(PATIENCE).until(() -> {
            if (!browser.findElements(campaignButton).isEmpty()) {
                return true;
            }
            browser.findElement(By.id("change-campaign")).click();
            return false;
        });
        browser.findElement(campaignButton).click();

        Map<String, Integer> keyed = new LinkedHashMap<>();
        String first = awaitSample(null);
        int truth = POOL.labelOf(first);
        int wrong = (truth + 1) % POOL.numClasses();
        press(keyOf(wrong));
        String second = awaitSample(first); // the page moved on to the second sample
        press("u");
        assertEquals(first, awaitSample(second), "undo brings the answered sample back");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "withdrawn"));
        labelRound(first, keyed, round0.size());

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "next batch is being picked"));
        assertEquals("false", browser.findElement(By.id("sample")).getDomAttribute("data-ready"));
        kafka.write(Topics.QUERY_BATCH, id, GatewayFixture.batch(id, 1, round1, POOL));
        labelRound(null, keyed, round0.size() + round1.size()); // the page polls and shows the new round

        assertEquals(new java.util.HashSet<>(concat(round0, round1)), keyed.keySet());
        List<LabelReceived> labels = kafka.awaitLabels(id, keyed.size());
        Map<String, Integer> received = new HashMap<>();
        for (LabelReceived label : labels) {
            assertEquals("alice", label.getAnnotatorId());
            received.put(label.getSampleId(), label.getLabel());
            assertEquals(round1.contains(label.getSampleId()) ? 1 : 0, label.getRound());
        }
        assertEquals(keyed.size(), labels.size(), "one label per sample: " + labels);
        assertEquals(keyed, received, "the labels keyed on the page are the labels sent");
        for (String sample : keyed.keySet()) {
            assertEquals(POOL.labelOf(sample), received.get(sample), "label of " + sample);
        }
    }

    /** Keys the true label of every sample shown until {@code total} samples have been keyed. */
    private void labelRound(String current, Map<String, Integer> keyed, int total) {
        String sample = current == null ? awaitSample(null) : current;
        while (true) {
            int label = POOL.labelOf(sample);
            press(keyOf(label));
            keyed.put(sample, label);
            if (keyed.size() == total) {
                return;
            }
            sample = awaitSample(sample);
        }
    }

    /** Waits until the page shows a sample other than {@code previous}, ready for a key; returns its id. */
    private String awaitSample(String previous) {
        By ready = By.cssSelector("#sample[data-ready='true']");
        wait.until(driver -> {
            List<WebElement> shown = driver.findElements(ready);
            return !shown.isEmpty() && shown.get(0).getDomAttribute("data-sample-id") != null
                    && !shown.get(0).getDomAttribute("data-sample-id").equals(previous);
        });
        return browser.findElement(By.id("sample")).getDomAttribute("data-sample-id");
    }

    private void press(String key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** 1..9 for the first nine classes, 0 for the tenth, as on the page. */
    private static String keyOf(int label) {
        return label == 9 ? "0" : Integer.toString(label + 1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
