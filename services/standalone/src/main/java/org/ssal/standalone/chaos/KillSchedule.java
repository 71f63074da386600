package org.ssal.standalone.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When each kill of a chaos run happens, decided up front from the seed: kill {@code i} of a
 * target comes after {@code eventsBefore} more events of the running campaigns (counted from the
 * moment the previous kill's target had recovered, or from the start of the target's turn). Labels
 * are most of those events, so most kills land inside a round, between two of its labels; a small
 * count lands right after a round's batch. The trainer is the exception: it works only when a
 * campaign starts (pretraining, then the one embedding of a frozen encoder, ~150 ms for the chaos
 * campaigns), so each of its kills starts new campaigns and comes {@code msAfterStart} (0 to
 * {@link #MAX_MS_AFTER_START}) after them: a seeded delay that decides the moment, not a wait for
 * anything.
 *
 * <p>Each target draws from its own stream, {@code seed} split by the target's position in
 * {@link ChaosTarget}: running fewer targets does not move the others' moments. The same seed
 * gives the same moments; what the services do between two events still varies from run to run
 * (thread scheduling), which is the point of running many kills.
 */
public record KillSchedule(long seed, Map<ChaosTarget, List<Kill>> kills) {
    /** The most events between two kills: a few rounds' worth of labels of the small campaigns. */
    public static final int MAX_EVENTS_BEFORE_KILL = 40;

    /** The most milliseconds between creating the trainer's campaigns and killing it. */
    public static final int MAX_MS_AFTER_START = 500;

    /**
     * @param eventsBefore campaign events to wait for before this kill, in [1, {@link #MAX_EVENTS_BEFORE_KILL}];
     *                     0 for a kill that follows new campaigns
     * @param msAfterStart for the trainer: new campaigns, then this many ms, in [0, {@link #MAX_MS_AFTER_START});
     *                     -1 for the others
     */
    public record Kill(ChaosTarget target, int index, int eventsBefore, int msAfterStart) {
        public boolean followsNewCampaigns() {
            return msAfterStart >= 0;
        }

        /** When it came, as the progress lines say it. */
        public String moment() {
            return followsNewCampaigns() ? msAfterStart + " ms after new campaigns" : "after " + eventsBefore + " events";
        }
    }

    public KillSchedule {
        kills = Map.copyOf(kills);
    }

    /**
     * @throws IllegalArgumentException naming {@code --kills} when it is below 1
     */
    public static KillSchedule of(long seed, List<ChaosTarget> targets, int killsPerTarget) {
        if (killsPerTarget < 1) {
            throw new IllegalArgumentException("--kills must be >= 1, got " + killsPerTarget);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--targets must name at least one target");
        }
        Map<ChaosTarget, List<Kill>> kills = new LinkedHashMap<>();
        for (ChaosTarget target : targets) {
            SplittableRandom random = streamOf(seed, target);
            List<Kill> ofTarget = new ArrayList<>();
            for (int i = 0; i < killsPerTarget; i++) {
                ofTarget.add(target == ChaosTarget.TRAINER ? new Kill(target, i, 0, random.nextInt(MAX_MS_AFTER_START))
                        : new Kill(target, i, 1 + random.nextInt(MAX_EVENTS_BEFORE_KILL), -1));
            }
            kills.put(target, List.copyOf(ofTarget));
        }
        return new KillSchedule(seed, kills);
    }

    public List<Kill> of(ChaosTarget target) {
        return kills.getOrDefault(target, List.of());
    }

    private static SplittableRandom streamOf(long seed, ChaosTarget target) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < target.ordinal(); i++) {
            stream = root.split();
        }
        return stream;
    }
}
