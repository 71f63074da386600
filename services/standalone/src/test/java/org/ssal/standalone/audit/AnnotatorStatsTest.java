package org.ssal.standalone.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ssal.events.Answer;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.EventCodec;
import org.ssal.standalone.export.LoggedEvent;

class AnnotatorStatsTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldCountEachAnnotatorsFinalAnswersAndHowManyAgreeWithTheCountedLabel() {
        List<SpecificRecord> log = List.of(
                counted("s1", 0, "majority"), counted("s2", 1, "majority"), counted("s3", 2, "ann"),
                // ann answers s1 wrong then corrects it, and withdraws s2
                answers("ann", answer("s1", 1), answer("s2", 1)),
                answers("ann", answer("s1", 0), answer("s2", null)),
                answers("bob", answer("s1", 2), answer("s2", 1), answer("s3", 2)));

        AnnotatorStats stats = AnnotatorStats.of(CampaignEvents.of("c", logged(log)));

        assertEquals(Map.of("majority", 2, "ann", 1), stats.counted());
        assertEquals(Map.of("ann", 1, "bob", 3), stats.answered());
        assertEquals(Map.of("ann", 1, "bob", 2), stats.agreeing(), "bob's s1 disagrees with the counted 0");
    }

    @Test
    void shouldShowAgreementAndWhoLabeledWhatInTheHtml() {
        AnnotatorStats stats = new AnnotatorStats(Map.of("ann", 2), Map.of("ann", 4), Map.of("ann", 3));
        AuditReport report = new AuditReport("c<1>", "test", "v", null, 9, "entropy", 10, 2, "COMPLETED", true, null,
                List.of(), List.of(), List.of(), stats, List.of("dataset x"),
                List.of(new AuditReport.CountedLabel(0, 0, "s<9>", 1, "ann", AT.toEpochMilli())), 5);

        String html = HtmlReport.render(report);

        assertTrue(html.contains("<td>ann</td><td>2</td><td>4</td><td>3 (75 %)</td>"), html);
        assertTrue(html.contains("s&lt;9&gt;") && !html.contains("s<9>"), "escaped");
        assertTrue(html.contains("2026-12-01T10:00:00Z"), "when");
    }

    private static LabeledSample counted(String id, int label, String annotator) {
        return LabeledSample.newBuilder().setCampaignId("c").setSampleId(id).setLabel(label).setRound(0)
                .setAnnotatorId(annotator).setLabeledAt(AT).setSequence(-1).build();
    }

    private static AnswersSubmitted answers(String annotator, Answer... answers) {
        return AnswersSubmitted.newBuilder().setCampaignId("c").setLeaseId("l").setAnnotatorId(annotator)
                .setAnswers(List.of(answers)).setSubmittedAt(AT).build();
    }

    private static Answer answer(String id, Integer label) {
        return Answer.newBuilder().setSampleId(id).setLabel(label).build();
    }

    private static List<LoggedEvent> logged(List<SpecificRecord> events) {
        List<LoggedEvent> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            log.add(new LoggedEvent("t", 0, i, i, "c", EventCodec.encode(events.get(i)), "c"));
        }
        return log;
    }
}
