package org.ssal.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ssal.events.Answer;
import org.ssal.events.LeaseEndReason;
import org.ssal.events.LeaseEnded;
import org.ssal.events.LeaseGranted;
import org.ssal.events.QueryBatch;
import org.ssal.labeling.LabelingCampaign.FinalLabel;
import org.ssal.labeling.LabelingException.Kind;

class LabelingCampaignTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private int leases;

    private static LabelingCampaign campaign(int redundancy, Aggregation aggregation, String... ids) {
        LabelingCampaign campaign = new LabelingCampaign(new LabelingCampaign.Settings("c1", 100, redundancy,
                Duration.ofMinutes(10), aggregation));
        campaign.onQueryBatch(QueryBatch.newBuilder().setCampaignId("c1").setRound(0).setSampleIds(List.of(ids))
                .setNumClasses(3).setClassNames(List.of("cat", "dog", "owl")).setStrategy("random").setSelectionSeed(1)
                .setCreatedAt(T0).build());
        return campaign;
    }

    /** Runs a command the way the gateway does: its events are applied, the final labels collected. */
    private static List<FinalLabel> run(LabelingCampaign campaign, List<SpecificRecord> events) {
        List<FinalLabel> finals = new ArrayList<>();
        events.forEach(e -> finals.addAll(campaign.apply(e)));
        return finals;
    }

    private LeaseGranted lease(LabelingCampaign campaign, String annotator, int max, Instant now) {
        List<SpecificRecord> events = campaign.lease(annotator, max, now, "L" + (++leases));
        run(campaign, events);
        return events.isEmpty() ? null : (LeaseGranted) events.get(0);
    }

    private static Answer answer(String sample, Integer label) {
        return Answer.newBuilder().setSampleId(sample).setLabel(label).build();
    }

    @Test
    void shouldLeaseInQueryOrderAndNeverTheSameSampleToTwoAnnotatorsWhenOneAnnotationIsNeeded() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2", "s3");
        assertEquals(List.of("s1", "s2"), lease(campaign, "alice", 2, T0).getSampleIds());
        assertEquals(List.of("s3"), lease(campaign, "bob", 5, T0).getSampleIds());
        assertEquals(null, lease(campaign, "carol", 5, T0), "nothing left to lease");
    }

    @Test
    void shouldEmitTheLabelWhenTheLeaseIsCompleteAndCountARetryOnce() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2");
        LeaseGranted lease = lease(campaign, "alice", 2, T0);
        List<Answer> answers = List.of(answer("s1", 2), answer("s2", 0));
        List<SpecificRecord> events = campaign.submit(lease.getLeaseId(), "alice", answers, T0.plusSeconds(5));
        assertEquals(LeaseEndReason.COMPLETED, ((LeaseEnded) events.get(1)).getReason());
        List<FinalLabel> finals = run(campaign, events);
        assertEquals(List.of(new FinalLabel("s1", 0, 2, "alice", List.of("alice")),
                new FinalLabel("s2", 0, 0, "alice", List.of("alice"))), finals);
        assertEquals(List.of(), campaign.submit(lease.getLeaseId(), "alice", answers, T0.plusSeconds(6)),
                "the same submission again records nothing");
        LabelingException changed = assertThrows(LabelingException.class, () -> campaign.submit(lease.getLeaseId(),
                "alice", List.of(answer("s1", 1)), T0.plusSeconds(7)));
        assertEquals(Kind.CONFLICT, changed.kind());
    }

    @Test
    void shouldLetAnAnswerBeUndoneWhileTheLeaseHolds() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2");
        LeaseGranted lease = lease(campaign, "alice", 2, T0);
        run(campaign, campaign.submit(lease.getLeaseId(), "alice", List.of(answer("s1", 2)), T0));
        run(campaign, campaign.submit(lease.getLeaseId(), "alice", List.of(answer("s1", null)), T0));
        assertEquals(java.util.Map.of(), campaign.leaseOf(lease.getLeaseId()).answers());
        List<FinalLabel> finals = run(campaign, campaign.submit(lease.getLeaseId(), "alice",
                List.of(answer("s1", 1), answer("s2", 1)), T0));
        assertEquals(List.of(1, 1), finals.stream().map(FinalLabel::label).toList());
    }

    @Test
    void shouldRefuseAnswersOutsideTheLeaseOutOfRangeByAnotherAnnotatorOrAfterExpiry() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2", "s3");
        LeaseGranted lease = lease(campaign, "alice", 2, T0);
        String id = lease.getLeaseId();
        LabelingException outside = assertThrows(LabelingException.class,
                () -> campaign.submit(id, "alice", List.of(answer("s1", 0), answer("s3", 0)), T0));
        assertEquals("labels[1].sampleId", outside.field());
        assertEquals("sample s3 is not in lease " + id, outside.getMessage());
        LabelingException range = assertThrows(LabelingException.class,
                () -> campaign.submit(id, "alice", List.of(answer("s1", 3)), T0));
        assertEquals("labels[0].label", range.field());
        assertEquals("label 3 of sample s1 is outside [0, 3)", range.getMessage());
        assertEquals(Kind.FORBIDDEN, assertThrows(LabelingException.class,
                () -> campaign.submit(id, "mallory", List.of(answer("s1", 0)), T0)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(LabelingException.class,
                () -> campaign.submit("nope", "alice", List.of(answer("s1", 0)), T0)).kind());
        LabelingException late = assertThrows(LabelingException.class,
                () -> campaign.submit(id, "alice", List.of(answer("s1", 0)), T0.plus(Duration.ofMinutes(10))));
        assertEquals(Kind.CONFLICT, late.kind());
        assertTrue(late.getMessage().contains("expired"), late.getMessage());
        assertEquals("max", assertThrows(LabelingException.class, () -> campaign.lease("bob", 0, T0, "x")).field());
    }

    @Test
    void shouldReturnUnansweredSamplesToTheQueueWhenALeaseExpiresAndKeepTheAnsweredOnes() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2");
        LeaseGranted lease = lease(campaign, "alice", 2, T0);
        run(campaign, campaign.submit(lease.getLeaseId(), "alice", List.of(answer("s1", 1)), T0.plusSeconds(60)));
        assertEquals(List.of(), campaign.expire(T0.plusSeconds(599)), "not yet");
        List<SpecificRecord> expiry = campaign.expire(T0.plusSeconds(600));
        assertEquals(LeaseEndReason.EXPIRED, ((LeaseEnded) expiry.get(0)).getReason());
        assertEquals(List.of("s1"), run(campaign, expiry).stream().map(FinalLabel::sampleId).toList());
        assertEquals(List.of("s2"), lease(campaign, "bob", 5, T0.plusSeconds(601)).getSampleIds());
    }

    @Test
    void shouldExtendAndReleaseOnlyOpenLeasesOfTheirHolder() {
        LabelingCampaign campaign = campaign(1, Aggregation.MAJORITY, "s1", "s2");
        LeaseGranted lease = lease(campaign, "alice", 2, T0);
        run(campaign, campaign.extend(lease.getLeaseId(), "alice", Duration.ofMinutes(30), T0.plusSeconds(500)));
        assertEquals(List.of(), campaign.expire(T0.plusSeconds(700)), "extended past the first expiry");
        assertEquals(Kind.FORBIDDEN, assertThrows(LabelingException.class,
                () -> campaign.release(lease.getLeaseId(), "bob", T0)).kind());
        run(campaign, campaign.release(lease.getLeaseId(), "alice", T0.plusSeconds(701)));
        assertEquals(List.of(), campaign.release(lease.getLeaseId(), "alice", T0.plusSeconds(702)), "released twice");
        assertEquals(List.of("s1", "s2"), lease(campaign, "bob", 5, T0.plusSeconds(703)).getSampleIds());
    }

    @Test
    void shouldCollectNAnnotationsFromDifferentAnnotatorsAndVote() {
        LabelingCampaign campaign = campaign(3, Aggregation.MAJORITY, "s1");
        LeaseGranted a = lease(campaign, "alice", 1, T0);
        assertEquals(null, lease(campaign, "alice", 1, T0), "alice holds s1 already");
        LeaseGranted b = lease(campaign, "bob", 1, T0);
        LeaseGranted c = lease(campaign, "carol", 1, T0);
        assertEquals(null, lease(campaign, "dave", 1, T0), "three leases cover the three annotations needed");
        assertEquals(List.of(), run(campaign, campaign.submit(a.getLeaseId(), "alice", List.of(answer("s1", 2)), T0)));
        assertEquals(null, lease(campaign, "alice", 1, T0), "alice annotated s1 already");
        assertEquals(List.of(), run(campaign, campaign.submit(b.getLeaseId(), "bob", List.of(answer("s1", 1)), T0)));
        List<FinalLabel> finals = run(campaign, campaign.submit(c.getLeaseId(), "carol", List.of(answer("s1", 1)), T0));
        assertEquals(List.of(new FinalLabel("s1", 0, 1, "majority(alice,bob,carol)", List.of("alice", "bob", "carol"))),
                finals);
    }

    @Test
    void shouldRebuildTheSameStateFromItsEvents() {
        LabelingCampaign live = campaign(2, Aggregation.DAWID_SKENE, "s1", "s2", "s3");
        List<SpecificRecord> log = new ArrayList<>();
        for (String annotator : List.of("alice", "bob")) {
            List<SpecificRecord> granted = live.lease(annotator, 3, T0, "L-" + annotator);
            run(live, granted);
            log.addAll(granted);
            List<SpecificRecord> answered = live.submit("L-" + annotator, annotator,
                    List.of(answer("s1", 0), answer("s2", 1), answer("s3", 2)), T0);
            run(live, answered);
            log.addAll(answered);
        }
        LabelingCampaign replayed = campaign(2, Aggregation.DAWID_SKENE, "s1", "s2", "s3");
        log.forEach(replayed::apply);
        assertEquals(live.finals(), replayed.finals());
        assertEquals(live.annotations(), replayed.annotations());
        assertEquals(java.util.Map.of("s1", 0, "s2", 1, "s3", 2), replayed.finals());
        LabelingProgress progress = LabelingProgress.of(replayed);
        assertEquals(3, progress.labeled());
        assertEquals(6, progress.annotations());
        assertEquals(1.0, progress.fleissKappa(), 1e-12);
        assertEquals(1.0, progress.annotators().get("alice").agreement(), 1e-12);
    }
}
