package org.ssal.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.advice.Advisor;
import org.ssal.learning.advice.Curve;
import org.ssal.learning.advice.CurveKey;
import org.ssal.learning.advice.GridFixture;
import org.ssal.learning.advice.LearningCurves;
import org.ssal.learning.advice.NumberText;
import org.ssal.learning.advice.ResultRow;
import org.ssal.learning.advice.Threshold;
import org.ssal.learning.advice.ThresholdAnalysis;
import org.ssal.learning.advice.ThresholdRelation;

class HtmlReportTest {

    @Test
    void shouldEmbedPlotsAndTablesWhenWritten(@TempDir Path dir) throws Exception {
        List<ResultRow> rows = GridFixture.rows();
        Path page = HtmlReport.write(dir, rows);
        String html = Files.readString(page);

        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            assertTrue(Files.exists(dir.resolve(img.group(1))), "missing " + img.group(1));
        }
        assertEquals(4, images); // three datasets and the threshold plot

        Curve cifar10Entropy = LearningCurves.of(rows).stream()
                .filter(c -> c.key().equals(new CurveKey("cifar10", "entropy", true, 0.01))).findFirst().orElseThrow();
        String finalCell = NumberText.percentOneDecimal(cifar10Entropy.last().mean()) + " ± " + NumberText.percentOneDecimal(cifar10Entropy.last().std());
        assertTrue(html.contains(finalCell), "final accuracy " + finalCell);

        List<Threshold> thresholds = ThresholdAnalysis.defaults().thresholds(LearningCurves.of(rows));
        for (Threshold t : thresholds) {
            assertTrue(html.contains(HtmlReport.esc(t.describe())), t.key() + ": " + t.describe());
        }
        ThresholdRelation relation = ThresholdRelation.fit(thresholds.stream().filter(t -> t.key().ssl()).toList());
        assertTrue(html.contains(HtmlReport.esc(relation.describe())), relation.describe());
        assertTrue(html.contains(HtmlReport.esc(Advisor.advise(100, 3800, relation).reason())));
    }

    @Test
    void shouldEscapeMarkupInNames() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot;", HtmlReport.esc("a<b> & \"c\""));
    }
}
