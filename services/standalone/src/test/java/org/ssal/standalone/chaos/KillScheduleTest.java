package org.ssal.standalone.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KillScheduleTest {
    private static final List<ChaosTarget> ALL = List.of(ChaosTarget.values());

    @Test
    void shouldGiveTheSameMomentsForTheSameSeed() {
        assertEquals(KillSchedule.of(42, ALL, 20), KillSchedule.of(42, ALL, 20));
    }

    @Test
    void shouldGiveOtherMomentsForAnotherSeed() {
        assertNotEquals(KillSchedule.of(42, ALL, 20).of(ChaosTarget.SCORER),
                KillSchedule.of(43, ALL, 20).of(ChaosTarget.SCORER));
    }

    @Test
    void shouldKeepATargetsMomentsWhenOtherTargetsAreLeftOut() {
        assertEquals(KillSchedule.of(7, ALL, 5).of(ChaosTarget.BROKER),
                KillSchedule.of(7, List.of(ChaosTarget.BROKER), 5).of(ChaosTarget.BROKER));
    }

    @Test
    void shouldScheduleKillsPerTargetWithinTheEventRange() {
        KillSchedule schedule = KillSchedule.of(1, ALL, 20);
        for (ChaosTarget target : ALL) {
            List<KillSchedule.Kill> kills = schedule.of(target);
            assertEquals(20, kills.size(), target.label());
            for (int i = 0; i < kills.size(); i++) {
                KillSchedule.Kill kill = kills.get(i);
                assertEquals(target, kill.target());
                assertEquals(i, kill.index());
                if (target == ChaosTarget.TRAINER) { // it works when campaigns start: its kills follow new ones
                    assertTrue(kill.followsNewCampaigns());
                    assertTrue(kill.msAfterStart() < KillSchedule.MAX_MS_AFTER_START, "ms after start " + kill);
                    assertEquals(0, kill.eventsBefore());
                } else {
                    assertEquals(-1, kill.msAfterStart());
                    assertTrue(kill.eventsBefore() >= 1 && kill.eventsBefore() <= KillSchedule.MAX_EVENTS_BEFORE_KILL,
                            "events before kill " + i + ": " + kill.eventsBefore());
                }
            }
        }
        // targets do not share one stream: two of them drawing the same 20 moments would be a bug
        assertNotEquals(schedule.of(ChaosTarget.CAMPAIGN).stream().map(KillSchedule.Kill::eventsBefore).toList(),
                schedule.of(ChaosTarget.ORACLE).stream().map(KillSchedule.Kill::eventsBefore).toList());
    }

    @Test
    void shouldRefuseNoKillsNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KillSchedule.of(1, ALL, 0));
        assertEquals("--kills must be >= 1, got 0", e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownTargetNamingTheOptionAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChaosTarget.parse("zookeeper"));
        assertTrue(e.getMessage().startsWith("--targets: unknown target 'zookeeper'"), e.getMessage());
        assertEquals(ChaosTarget.SCORER, ChaosTarget.parse(" Scorer"));
    }
}
