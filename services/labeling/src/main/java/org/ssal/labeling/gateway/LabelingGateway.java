package org.ssal.labeling.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.ssal.events.Answer;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.LeaseEnded;
import org.ssal.events.LeaseGranted;
import org.ssal.labeling.HumanCampaigns;
import org.ssal.labeling.LabelingCampaign;
import org.ssal.labeling.LabelingCampaign.FinalLabel;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.LabelingException.Kind;
import org.ssal.labeling.LabelingProgress;
import org.ssal.labeling.gateway.LabelingApi.CampaignSummary;
import org.ssal.labeling.gateway.LabelingApi.LeaseView;
import org.ssal.labeling.gateway.LabelingApi.SubmitResult;
import org.ssal.labeling.gateway.LabelingApi.Task;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.SharedSettings;
import org.ssal.service.TopicAdmin;
import org.ssal.service.auth.Principal;

/**
 * The Kafka adapter of the labeling gateway: keeps {@link HumanCampaigns} in step with the
 * {@code campaigns}, {@code query-batch} and {@code labeling} topics and runs every command of the
 * REST API (and the expiry of due leases) the same way:
 *
 * <ol>
 *   <li>under one lock, which every read takes too, the command checks the request against the
 *       state and returns its events ({@link LabelingCampaign});</li>
 *   <li>the events are applied, which tells which samples get their final label;</li>
 *   <li>the events (on {@code labeling}) and one {@code LabelReceived} per final label (on
 *       {@code labels-received}) are written in one Kafka transaction, keyed by campaign id;</li>
 *   <li>if the write fails, the state is rebuilt from the log, so the applied events are
 *       forgotten; as nobody can read between 2 and 4 (the lock), no answer ever shows a state
 *       that was not committed.</li>
 * </ol>
 *
 * <p>The events are applied before the write and not after it because only {@code apply} says
 * which labels a lease end finishes (aggregation runs there); the lock makes the order invisible.
 *
 * <p>At start the state is rebuilt by replaying the three topics to their end (inputs first, so
 * that every leased sample's batch is known); then {@code campaigns} and {@code query-batch} are
 * followed live, read_committed. One gateway instance serves all campaigns: its transactional id
 * ({@code ssal-labeling-<ssal.instance-id>}) fences a second instance with the same id.
 */
@ApplicationScoped
public class LabelingGateway {
    private static final Logger LOG = Logger.getLogger(LabelingGateway.class);
    private static final List<String> INPUTS = List.of(Topics.CAMPAIGNS, Topics.QUERY_BATCH);

    @Inject
    LabelingConfig config;

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();
    private HumanCampaigns state = new HumanCampaigns();
    private boolean stale = true;
    private SharedSettings shared;
    private TransactionalWriter writer;
    private ScheduledExecutorService expiry;
    private Thread follower;
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("labeling gateway disabled (ssal.labeling.enabled=false)");
            return;
        }
        shared = SharedSettings.fromConfig();
        TopicAdmin.ensureTopics(shared.bootstrapServers(), shared.topics());
        EventLog inputs = new EventLog(shared.bootstrapServers(), INPUTS);
        lock.lock();
        try {
            HumanCampaigns fresh = new HumanCampaigns();
            inputs.replayToEnd(e -> observe(fresh, e), config.replayTimeout());
            replayLabeling(fresh);
            state = fresh;
            stale = false;
        } finally {
            lock.unlock();
        }
        String transactionalId = "ssal-labeling-" + shared.instanceId().orElse("default");
        writer = new TransactionalWriter(shared.bootstrapServers(), transactionalId, config.writeTimeout());
        running = true;
        follower = new Thread(() -> follow(inputs), "labeling-gateway-inputs");
        follower.setDaemon(true);
        follower.start();
        expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "labeling-gateway-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, config.expiryInterval().toMillis());
        expiry.scheduleWithFixedDelay(this::expireDueLeases, period, period, TimeUnit.MILLISECONDS);
        LOG.infof("labeling gateway serving %d human campaign(s), writing as %s", state.all().size(),
                transactionalId);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (expiry != null) {
            expiry.shutdownNow();
        }
        if (follower != null) {
            follower.interrupt();
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** Whether the gateway runs and its state is the committed log's. */
    public boolean isReady() {
        return running && !stale;
    }

    // ---- the log ---------------------------------------------------------------------------

    private void observe(HumanCampaigns target, SpecificRecord event) {
        String warning = target.observe(event);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    private void replayLabeling(HumanCampaigns target) {
        try (EventLog log = new EventLog(shared.bootstrapServers(), List.of(Topics.LABELING))) {
            log.replayToEnd(target::apply, config.replayTimeout());
        }
    }

    /**
     * Forgets the in-memory state and replays the three topics from the beginning, as a restarted
     * gateway would (also what a failed write triggers).
     */
    public void rebuild() {
        lock.lock();
        try {
            stale = true;
            HumanCampaigns fresh = new HumanCampaigns();
            try (EventLog inputs = new EventLog(shared.bootstrapServers(), INPUTS)) {
                inputs.replayToEnd(e -> observe(fresh, e), config.replayTimeout());
            }
            replayLabeling(fresh);
            // the follower may deliver some of the replayed inputs again: observing is idempotent
            state = fresh;
            stale = false;
        } finally {
            lock.unlock();
        }
    }

    private void follow(EventLog inputs) {
        try (inputs) {
            while (running) {
                try {
                    List<SpecificRecord> events = inputs.poll(Duration.ofMillis(250));
                    if (events.isEmpty()) {
                        continue;
                    }
                    lock.lock();
                    try {
                        events.forEach(e -> observe(state, e));
                    } finally {
                        lock.unlock();
                    }
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    // the broker restarting: the consumer keeps its position, polling again loses nothing
                    LOG.warnf("labeling gateway: reading campaigns/query-batch failed, retrying: %s", e.toString());
                }
            }
        }
    }

    private void expireDueLeases() {
        try {
            List<String> ids = read(s -> s.all().stream().map(c -> c.settings().campaignId()).toList());
            for (String id : ids) {
                execute(id, campaign -> campaign.expire(clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("labeling gateway: expiring leases failed, will retry: %s", e.getMessage());
        }
    }

    /** A command's outcome: the events it recorded and the samples it finished. */
    record Committed(List<SpecificRecord> events, List<FinalLabel> finals) {
        LeaseEnded end() {
            return events.stream().filter(LeaseEnded.class::isInstance).map(LeaseEnded.class::cast).findFirst()
                    .orElse(null);
        }
    }

    /** Runs one command on a served campaign; see the class comment for the steps. */
    Committed execute(String campaignId, Function<LabelingCampaign, List<SpecificRecord>> command) {
        lock.lock();
        try {
            HumanCampaigns current = current();
            LabelingCampaign campaign = current.campaign(campaignId).orElseThrow(() -> new LabelingException(
                    Kind.NOT_FOUND, "campaignId", campaignId, current.whyNotServed(campaignId)));
            List<SpecificRecord> events = command.apply(campaign);
            if (events.isEmpty()) {
                return new Committed(List.of(), List.of());
            }
            List<FinalLabel> finals = new ArrayList<>();
            for (SpecificRecord event : events) {
                finals.addAll(current.apply(event));
            }
            try {
                writer.write(recordsOf(campaignId, events, finals));
            } catch (RuntimeException e) {
                LOG.errorf("labeling gateway: could not record %d event(s) of campaign %s (%s); rebuilding from the log",
                        events.size(), campaignId, e.toString());
                tryRebuild();
                throw new LabelingException(Kind.UNAVAILABLE, "campaignId", campaignId,
                        "could not record the request in Kafka (" + e.getMessage() + "); nothing changed, retry");
            }
            return new Committed(events, finals);
        } finally {
            lock.unlock();
        }
    }

    private List<ProducerRecord<String, byte[]>> recordsOf(String campaignId, List<SpecificRecord> events,
                                                          List<FinalLabel> finals) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (SpecificRecord event : events) {
            records.add(new ProducerRecord<>(Topics.LABELING, campaignId, EventCodec.encode(event)));
        }
        Instant now = clock.instant();
        for (FinalLabel label : finals) {
            records.add(new ProducerRecord<>(Topics.LABELS_RECEIVED, campaignId, EventCodec.encode(
                    LabelReceived.newBuilder().setCampaignId(campaignId).setRound(label.round())
                            .setSampleId(label.sampleId()).setLabel(label.label())
                            .setAnnotatorId(label.annotatorId()).setLabeledAt(now).build())));
        }
        return records;
    }

    /** Reads the state under the lock. */
    <T> T read(Function<HumanCampaigns, T> query) {
        lock.lock();
        try {
            return query.apply(current());
        } finally {
            lock.unlock();
        }
    }

    /** The state, rebuilt first when a failed write left it stale; callers hold the lock. */
    private HumanCampaigns current() {
        if (!running) {
            throw new LabelingException(Kind.UNAVAILABLE, null, null, "the labeling gateway is not running"
                    + (config.enabled() ? " yet" : " (ssal.labeling.enabled=false)"));
        }
        if (stale) {
            tryRebuild();
            if (stale) {
                throw new LabelingException(Kind.UNAVAILABLE, null, null,
                        "the labeling gateway cannot read its log from Kafka right now; retry");
            }
        }
        return state;
    }

    private void tryRebuild() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.errorf("labeling gateway: rebuilding from the log failed, will retry on the next request: %s",
                    e.toString());
        }
    }

    // ---- the commands of the REST API --------------------------------------------------------

    private static void requireScope(Principal principal, String campaignId) {
        if (!principal.mayLabel(campaignId)) {
            throw new LabelingException(Kind.FORBIDDEN, "campaignId", campaignId, "token " + principal.tokenId()
                    + " (" + principal.name() + ") may not label campaign " + campaignId);
        }
    }

    /** Leases up to {@code max} samples to the caller; an empty lease with a message when there are none. */
    public LeaseView lease(Principal principal, String campaignId, Integer max) {
        if (campaignId == null || campaignId.isBlank()) {
            throw new LabelingException(Kind.BAD_REQUEST, "campaignId", campaignId, "campaignId is required");
        }
        requireScope(principal, campaignId);
        int size = max == null ? config.defaultLeaseSize() : max;
        String leaseId = UUID.randomUUID().toString();
        lock.lock();
        try {
            HumanCampaigns current = current();
            boolean stopped = current.isStopped(campaignId);
            Committed committed = execute(campaignId, campaign -> stopped ? List.of()
                    : campaign.lease(principal.name(), size, clock.instant(), leaseId));
            if (committed.events().isEmpty()) {
                if (size < 1 || size > LabelingCampaign.MAX_LEASE) { // the command refuses only when it leases
                    throw new LabelingException(Kind.BAD_REQUEST, "max", size, "max must be in [1, "
                            + LabelingCampaign.MAX_LEASE + "], got " + size);
                }
                return new LeaseView(null, campaignId, null, List.of(), Map.of(), false, null,
                        current.whyNothingToLease(campaignId, principal.name()));
            }
            return viewOf(current, campaignId, ((LeaseGranted) committed.events().get(0)).getLeaseId());
        } finally {
            lock.unlock();
        }
    }

    /** A lease of the caller, open or ended. */
    public LeaseView leaseOf(Principal principal, String leaseId) {
        return read(current -> viewOf(current, ownedCampaign(current, principal, leaseId), leaseId));
    }

    /** The caller's open leases in a campaign (the page resumes them after a reload). */
    public List<LeaseView> openLeases(Principal principal, String campaignId) {
        requireScope(principal, campaignId);
        return read(current -> {
            LabelingCampaign campaign = served(current, campaignId);
            return campaign.leasesOf(principal.name()).stream()
                    .map(l -> viewOf(current, campaignId, l.leaseId())).toList();
        });
    }

    /** Records answers of the caller's lease (label null = undo). */
    public SubmitResult submit(Principal principal, String leaseId, List<Answer> answers) {
        lock.lock();
        try {
            HumanCampaigns current = current();
            String campaignId = ownedCampaign(current, principal, leaseId);
            Committed committed = execute(campaignId,
                    campaign -> campaign.submit(leaseId, principal.name(), answers, clock.instant()));
            LeaseView view = viewOf(current, campaignId, leaseId);
            int recorded = committed.events().stream().anyMatch(e -> !(e instanceof LeaseEnded)) ? answers.size() : 0;
            return new SubmitResult(leaseId, campaignId, recorded, view.answers(), view.ended(), view.endReason(),
                    committed.finals().stream().map(FinalLabel::sampleId).toList());
        } finally {
            lock.unlock();
        }
    }

    /** Ends the caller's lease now: its answers count, the rest go back to the queue. */
    public LeaseView release(Principal principal, String leaseId) {
        return onOwnLease(principal, leaseId, campaign -> campaign.release(leaseId, principal.name(), clock.instant()));
    }

    /** Moves the lease's expiry to now + seconds. */
    public LeaseView extend(Principal principal, String leaseId, Integer seconds) {
        if (seconds == null) {
            throw new LabelingException(Kind.BAD_REQUEST, "seconds", null, "seconds is required (1..86400)");
        }
        return onOwnLease(principal, leaseId,
                campaign -> campaign.extend(leaseId, principal.name(), Duration.ofSeconds(seconds), clock.instant()));
    }

    private LeaseView onOwnLease(Principal principal, String leaseId,
                                 Function<LabelingCampaign, List<SpecificRecord>> command) {
        lock.lock();
        try {
            HumanCampaigns current = current();
            String campaignId = ownedCampaign(current, principal, leaseId);
            execute(campaignId, command);
            return viewOf(current, campaignId, leaseId);
        } finally {
            lock.unlock();
        }
    }

    /** The human campaigns the caller may label. */
    public List<CampaignSummary> campaigns(Principal principal) {
        return read(current -> current.all().stream()
                .filter(c -> principal.mayLabel(c.settings().campaignId()))
                .map(c -> summaryOf(current, c)).toList());
    }

    /** Progress and agreement of a campaign the caller may label. */
    public LabelingProgress progress(Principal principal, String campaignId) {
        requireScope(principal, campaignId);
        return read(current -> LabelingProgress.of(served(current, campaignId)));
    }

    /** The CampaignCreated of a campaign whose sample the caller wants to see; refuses samples it did not query. */
    public CampaignCreated sampleOwner(Principal principal, String campaignId, String sampleId) {
        requireScope(principal, campaignId);
        return read(current -> {
            LabelingCampaign campaign = served(current, campaignId);
            if (!campaign.wasQueried(sampleId)) {
                throw new LabelingException(Kind.NOT_FOUND, "sampleId", sampleId, "campaign " + campaignId
                        + " has not asked for sample " + sampleId + "; only queried samples are shown");
            }
            return current.createdOf(campaignId);
        });
    }

    private static LabelingCampaign served(HumanCampaigns current, String campaignId) {
        return current.campaign(campaignId).orElseThrow(() -> new LabelingException(Kind.NOT_FOUND, "campaignId",
                campaignId, current.whyNotServed(campaignId)));
    }

    private static String ownedCampaign(HumanCampaigns current, Principal principal, String leaseId) {
        String campaignId = current.campaignOfLease(leaseId);
        if (campaignId == null) {
            throw new LabelingException(Kind.NOT_FOUND, "leaseId", leaseId, "no lease " + leaseId);
        }
        requireScope(principal, campaignId);
        String holder = served(current, campaignId).holderOf(leaseId);
        if (!principal.name().equals(holder)) {
            throw new LabelingException(Kind.FORBIDDEN, "leaseId", leaseId, "lease " + leaseId
                    + " belongs to another annotator");
        }
        return campaignId;
    }

    private static LeaseView viewOf(HumanCampaigns current, String campaignId, String leaseId) {
        LabelingCampaign campaign = served(current, campaignId);
        LabelingCampaign.Lease open = campaign.leaseOf(leaseId);
        if (open != null) {
            return new LeaseView(leaseId, campaignId, open.expiresAt(), tasksOf(campaign, campaignId, open.sampleIds()),
                    new LinkedHashMap<>(open.answers()), false, null, null);
        }
        var reason = campaign.endReasonOf(leaseId);
        return new LeaseView(leaseId, campaignId, null, List.of(), new LinkedHashMap<>(campaign.answersOfEnded(leaseId)),
                true, reason == null ? null : reason.name(), "lease " + leaseId + " ended"
                + (reason == null ? "" : " (" + reason + ")"));
    }

    private static List<Task> tasksOf(LabelingCampaign campaign, String campaignId, List<String> sampleIds) {
        List<Task> tasks = new ArrayList<>();
        for (String id : sampleIds) {
            tasks.add(new Task(id, imageUrl(campaignId, id), campaign.classNames()));
        }
        return tasks;
    }

    static String imageUrl(String campaignId, String sampleId) {
        // a sample id's slashes stay slashes: servers differ in how they route an encoded %2F
        return "/labeling/campaigns/" + pathSegment(campaignId) + "/samples/"
                + String.join("/", java.util.Arrays.stream(sampleId.split("/", -1)).map(LabelingGateway::pathSegment)
                .toList()) + "/image";
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static CampaignSummary summaryOf(HumanCampaigns current, LabelingCampaign campaign) {
        String id = campaign.settings().campaignId();
        CampaignCreated created = current.createdOf(id);
        LabelingProgress p = LabelingProgress.of(campaign);
        return new CampaignSummary(id, created.getDataset(), campaign.classNames(), p.budget(), p.redundancy(),
                created.getLeaseSeconds(), campaign.settings().aggregation().externalName(), p.queried(), p.labeled(),
                p.round(), p.roundQueried(), p.roundLabeled(), p.leasedNow(), current.isFinished(id),
                current.isStopped(id));
    }
}
