package org.ssal.labeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ssal.learning.annotation.Annotation;
import org.ssal.learning.annotation.DawidSkene;
import org.ssal.learning.annotation.Kappa;

/**
 * Where a human-labeled campaign stands, and how reliable its annotators look.
 *
 * @param campaignId   the campaign
 * @param budget       labels the campaign buys
 * @param redundancy   annotations per sample
 * @param queried      samples asked so far
 * @param labeled      samples with their final label
 * @param round        the latest round asked (-1 before the first batch)
 * @param roundQueried samples of that round
 * @param roundLabeled of them, labeled
 * @param leasedNow    samples in open leases
 * @param annotations  annotations bought (Σ over samples of their annotation count)
 * @param fleissKappa  agreement over the finished samples (NaN with redundancy 1 or none finished)
 * @param annotators   per-annotator figures, by annotator id
 */
public record LabelingProgress(String campaignId, int budget, int redundancy, int queried, int labeled, int round,
                               int roundQueried, int roundLabeled, int leasedNow, int annotations,
                               double fleissKappa, Map<String, AnnotatorProgress> annotators) {

    /**
     * @param leasedNow samples this annotator holds now
     * @param submitted annotations of theirs that count
     * @param agreement share of their annotations on finished samples that equal the final label (NaN if none)
     * @param estimatedAccuracy Dawid-Skene's estimate of their accuracy (NaN with redundancy 1)
     */
    public record AnnotatorProgress(int leasedNow, int submitted, double agreement, double estimatedAccuracy) {
    }

    public static LabelingProgress of(LabelingCampaign campaign) {
        Map<String, Integer> queried = campaign.queried();
        int round = queried.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        int roundQueried = 0;
        int roundLabeled = 0;
        for (Map.Entry<String, Integer> e : queried.entrySet()) {
            if (e.getValue() == round) {
                roundQueried++;
                roundLabeled += campaign.finals().containsKey(e.getKey()) ? 1 : 0;
            }
        }
        Map<String, int[]> counts = new TreeMap<>(); // annotator → {leased, submitted, onFinished, agreeing}
        List<Annotation> all = new ArrayList<>();
        int annotations = 0;
        for (Map.Entry<String, Map<String, Integer>> sample : campaign.annotations().entrySet()) {
            Integer last = campaign.finals().get(sample.getKey());
            for (Map.Entry<String, Integer> a : sample.getValue().entrySet()) {
                annotations++;
                all.add(new Annotation(sample.getKey(), a.getKey(), a.getValue()));
                int[] c = counts.computeIfAbsent(a.getKey(), k -> new int[4]);
                c[1]++;
                if (last != null) {
                    c[2]++;
                    c[3] += last.equals(a.getValue()) ? 1 : 0;
                }
            }
        }
        for (String annotator : annotatorsWithLeases(campaign)) {
            int[] c = counts.computeIfAbsent(annotator, k -> new int[4]);
            c[0] = campaign.leasesOf(annotator).stream().mapToInt(l -> l.sampleIds().size()).sum();
        }
        int redundancy = campaign.settings().redundancy();
        DawidSkene.Result reliability = redundancy > 1 && !all.isEmpty() && campaign.numClasses() >= 2
                ? DawidSkene.fit(all, campaign.numClasses(), Aggregation.MAX_ITERATIONS, 1e-9) : null;
        Map<String, AnnotatorProgress> annotators = new TreeMap<>();
        counts.forEach((id, c) -> annotators.put(id, new AnnotatorProgress(c[0], c[1],
                c[2] == 0 ? Double.NaN : (double) c[3] / c[2],
                reliability == null || !reliability.confusions().containsKey(id) ? Double.NaN : reliability.accuracyOf(id))));
        return new LabelingProgress(campaign.settings().campaignId(), campaign.settings().budget(), redundancy,
                queried.size(), campaign.finals().size(), round, roundQueried, roundLabeled, campaign.leasedNow(),
                annotations, fleiss(campaign), annotators);
    }

    private static List<String> annotatorsWithLeases(LabelingCampaign campaign) {
        return campaign.openAnnotators();
    }

    private static double fleiss(LabelingCampaign campaign) {
        int n = campaign.settings().redundancy();
        if (n < 2 || campaign.finals().isEmpty() || campaign.numClasses() < 1) {
            return Double.NaN;
        }
        List<int[]> rows = new ArrayList<>();
        for (String sample : campaign.finals().keySet()) {
            Map<String, Integer> answers = campaign.annotations().get(sample);
            if (answers == null || answers.size() != n) {
                continue;
            }
            int[] row = new int[campaign.numClasses()];
            answers.values().forEach(label -> row[label]++);
            rows.add(row);
        }
        return rows.isEmpty() ? Double.NaN : Kappa.fleiss(rows.toArray(int[][]::new));
    }
}
