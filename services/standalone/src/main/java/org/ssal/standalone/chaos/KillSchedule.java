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
 * count lands right after a round's batch or a campaign's start.
 *
 * <p>Each target draws from its own stream, {@code seed} split by the target's position in
 * {@link ChaosTarget}: running fewer targets does not move the others' moments. The same seed
 * gives the same moments; what the services do between two events still varies from run to run
 * (thread scheduling), which is the point of running many kills.
 */
public record KillSchedule(long seed, Map<ChaosTarget, List<Kill>> kills) {
    /** The most events between two kills: a few rounds' worth of labels of the small campaigns. */
    public static final int MAX_EVENTS_BEFORE_KILL = 40;

    /** @param eventsBefore campaign events to wait for before this kill, in [1, {@link #MAX_EVENTS_BEFORE_KILL}] */
    public record Kill(ChaosTarget target, int index, int eventsBefore) {
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
                ofTarget.add(new Kill(target, i, 1 + random.nextInt(MAX_EVENTS_BEFORE_KILL)));
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
