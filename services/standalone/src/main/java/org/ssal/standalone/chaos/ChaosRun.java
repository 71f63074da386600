package org.ssal.standalone.chaos;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ssal.service.ArtifactStore;
import org.ssal.service.TopicAdmin;
import org.ssal.service.TopicSettings;
import org.ssal.standalone.chaos.KillSchedule.Kill;

/**
 * A chaos run: brokers and the four services as processes, then one turn per target. A turn
 * starts {@code campaigns} campaigns (and more whenever all of them have completed while kills
 * remain), does the target's kills at the scheduled moments, waits for its campaigns to complete
 * and judges each on its log ({@link CampaignCheck}). A kill is a SIGKILL followed at once by a
 * restart of the same instance (same instance id, same Streams state, same broker log and ports).
 *
 * <p>Recovery time of a kill: from the SIGKILL until the restarted process is ready (health UP;
 * for a broker: back in the cluster) and the target has written again — the first event of its
 * kind read after the kill (the budget tracker: a ledger state or counted label; the trainer:
 * pretraining or embeddings; the scorer: a batch or an evaluation; the oracle: a label; a broker:
 * any event of the run's campaigns). When the target has nothing to do at that moment (the
 * trainer once every running campaign has its embeddings, anyone when no campaign is running),
 * readiness alone ends it.
 */
final class ChaosRun implements AutoCloseable {
    /** The topics' partitions: two, so that campaigns spread over both of each service's partitions. */
    static final int PARTITIONS = 2;
    private static final Duration STARTUP = Duration.ofMinutes(4);
    /** Running campaigns without a single new event for this long are stuck: the turn fails instead of waiting on. */
    private static final Duration STALL = Duration.ofMinutes(3);
    /** How often the run looks at the services' liveness, as an orchestrator's probe would. */
    private static final Duration LIVENESS_PERIOD = Duration.ofSeconds(2);

    /**
     * @param campaigns campaigns a turn runs at a time
     * @param brokers   Kafka nodes: 1, or 3 for replication 3 with min.insync.replicas 2
     */
    record Options(Path apps, Path work, long seed, List<ChaosTarget> targets, int killsPerTarget, int campaigns,
                   int brokers, Duration timeout) {
        Options {
            targets = List.copyOf(targets);
            if (campaigns < 1) {
                throw new IllegalArgumentException("--campaigns must be >= 1, got " + campaigns);
            }
            if (brokers != 1 && brokers != 3) {
                throw new IllegalArgumentException("--brokers must be 1 or 3, got " + brokers);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--timeout-min must be > 0, got " + timeout.toMinutes());
            }
        }

        int replicationFactor() {
            return Math.min(3, brokers);
        }

        int minInsync() {
            return Math.min(2, brokers);
        }
    }

    private final Options options;
    private final PrintWriter out;
    private final long started = System.nanoTime();
    private final long deadline;
    private final BrokerProcess.Cluster cluster;
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private final Map<ChaosTarget, ServiceProcess> services = new EnumMap<>(ChaosTarget.class);
    private CampaignWatch watch;
    private int created;
    private long nextLivenessCheck;
    /** Services restarted because their liveness said DOWN, in the current turn. */
    private final List<String> revived = new ArrayList<>();

    ChaosRun(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
        this.deadline = started + options.timeout().toNanos();
        this.cluster = BrokerProcess.Cluster.ofFreePorts(options.brokers());
    }

    ChaosTable run() {
        KillSchedule schedule = KillSchedule.of(options.seed(), options.targets(), options.killsPerTarget());
        startEverything();
        List<ChaosTable.Row> rows = new ArrayList<>();
        for (ChaosTarget target : options.targets()) {
            rows.add(turn(target, schedule.of(target)));
        }
        return new ChaosTable(rows);
    }

    private void startEverything() {
        for (int node = 1; node <= cluster.size(); node++) {
            BrokerProcess broker = new BrokerProcess(cluster, node, options.work(), options.apps());
            broker.start();
            brokers.add(broker);
        }
        for (BrokerProcess broker : brokers) {
            Chaos.await(broker + " ready", startupDeadline(), broker::ready);
        }
        TopicAdmin.ensureTopics(cluster.bootstrap(), new TopicSettings(PARTITIONS, options.replicationFactor(),
                options.minInsync(), TopicSettings.FOREVER), Map.of());
        ServiceProcess.Settings settings = new ServiceProcess.Settings(options.apps(), options.work(),
                cluster.bootstrap(), options.replicationFactor(), options.minInsync(), ChaosCampaigns.ORACLE_DELAY_MS);
        for (ChaosTarget service : ChaosTarget.services()) {
            ServiceProcess process = new ServiceProcess(service, settings);
            process.start();
            services.put(service, process);
        }
        for (ServiceProcess process : services.values()) {
            Chaos.await(process + " ready", startupDeadline(), process::ready);
        }
        watch = new CampaignWatch(cluster.bootstrap());
        progress("%d broker(s) at %s and 4 services up in %.1f s (work %s)", cluster.size(), cluster.bootstrap(),
                seconds(System.nanoTime() - started), options.work());
    }

    private ChaosTable.Row turn(ChaosTarget target, List<Kill> kills) {
        List<String> campaigns = new ArrayList<>();
        List<ChaosTable.Recovery> recoveries = new ArrayList<>();
        revived.clear();
        String problem = null;
        progress("%s: %d kills", target.label(), kills.size());
        try {
            if (!kills.get(0).followsNewCampaigns()) {
                startCampaigns(target, campaigns);
            }
            for (Kill kill : kills) {
                if (kill.followsNewCampaigns()) {
                    startCampaigns(target, campaigns);
                    pause(kill.msAfterStart());
                } else {
                    awaitEvents(kill.eventsBefore(), target, campaigns);
                }
                recoveries.add(killAndRecover(kill, campaigns, kills.size()));
            }
            awaitCompleted(target, campaigns);
        } catch (IllegalStateException e) { // a deadline passed (ChaosTimeoutException), a process would not start
            problem = e.getMessage();
            progress("%s: stopped: %s", target.label(), problem);
            restartDead();
        }
        ArtifactStore artifacts = new ArtifactStore(options.work().resolve("artifacts"));
        List<CampaignOutcome> outcomes = new ArrayList<>();
        for (String id : campaigns) {
            CampaignOutcome outcome = CampaignCheck.check(cluster.bootstrap(), artifacts, id);
            outcomes.add(outcome);
            progress("%s: campaign %s %s", target.label(), id, outcome.ok() ? "ok: " + outcome.labels()
                    + " labels, audit passed" : "FAILED: " + outcome.problem());
        }
        return new ChaosTable.Row(target, kills.size(), outcomes, recoveries, List.copyOf(revived), problem);
    }

    /** Waits for {@code count} more events of the turn's campaigns; starts new ones when all have completed. */
    private void awaitEvents(int count, ChaosTarget target, List<String> campaigns) {
        long mark = watch.events();
        Chaos.await(count + " events of " + campaigns, deadline, () -> {
            tick();
            requireProgress(campaigns);
            if (campaigns.stream().allMatch(watch::completed)) {
                startCampaigns(target, campaigns);
            }
            return watch.events() - mark >= count;
        });
    }

    /** The seeded delay of a kill: it decides the moment, it waits for nothing. */
    private static void pause(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before a kill", e);
        }
    }

    private ChaosTable.Recovery killAndRecover(Kill kill, List<String> campaigns, int of) {
        long killedAt = System.nanoTime();
        String victim;
        BooleanSupplier ready;
        if (kill.target() == ChaosTarget.BROKER) {
            // with a cluster the kills go round its nodes: each node is killed, none twice in a row
            BrokerProcess broker = brokers.get(kill.index() % brokers.size());
            broker.kill();
            broker.start();
            victim = broker.toString();
            ready = broker::ready;
        } else {
            ServiceProcess service = services.get(kill.target());
            service.kill();
            service.start();
            victim = service.toString();
            ready = service::ready;
        }
        long[] readyAt = {0};
        long[] wroteAt = {0};
        long limit = Math.min(deadline, killedAt + STARTUP.toNanos());
        Chaos.await("recovery of " + victim, limit, () -> {
            tick();
            if (wroteAt[0] == 0 && watch.lastWriteOf(kill.target()) > killedAt) {
                wroteAt[0] = watch.lastWriteOf(kill.target());
            }
            if (readyAt[0] == 0 && ready.getAsBoolean()) {
                readyAt[0] = System.nanoTime();
            }
            return readyAt[0] != 0 && (wroteAt[0] != 0 || !due(kill.target(), campaigns));
        });
        long recoveredAt = Math.max(readyAt[0], wroteAt[0]);
        progress("%s kill %d/%d %s: %s killed, ready after %.1f s, recovered after %.1f s (%s)",
                kill.target().label(), kill.index() + 1, of, kill.moment(), victim,
                seconds(readyAt[0] - killedAt), seconds(recoveredAt - killedAt),
                wroteAt[0] != 0 ? "its next event" : "nothing due: ready");
        return new ChaosTable.Recovery(Duration.ofNanos(recoveredAt - killedAt), wroteAt[0] != 0);
    }

    /**
     * Reads the campaigns' new events and, every {@link #LIVENESS_PERIOD}, does what an
     * orchestrator's liveness probe does: a service whose liveness says DOWN (its event processor
     * stopped for good) is killed and started again. Such restarts are no kill of the schedule;
     * the table counts them (revived).
     */
    private void tick() {
        watch.poll();
        if (System.nanoTime() < nextLivenessCheck) {
            return;
        }
        nextLivenessCheck = System.nanoTime() + LIVENESS_PERIOD.toNanos();
        for (ServiceProcess service : services.values()) {
            if (service.stoppedWorking()) {
                progress("%s: liveness DOWN (its processor stopped; log %s): restarted, as an orchestrator would",
                        service, service.log().getFileName());
                revived.add(service.target().label());
                service.kill();
                service.start();
            }
        }
    }

    /** @throws Chaos.ChaosTimeoutException when campaigns run but none has had an event for {@link #STALL} */
    private void requireProgress(List<String> campaigns) {
        List<String> running = campaigns.stream().filter(id -> !watch.completed(id)).toList();
        if (!running.isEmpty() && System.nanoTime() - watch.lastEventAt() > STALL.toNanos()) {
            throw new Chaos.ChaosTimeoutException("campaigns " + running + " made no progress for " + STALL.toMinutes()
                    + " min; the services' logs are in " + options.work());
        }
    }

    /** Whether {@code target} has work now: a running campaign waits for it (the trainer: for embeddings). */
    private boolean due(ChaosTarget target, List<String> campaigns) {
        List<String> running = campaigns.stream().filter(id -> !watch.completed(id)).toList();
        if (target == ChaosTarget.TRAINER) {
            return running.stream().anyMatch(id -> !watch.embedded(id));
        }
        return !running.isEmpty();
    }

    private void awaitCompleted(ChaosTarget target, List<String> campaigns) {
        Chaos.await("completion of " + campaigns, deadline, () -> {
            tick();
            requireProgress(campaigns);
            return campaigns.stream().allMatch(watch::completed);
        });
        progress("%s: %d campaigns completed; checking their logs", target.label(), campaigns.size());
    }

    private void startCampaigns(ChaosTarget target, List<String> campaigns) {
        ServiceProcess api = services.get(ChaosTarget.CAMPAIGN);
        for (int i = 0; i < options.campaigns(); i++) {
            created++;
            String id = String.format(Locale.ROOT, "chaos-%d-%s-%d", options.seed(), target.label(), created);
            long seed = options.seed() * 1_000 + created;
            Chaos.await("POST /campaigns " + id, deadline, () -> ChaosCampaigns.create(api.httpPort(), id, seed));
            watch.track(id);
            campaigns.add(id);
        }
        progress("%s: campaigns %s started", target.label(), campaigns.subList(campaigns.size() - options.campaigns(),
                campaigns.size()));
    }

    /** After a turn stopped early: whatever it left dead is started again, so the next turn has a system. */
    private void restartDead() {
        for (BrokerProcess b : brokers) {
            if (!b.alive()) {
                b.start();
            }
        }
        for (ServiceProcess s : services.values()) {
            if (!s.alive()) {
                s.start();
            }
        }
    }

    private long startupDeadline() {
        return Math.min(deadline, System.nanoTime() + STARTUP.toNanos());
    }

    private void progress(String format, Object... args) {
        long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
        String clock = String.format(Locale.ROOT, "[%d:%02d] ", elapsed / 60, elapsed % 60); // since the run began
        out.printf(Locale.ROOT, "chaos: " + clock + format + "%n", args);
        out.flush();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * Stops every process of the run (SIGKILL: the run is over, their logs stay in the work
     * folder); also called by the command's shutdown hook, so processes go first.
     */
    @Override
    public synchronized void close() {
        services.values().forEach(ServiceProcess::kill);
        brokers.forEach(BrokerProcess::kill);
        if (watch != null) {
            try {
                watch.close();
            } catch (RuntimeException e) {
                // from the shutdown hook while the run's thread is polling it: the JVM is ending anyway
            }
            watch = null;
        }
    }
}
