package org.ssal.labeling.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ssal.labeling.LabelingProgress;

/** The JSON bodies of the labeling API (requests and answers), one record each. */
public final class LabelingApi {
    private LabelingApi() {
    }

    @Schema(description = "Ask for samples of a campaign to label")
    public record LeaseRequest(
            @Schema(description = "The human-labeled campaign", required = true) String campaignId,
            @Schema(description = "Samples at most (1..500); default ssal.labeling.default-lease-size") Integer max) {
    }

    @Schema(description = "One sample to label")
    public record Task(
            @Schema(description = "Stable id of the sample") String sampleId,
            @Schema(description = "Where its PNG is (send the same Authorization header)") String imageUrl,
            @Schema(description = "Class names; a label is an index into this list") List<String> classNames) {
    }

    @Schema(description = "A lease: samples held for one annotator until expiresAt")
    public record LeaseView(
            @Schema(description = "Id of the lease; null when nothing was leased") String leaseId,
            String campaignId,
            @Schema(description = "When the unanswered samples go back to the queue") Instant expiresAt,
            @Schema(description = "The leased samples, in the order to show them") List<Task> tasks,
            @Schema(description = "Answers given so far: sampleId -> label (provisional until the lease ends)")
            Map<String, Integer> answers,
            @Schema(description = "Whether the lease ended (its answers count and can no longer change)") boolean ended,
            @Schema(description = "COMPLETED, RELEASED or EXPIRED once ended") String endReason,
            @Schema(description = "Why there is nothing to label, when tasks is empty") String message) {
    }

    @Schema(description = "One answer; label null withdraws an earlier answer of the lease (undo)")
    public record LabelInput(@Schema(required = true) String sampleId, Integer label) {
    }

    @Schema(description = "Answers to samples of one lease")
    public record SubmitRequest(@Schema(required = true) List<LabelInput> labels) {
    }

    @Schema(description = "What a submission changed")
    public record SubmitResult(
            String leaseId,
            String campaignId,
            @Schema(description = "Answers of the request that changed the lease (0 for a retry)") int recorded,
            @Schema(description = "The lease's answers now") Map<String, Integer> answers,
            @Schema(description = "Whether the lease ended with it (every sample answered)") boolean ended,
            String endReason,
            @Schema(description = "Samples that got their final label through it") List<String> labeled) {
    }

    @Schema(description = "Extend a lease to now + seconds")
    public record ExtendRequest(@Schema(description = "1..86400", required = true) Integer seconds) {
    }

    @Schema(description = "A human-labeled campaign the caller may label")
    public record CampaignSummary(
            String campaignId,
            String dataset,
            List<String> classNames,
            int budget,
            int redundancy,
            int leaseSeconds,
            String aggregation,
            @Schema(description = "Samples asked so far") int queried,
            @Schema(description = "Samples with their final label") int labeled,
            @Schema(description = "Latest round asked (-1 before the first batch)") int round,
            int roundQueried,
            int roundLabeled,
            @Schema(description = "Samples in open leases") int leasedNow,
            @Schema(description = "Budget spent or campaign stopped") boolean finished,
            boolean stopped) {
    }

    @Schema(description = "Per-annotator figures (null where undefined)")
    public record AnnotatorFigures(int leasedNow, int submitted, Double agreement, Double estimatedAccuracy) {
    }

    @Schema(description = "Progress and agreement of a campaign (null where undefined, e.g. kappa with redundancy 1)")
    public record Progress(String campaignId, int budget, int redundancy, int queried, int labeled, int round,
                           int roundQueried, int roundLabeled, int leasedNow, int annotations, Double fleissKappa,
                           Map<String, AnnotatorFigures> annotators) {
        static Progress of(LabelingProgress p) {
            Map<String, AnnotatorFigures> annotators = new TreeMap<>();
            p.annotators().forEach((id, a) -> annotators.put(id, new AnnotatorFigures(a.leasedNow(), a.submitted(),
                    finite(a.agreement()), finite(a.estimatedAccuracy()))));
            return new Progress(p.campaignId(), p.budget(), p.redundancy(), p.queried(), p.labeled(), p.round(),
                    p.roundQueried(), p.roundLabeled(), p.leasedNow(), p.annotations(), finite(p.fleissKappa()),
                    annotators);
        }

        /** JSON has no NaN: undefined figures are null. */
        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }

    @Schema(description = "Every refusal: the field and value it is about, and why")
    public record ErrorBody(String field, Object value, String message) {
    }
}
