package org.ssal.standalone.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.Answer;
import org.ssal.events.LabeledSample;

/**
 * Who labeled what: the counted labels per annotator and, where people answered through the
 * labeling gateway (redundancy), how often each one's final answer agrees with the label counted.
 *
 * @param counted    labels counted per annotator id (for aggregated labels, the aggregate's id)
 * @param answered   samples each annotator answered through the gateway (final answers)
 * @param agreeing   of those, how many agree with the counted label
 */
public record AnnotatorStats(Map<String, Integer> counted, Map<String, Integer> answered, Map<String, Integer> agreeing) {
    static AnnotatorStats of(CampaignEvents log) {
        Map<String, Integer> counted = new TreeMap<>();
        Map<String, Integer> labelOf = new HashMap<>();
        for (Logged<LabeledSample> l : log.counted) {
            counted.merge(l.event().getAnnotatorId(), 1, Integer::sum);
            labelOf.put(l.event().getSampleId(), l.event().getLabel());
        }
        // an annotator's final answer per sample: later answers replace earlier ones, null withdraws
        Map<String, Map<String, Integer>> finalAnswers = new TreeMap<>();
        for (Logged<AnswersSubmitted> submitted : log.answers) {
            Map<String, Integer> mine = finalAnswers.computeIfAbsent(submitted.event().getAnnotatorId(), a -> new HashMap<>());
            for (Answer answer : submitted.event().getAnswers()) {
                if (answer.getLabel() == null) {
                    mine.remove(answer.getSampleId());
                } else {
                    mine.put(answer.getSampleId(), answer.getLabel());
                }
            }
        }
        Map<String, Integer> answered = new TreeMap<>();
        Map<String, Integer> agreeing = new TreeMap<>();
        finalAnswers.forEach((annotator, answers) -> {
            answered.put(annotator, answers.size());
            agreeing.put(annotator, (int) answers.entrySet().stream()
                    .filter(a -> a.getValue().equals(labelOf.get(a.getKey()))).count());
        });
        return new AnnotatorStats(counted, answered, agreeing);
    }
}
