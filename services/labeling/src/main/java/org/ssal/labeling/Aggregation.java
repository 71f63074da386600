package org.ssal.labeling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ssal.learning.annotation.Annotation;
import org.ssal.learning.annotation.DawidSkene;
import org.ssal.learning.annotation.MajorityVote;

/**
 * How the N annotations of a sample become the one label the budget tracker counts.
 * {@link #MAJORITY}: the most frequent answer, ties to the smallest class index.
 * {@link #DAWID_SKENE}: Dawid &amp; Skene's EM over every annotation of the campaign so far, so a
 * reliable annotator outweighs several careless ones; a label once emitted is never revised (the
 * ledger is append-only), later EM runs only decide later samples.
 */
public enum Aggregation {
    MAJORITY, DAWID_SKENE;

    /** EM iterations at most; the campaigns' annotation sets are small, EM converges in tens. */
    static final int MAX_ITERATIONS = 200;

    public static Aggregation parse(String name) {
        for (Aggregation a : values()) {
            if (a.name().replace('_', '-').equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("aggregation must be majority or dawid-skene, got " + name);
    }

    /**
     * @param sampleId   the sample that has all its annotations
     * @param campaign   every committed annotation of the campaign: sample → annotator → label
     * @param numClasses classes of the campaign
     */
    int labelOf(String sampleId, Map<String, ? extends Map<String, Integer>> campaign, int numClasses) {
        if (this == MAJORITY) {
            return MajorityVote.of(annotationsOf(sampleId, campaign.get(sampleId)), numClasses);
        }
        List<Annotation> all = new ArrayList<>();
        campaign.forEach((sample, answers) -> all.addAll(annotationsOf(sample, answers)));
        return DawidSkene.fit(all, Math.max(2, numClasses), MAX_ITERATIONS, 1e-9).labels().get(sampleId);
    }

    private static Collection<Annotation> annotationsOf(String sampleId, Map<String, Integer> answers) {
        List<Annotation> out = new ArrayList<>();
        answers.forEach((annotator, label) -> out.add(new Annotation(sampleId, annotator, label)));
        return out;
    }

    public String externalName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
