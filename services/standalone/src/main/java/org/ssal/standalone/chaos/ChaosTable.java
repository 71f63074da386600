package org.ssal.standalone.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The result of a chaos run: one row per target, and whether every check held. */
public record ChaosTable(List<Row> rows) {
    static final String HEADER = String.format(Locale.ROOT, "%-9s %6s %5s %8s %10s %7s %5s %11s %10s %7s %17s %13s",
            "target", "kills", "busy", "revived", "campaigns", "labels", "lost", "duplicated", "overspent", "audit",
            "recovery median", "recovery max");

    /**
     * One kill's recovery.
     *
     * @param busy the target had work waiting, and the recovery ended with its next event (not readiness alone)
     */
    public record Recovery(Duration time, boolean busy) {
    }

    /**
     * One target's turn.
     *
     * @param planned    kills the schedule asked for
     * @param recoveries one per kill done
     * @param revived    services restarted during the turn because their liveness said DOWN (not killed by the run)
     * @param problem    why the turn stopped early (a deadline, a process that would not start), or null
     */
    public record Row(ChaosTarget target, int planned, List<CampaignOutcome> campaigns, List<Recovery> recoveries,
                      List<String> revived, String problem) {
        public Row {
            campaigns = List.copyOf(campaigns);
            recoveries = List.copyOf(recoveries);
            revived = List.copyOf(revived);
        }

        public int kills() {
            return recoveries.size();
        }

        public long busy() {
            return recoveries.stream().filter(Recovery::busy).count();
        }

        public int labels() {
            return campaigns.stream().mapToInt(CampaignOutcome::labels).sum();
        }

        public int lost() {
            return campaigns.stream().mapToInt(CampaignOutcome::lost).sum();
        }

        public int duplicated() {
            return campaigns.stream().mapToInt(CampaignOutcome::duplicated).sum();
        }

        public int overspent() {
            return campaigns.stream().mapToInt(CampaignOutcome::overspent).sum();
        }

        public long completed() {
            return campaigns.stream().filter(CampaignOutcome::completed).count();
        }

        public long audited() {
            return campaigns.stream().filter(CampaignOutcome::auditPassed).count();
        }

        /** Every kill done, at least one campaign, and every campaign complete and clean. */
        public boolean ok() {
            return problem == null && kills() == planned && !campaigns.isEmpty()
                    && campaigns.stream().allMatch(CampaignOutcome::ok);
        }

        public Duration medianRecovery() {
            if (recoveries.isEmpty()) {
                return null;
            }
            List<Duration> sorted = recoveries.stream().map(Recovery::time).sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        }

        public Duration maxRecovery() {
            return recoveries.stream().map(Recovery::time).max(Duration::compareTo).orElse(null);
        }

        String line() {
            return String.format(Locale.ROOT, "%-9s %6s %5d %8d %10s %7d %5d %11d %10d %7s %17s %13s", target.label(),
                    kills() + "/" + planned, busy(), revived.size(), completed() + "/" + campaigns.size(), labels(), lost(), duplicated(),
                    overspent(), audited() + "/" + campaigns.size(), seconds(medianRecovery()), seconds(maxRecovery()));
        }
    }

    public ChaosTable {
        rows = List.copyOf(rows);
    }

    public boolean ok() {
        return !rows.isEmpty() && rows.stream().allMatch(Row::ok);
    }

    /** The table, then one line per problem (a campaign that failed a check, a turn that stopped). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.line()));
        for (Row r : rows) {
            if (r.problem() != null) {
                lines.add(r.target().label() + ": " + r.problem());
            }
            if (!r.revived().isEmpty()) {
                lines.add(r.target().label() + ": liveness DOWN, restarted: " + String.join(", ", r.revived()));
            }
            if (r.kills() < r.planned() && r.problem() == null) {
                lines.add(r.target().label() + ": only " + r.kills() + " of " + r.planned() + " kills done");
            }
            r.campaigns().stream().filter(c -> !c.ok())
                    .forEach(c -> lines.add(r.target().label() + ": campaign " + c.campaignId() + ": " + c.problem()));
        }
        lines.add(ok() ? "chaos: every check held" : "chaos: FAILED");
        return lines;
    }

    static String seconds(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
