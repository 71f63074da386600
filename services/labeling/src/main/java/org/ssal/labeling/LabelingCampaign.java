package org.ssal.labeling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.Answer;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.LeaseEndReason;
import org.ssal.events.LeaseEnded;
import org.ssal.events.LeaseExtended;
import org.ssal.events.LeaseGranted;
import org.ssal.events.QueryBatch;
import org.ssal.labeling.LabelingException.Kind;

/**
 * The labeling rules of one human-labeled campaign, event-sourced: commands ({@link #lease},
 * {@link #submit}, {@link #release}, {@link #extend}, {@link #expire}) check a request against the
 * current state and return the events that record it; {@link #apply} changes the state from an
 * event, live or when the gateway rebuilds itself from the {@code labeling} topic. Commands never
 * change the state themselves, so a request whose events could not be written changes nothing.
 *
 * <p>Rules: a sample needs {@code redundancy} annotations from different annotators. A lease
 * hands an annotator up to {@code max} samples, in query order, that they have not annotated, do
 * not hold already, and that still need more annotations than are currently leased out. Answers
 * in a lease are provisional — they can be changed or withdrawn (undo) — until the lease ends:
 * when its last sample is answered, when it is released, or when it expires. Then its answers
 * count, and its unanswered samples go back to the queue; a sample whose last needed annotation
 * arrives gets its one aggregated label ({@link Aggregation}).
 */
public final class LabelingCampaign {
    /** Largest {@code max} of one lease request. */
    public static final int MAX_LEASE = 500;

    /**
     * @param campaignId    the campaign
     * @param budget        labels the campaign buys (for progress)
     * @param redundancy    annotations per sample, from different annotators
     * @param leaseDuration how long a lease lasts unless extended
     * @param aggregation   how N annotations become one label
     */
    public record Settings(String campaignId, int budget, int redundancy, Duration leaseDuration,
                           Aggregation aggregation) {
        public Settings {
            if (redundancy < 1) {
                throw new IllegalArgumentException("redundancy must be >= 1, got " + redundancy);
            }
            if (leaseDuration.isNegative() || leaseDuration.isZero()) {
                throw new IllegalArgumentException("leaseSeconds must be > 0, got " + leaseDuration.toSeconds());
            }
        }
    }

    /** An open lease as an annotator sees it. */
    public record Lease(String leaseId, String annotatorId, List<String> sampleIds, Instant expiresAt,
                        Map<String, Integer> answers) {
    }

    /** A sample that got its last annotation: the label to send to the budget tracker. */
    public record FinalLabel(String sampleId, int round, int label, String annotatorId, List<String> annotators) {
    }

    private static final class OpenLease {
        final String leaseId;
        final String annotatorId;
        final List<String> sampleIds;
        Instant expiresAt;
        final Map<String, Integer> answers = new LinkedHashMap<>();

        OpenLease(String leaseId, String annotatorId, List<String> sampleIds, Instant expiresAt) {
            this.leaseId = leaseId;
            this.annotatorId = annotatorId;
            this.sampleIds = List.copyOf(sampleIds);
            this.expiresAt = expiresAt;
        }
    }

    private record EndedLease(String annotatorId, LeaseEndReason reason, Instant endedAt, Map<String, Integer> answers) {
    }

    private final Settings settings;
    private int numClasses;
    private List<String> classNames = List.of();
    /** sample → round, in query order. */
    private final Map<String, Integer> rounds = new LinkedHashMap<>();
    /** sample → annotator → label, annotations that count. */
    private final Map<String, Map<String, Integer>> annotations = new LinkedHashMap<>();
    private final Map<String, Integer> finals = new LinkedHashMap<>();
    private final Map<String, OpenLease> open = new LinkedHashMap<>();
    private final Map<String, EndedLease> ended = new LinkedHashMap<>();

    public LabelingCampaign(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    public int numClasses() {
        return numClasses;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Whether the campaign queried this sample (only those may be shown to annotators). */
    public boolean wasQueried(String sampleId) {
        return rounds.containsKey(sampleId);
    }

    /** Adds a round's samples to the queue (a redelivered batch changes nothing). */
    public void onQueryBatch(QueryBatch batch) {
        numClasses = batch.getNumClasses();
        if (!batch.getClassNames().isEmpty()) {
            classNames = List.copyOf(batch.getClassNames());
        }
        for (String id : batch.getSampleIds()) {
            rounds.putIfAbsent(id, batch.getRound());
        }
    }

    // ---- commands -------------------------------------------------------------------------

    /** Leases up to {@code max} samples to the annotator; no event when nothing is available. */
    public List<SpecificRecord> lease(String annotatorId, int max, Instant now, String leaseId) {
        if (max < 1 || max > MAX_LEASE) {
            throw new LabelingException(Kind.BAD_REQUEST, "max", max, "max must be in [1, " + MAX_LEASE + "], got " + max);
        }
        Map<String, Integer> leasedOut = new LinkedHashMap<>();
        Set<String> heldByAnnotator = new LinkedHashSet<>();
        for (OpenLease lease : open.values()) {
            for (String id : lease.sampleIds) {
                leasedOut.merge(id, 1, Integer::sum);
                if (lease.annotatorId.equals(annotatorId)) {
                    heldByAnnotator.add(id);
                }
            }
        }
        List<String> picked = new ArrayList<>();
        for (String id : rounds.keySet()) {
            if (picked.size() == max) {
                break;
            }
            Map<String, Integer> done = annotations.getOrDefault(id, Map.of());
            if (finals.containsKey(id) || done.containsKey(annotatorId) || heldByAnnotator.contains(id)) {
                continue;
            }
            if (done.size() + leasedOut.getOrDefault(id, 0) < settings.redundancy()) {
                picked.add(id);
            }
        }
        if (picked.isEmpty()) {
            return List.of();
        }
        return List.of(LeaseGranted.newBuilder().setCampaignId(settings.campaignId()).setLeaseId(leaseId)
                .setAnnotatorId(annotatorId).setSampleIds(picked).setGrantedAt(now)
                .setExpiresAt(now.plus(settings.leaseDuration())).build());
    }

    /**
     * Records answers (a null label withdraws one); ends the lease when every sample has an answer.
     * The same submission again, also after the lease ended, records nothing and is not an error.
     */
    public List<SpecificRecord> submit(String leaseId, String annotatorId, List<Answer> answers, Instant now) {
        if (answers == null || answers.isEmpty()) {
            throw new LabelingException(Kind.BAD_REQUEST, "labels", answers, "labels must list at least one answer");
        }
        EndedLease done = ended.get(leaseId);
        if (done != null) {
            owner(leaseId, done.annotatorId(), annotatorId);
            for (Answer answer : answers) {
                if (!Objects.equals(done.answers().get(answer.getSampleId()), answer.getLabel())) {
                    throw new LabelingException(Kind.CONFLICT, "leaseId", leaseId, "lease " + leaseId + " ended ("
                            + done.reason() + ") at " + done.endedAt() + "; its answers can no longer change");
                }
            }
            return List.of(); // a retry of what was already recorded
        }
        OpenLease lease = openLease(leaseId, annotatorId, now);
        Map<String, Integer> after = new LinkedHashMap<>(lease.answers);
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            if (!lease.sampleIds.contains(answer.getSampleId())) {
                throw new LabelingException(Kind.BAD_REQUEST, "labels[" + i + "].sampleId", answer.getSampleId(),
                        "sample " + answer.getSampleId() + " is not in lease " + leaseId);
            }
            Integer label = answer.getLabel();
            if (label != null && (label < 0 || label >= numClasses)) {
                throw new LabelingException(Kind.BAD_REQUEST, "labels[" + i + "].label", label,
                        "label " + label + " of sample " + answer.getSampleId() + " is outside [0, " + numClasses + ")");
            }
            if (label == null) {
                after.remove(answer.getSampleId());
            } else {
                after.put(answer.getSampleId(), label);
            }
        }
        List<SpecificRecord> events = new ArrayList<>();
        if (!after.equals(lease.answers)) {
            events.add(AnswersSubmitted.newBuilder().setCampaignId(settings.campaignId()).setLeaseId(leaseId)
                    .setAnnotatorId(annotatorId).setAnswers(List.copyOf(answers)).setSubmittedAt(now).build());
        }
        if (after.keySet().containsAll(lease.sampleIds)) {
            events.add(ended(leaseId, LeaseEndReason.COMPLETED, now));
        }
        return events;
    }

    /** Ends the lease now: its answers count, the rest go back to the queue. */
    public List<SpecificRecord> release(String leaseId, String annotatorId, Instant now) {
        if (ended.containsKey(leaseId)) {
            owner(leaseId, ended.get(leaseId).annotatorId(), annotatorId);
            return List.of(); // released or ended before: nothing left to give back
        }
        openLease(leaseId, annotatorId, now);
        return List.of(ended(leaseId, LeaseEndReason.RELEASED, now));
    }

    /** Moves the lease's expiry to {@code now + by}. */
    public List<SpecificRecord> extend(String leaseId, String annotatorId, Duration by, Instant now) {
        if (by.isNegative() || by.isZero() || by.compareTo(Duration.ofDays(1)) > 0) {
            throw new LabelingException(Kind.BAD_REQUEST, "seconds", by.toSeconds(),
                    "seconds must be in [1, 86400], got " + by.toSeconds());
        }
        openLease(leaseId, annotatorId, now);
        return List.of(LeaseExtended.newBuilder().setCampaignId(settings.campaignId()).setLeaseId(leaseId)
                .setExpiresAt(now.plus(by)).setExtendedAt(now).build());
    }

    /** Ends every lease whose time is up; an annotator who vanished stalls nothing. */
    public List<SpecificRecord> expire(Instant now) {
        List<SpecificRecord> events = new ArrayList<>();
        for (OpenLease lease : open.values()) {
            if (!now.isBefore(lease.expiresAt)) {
                events.add(ended(lease.leaseId, LeaseEndReason.EXPIRED, now));
            }
        }
        return events;
    }

    private LeaseEnded ended(String leaseId, LeaseEndReason reason, Instant now) {
        return LeaseEnded.newBuilder().setCampaignId(settings.campaignId()).setLeaseId(leaseId).setReason(reason)
                .setEndedAt(now).build();
    }

    private OpenLease openLease(String leaseId, String annotatorId, Instant now) {
        OpenLease lease = open.get(leaseId);
        EndedLease done = ended.get(leaseId);
        if (lease == null && done != null) {
            owner(leaseId, done.annotatorId(), annotatorId);
            throw new LabelingException(Kind.CONFLICT, "leaseId", leaseId, "lease " + leaseId + " ended ("
                    + done.reason() + ") at " + done.endedAt() + "; it can no longer change");
        }
        if (lease == null) {
            throw new LabelingException(Kind.NOT_FOUND, "leaseId", leaseId,
                    "no lease " + leaseId + " in campaign " + settings.campaignId());
        }
        owner(leaseId, lease.annotatorId, annotatorId);
        if (!now.isBefore(lease.expiresAt)) {
            throw new LabelingException(Kind.CONFLICT, "leaseId", leaseId, "lease " + leaseId + " expired at "
                    + lease.expiresAt + "; its unanswered samples went back to the queue");
        }
        return lease;
    }

    private static void owner(String leaseId, String holder, String annotatorId) {
        if (!holder.equals(annotatorId)) {
            throw new LabelingException(Kind.FORBIDDEN, "leaseId", leaseId, "lease " + leaseId
                    + " belongs to another annotator");
        }
    }

    // ---- state ---------------------------------------------------------------------------

    /**
     * Applies one event of this campaign's labeling log.
     *
     * @return samples that got their last annotation through it (empty for most events)
     */
    public List<FinalLabel> apply(SpecificRecord event) {
        if (event instanceof LeaseGranted granted) {
            open.put(granted.getLeaseId(), new OpenLease(granted.getLeaseId(), granted.getAnnotatorId(),
                    granted.getSampleIds(), granted.getExpiresAt()));
        } else if (event instanceof LeaseExtended extended) {
            OpenLease lease = open.get(extended.getLeaseId());
            if (lease != null) {
                lease.expiresAt = extended.getExpiresAt();
            }
        } else if (event instanceof AnswersSubmitted submitted) {
            OpenLease lease = open.get(submitted.getLeaseId());
            if (lease != null) {
                for (Answer answer : submitted.getAnswers()) {
                    if (answer.getLabel() == null) {
                        lease.answers.remove(answer.getSampleId());
                    } else {
                        lease.answers.put(answer.getSampleId(), answer.getLabel());
                    }
                }
            }
        } else if (event instanceof LeaseEnded end) {
            return end(end);
        }
        return List.of();
    }

    private List<FinalLabel> end(LeaseEnded end) {
        OpenLease lease = open.remove(end.getLeaseId());
        if (lease == null) {
            return List.of();
        }
        ended.put(lease.leaseId, new EndedLease(lease.annotatorId, end.getReason(), end.getEndedAt(),
                Map.copyOf(lease.answers)));
        List<FinalLabel> labels = new ArrayList<>();
        lease.answers.forEach((sample, label) -> {
            if (finals.containsKey(sample)) {
                return;
            }
            Map<String, Integer> ofSample = annotations.computeIfAbsent(sample, s -> new LinkedHashMap<>());
            ofSample.putIfAbsent(lease.annotatorId, label);
            if (ofSample.size() == settings.redundancy()) {
                int aggregated = settings.redundancy() == 1 ? label
                        : settings.aggregation().labelOf(sample, annotations, numClasses);
                finals.put(sample, aggregated);
                List<String> annotators = List.copyOf(ofSample.keySet());
                String by = annotators.size() == 1 ? annotators.get(0)
                        : settings.aggregation().externalName() + "(" + String.join(",", annotators) + ")";
                labels.add(new FinalLabel(sample, rounds.getOrDefault(sample, -1), aggregated, by, annotators));
            }
        });
        return labels;
    }

    /** The annotator's open lease with this id (for the page after a reload). */
    public Lease leaseOf(String leaseId) {
        OpenLease lease = open.get(leaseId);
        return lease == null ? null : new Lease(lease.leaseId, lease.annotatorId, lease.sampleIds, lease.expiresAt,
                Map.copyOf(lease.answers));
    }

    /** How the lease ended, or null while it is open or when there is no such lease. */
    public LeaseEndReason endReasonOf(String leaseId) {
        EndedLease lease = ended.get(leaseId);
        return lease == null ? null : lease.reason();
    }

    /** The annotator who held a lease, open or ended; null when there is no such lease. */
    public String holderOf(String leaseId) {
        OpenLease lease = open.get(leaseId);
        if (lease != null) {
            return lease.annotatorId;
        }
        EndedLease done = ended.get(leaseId);
        return done == null ? null : done.annotatorId();
    }

    /** The answers that counted from an ended lease (empty when it is open or unknown). */
    public Map<String, Integer> answersOfEnded(String leaseId) {
        EndedLease lease = ended.get(leaseId);
        return lease == null ? Map.of() : lease.answers();
    }

    /** Open leases of an annotator. */
    public List<Lease> leasesOf(String annotatorId) {
        return open.values().stream().filter(l -> l.annotatorId.equals(annotatorId))
                .map(l -> leaseOf(l.leaseId)).toList();
    }

    /** Every annotation that counts: sample → annotator → label. */
    public Map<String, Map<String, Integer>> annotations() {
        return annotations;
    }

    /** Final labels: sample → label. */
    public Map<String, Integer> finals() {
        return finals;
    }

    /** Samples queried so far, in query order, with their round. */
    public Map<String, Integer> queried() {
        return rounds;
    }

    /** Annotators with at least one open lease. */
    public List<String> openAnnotators() {
        return open.values().stream().map(l -> l.annotatorId).distinct().toList();
    }

    /** Samples currently leased out, counted once per lease. */
    public int leasedNow() {
        return open.values().stream().mapToInt(l -> l.sampleIds.size()).sum();
    }
}
