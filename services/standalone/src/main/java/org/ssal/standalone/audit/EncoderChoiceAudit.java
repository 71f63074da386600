package org.ssal.standalone.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderCandidate;
import org.ssal.events.EncoderChosen;
import org.ssal.events.LabeledSample;
import org.ssal.learning.embed.EncoderChoice;
import org.ssal.learning.embed.Embeddings;
import org.ssal.schemas.Catalogue;
import org.ssal.standalone.audit.Finding.Check;

/**
 * Re-derives the feature choices of an {@code auto}-encoder campaign: each round's EncoderChosen
 * is recomputed with the trainer's own {@link EncoderChoice} from the candidates' pool embeddings
 * (read by sha256) and the labels the ledger counted through that round, and the round's
 * EmbeddingsReady must name the chosen candidate's embeddings. The test embeddings are never read:
 * the choice does not see them, and neither does its audit.
 */
final class EncoderChoiceAudit {
    private final CampaignCreated campaign;
    private final CampaignEvents log;
    private final BiFunction<String, String, Embeddings> pools;
    private final List<Finding> findings;
    private final List<String> notes;

    /** @param pools pool embeddings by uri and sha256 (sha-checked), or null when there are no artifacts */
    EncoderChoiceAudit(CampaignCreated campaign, CampaignEvents log, BiFunction<String, String, Embeddings> pools,
                       List<Finding> findings, List<String> notes) {
        this.campaign = campaign;
        this.log = log;
        this.pools = pools;
        this.findings = findings;
        this.notes = notes;
    }

    void run(List<Logged<LabeledSample>> labels) {
        TreeMap<Integer, List<Logged<EncoderChosen>>> choices = new TreeMap<>();
        log.encoderChoices.forEach(c -> choices.computeIfAbsent(c.event().getRound(), r -> new ArrayList<>()).add(c));
        TreeMap<Integer, Logged<EmbeddingsReady>> announced = new TreeMap<>();
        log.embeddings.forEach(e -> announced.putIfAbsent(e.event().getRound(), e));
        for (Map.Entry<Integer, Logged<EmbeddingsReady>> e : announced.entrySet()) {
            if (!choices.containsKey(e.getKey())) {
                findings.add(Finding.at(Check.ENCODER, e.getKey(), e.getValue(), "EmbeddingsReady of round " + e.getKey()
                        + " of an auto-encoder campaign, and no EncoderChosen of that round says why those features"));
            }
        }
        List<String> specs = Catalogue.autoCandidates(campaign.getEncoderSpec());
        List<Embeddings> candidatePools = null;
        String previous = "";
        int checked = 0;
        for (Map.Entry<Integer, List<Logged<EncoderChosen>>> entry : choices.entrySet()) {
            int round = entry.getKey();
            Logged<EncoderChosen> logged = entry.getValue().get(0);
            EncoderChosen recorded = logged.event();
            for (Logged<EncoderChosen> again : entry.getValue().subList(1, entry.getValue().size())) {
                findings.add(Finding.at(Check.ROUNDS, round, again, "the features of round " + round
                        + " were chosen again, first at " + logged.origin()));
            }
            List<String> named = recorded.getCandidates().stream().map(EncoderCandidate::getEncoderSpec).toList();
            if (!named.equals(specs)) {
                findings.add(Finding.at(Check.ENCODER, round, logged, "EncoderChosen of round " + round + " weighs "
                        + named + ", the campaign's encoder " + campaign.getEncoderSpec() + " names " + specs));
                return;
            }
            if (!recorded.getPrevious().equals(previous)) {
                findings.add(Finding.at(Check.ENCODER, round, logged, "EncoderChosen of round " + round
                        + " says the features before were " + quoted(recorded.getPrevious()) + ", the log gives "
                        + quoted(previous)));
            }
            EncoderChoice.Choice expected;
            if (round < 0) {
                expected = EncoderChoice.initial(specs); // the pool announcement, before any label
            } else if (pools == null) {
                continue; // the rederivation already says that nothing can be re-derived without artifacts
            } else {
                try {
                    if (candidatePools == null) {
                        candidatePools = new ArrayList<>();
                        for (EncoderCandidate c : recorded.getCandidates()) {
                            candidatePools.add(pools.apply(c.getPoolUri(), c.getPoolSha256()));
                        }
                    }
                    List<EncoderChoice.Candidate> candidates = new ArrayList<>();
                    for (int i = 0; i < specs.size(); i++) {
                        candidates.add(new EncoderChoice.Candidate(specs.get(i), candidatePools.get(i)));
                    }
                    int numClasses = log.embeddings.isEmpty() ? 0 : log.embeddings.get(0).event().getClassNames().size();
                    expected = EncoderChoice.forRound(candidates, Rederivation.labelsThrough(labels, round),
                            numClasses, campaign.getHead(), Math.max(0, specs.indexOf(previous)), campaign.getSeed(),
                            round);
                } catch (RuntimeException e) {
                    findings.add(Finding.at(Check.ENCODER, round, logged, "EncoderChosen of round " + round
                            + " cannot be re-derived from the log: " + e.getMessage()));
                    return;
                }
            }
            String difference = difference(recorded, expected, specs);
            if (difference != null) {
                findings.add(Finding.at(Check.ENCODER, round, logged, "EncoderChosen of round " + round
                        + " is not what the cross-validation on the counted labels gives: " + difference));
            }
            checkAnnounced(round, recorded, announced.get(round));
            previous = recorded.getChosen();
            checked++;
        }
        notes.add("auto encoder: " + checked + " of " + choices.size() + " feature choices recomputed; chosen per round: "
                + choices.values().stream().map(l -> l.get(0).event().getChosen()).toList());
    }

    private void checkAnnounced(int round, EncoderChosen choice, Logged<EmbeddingsReady> ready) {
        EncoderCandidate chosen = choice.getCandidates().stream()
                .filter(c -> c.getEncoderSpec().equals(choice.getChosen())).findFirst().orElse(null);
        if (chosen == null) {
            findings.add(Finding.at(Check.ENCODER, round, null, "EncoderChosen of round " + round + " chose "
                    + choice.getChosen() + ", which is none of its candidates"));
        } else if (ready != null && !ready.event().getPoolSha256().equals(chosen.getPoolSha256())) {
            findings.add(Finding.at(Check.ENCODER, round, ready, "EmbeddingsReady of round " + round + " names pool "
                    + ready.event().getPoolSha256() + ", not that of the chosen " + choice.getChosen() + " ("
                    + chosen.getPoolSha256() + ")"));
        }
    }

    private static String difference(EncoderChosen recorded, EncoderChoice.Choice expected, List<String> specs) {
        if (!recorded.getChosen().equals(specs.get(expected.chosen()))) {
            return "chose " + recorded.getChosen() + ", re-derived " + specs.get(expected.chosen());
        }
        if (!recorded.getRule().equals(expected.rule())) {
            return "rule " + recorded.getRule() + ", re-derived " + expected.rule();
        }
        if (recorded.getFolds() != expected.folds()) {
            return recorded.getFolds() + " folds, re-derived " + expected.folds();
        }
        for (int i = 0; i < specs.size(); i++) {
            int correct = recorded.getCandidates().get(i).getCorrect();
            if (correct != expected.scores().get(i).correct()) {
                return specs.get(i) + " predicted " + correct + " held-out labels right, re-derived "
                        + expected.scores().get(i).correct();
            }
        }
        return null;
    }

    private static String quoted(String spec) {
        return spec.isEmpty() ? "none" : spec;
    }
}
