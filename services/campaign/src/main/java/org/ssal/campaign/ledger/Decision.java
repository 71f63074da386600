package org.ssal.campaign.ledger;

import java.util.List;
import java.util.Objects;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;

/**
 * What {@link BudgetLedger} makes of one event: exactly one of accepted, ignored or rejected. A
 * decision lists everything the caller must write, so the rules stay free of stores and topics.
 */
public sealed interface Decision {

    /**
     * The event counts.
     *
     * @param state      the campaign's new ledger, to store in place of the old one
     * @param publish    whether {@code state} is also published on budget-state (false when publishing
     *                   would make the readers of budget-state act twice, see {@link BudgetLedger})
     * @param newlyQueried sample ids an accepted query batch asks for, to remember with {@code state.round}
     * @param newLabel   the label an accepted LabelReceived adds (stored and published on labels), or null
     * @param newDefinition the definition an accepted CampaignCreated opens, to keep for comparing
     *                   later ones ({@link SampleLookup#definition}), or null
     */
    record Accepted(BudgetState state, boolean publish, List<String> newlyQueried, LabeledSample newLabel,
                    CampaignCreated newDefinition) implements Decision {
        public Accepted {
            Objects.requireNonNull(state, "state");
            newlyQueried = List.copyOf(newlyQueried);
        }

        /** A new state and nothing per sample. */
        public Accepted(BudgetState state, boolean publish) {
            this(state, publish, List.of(), null, null);
        }

        public Accepted(BudgetState state, boolean publish, List<String> newlyQueried, LabeledSample newLabel) {
            this(state, publish, newlyQueried, newLabel, null);
        }
    }

    /**
     * A redelivery of something already applied: nothing is written and nothing is reported, because
     * at-least-once producers and oracles re-send as a matter of course.
     *
     * @param why which earlier event this repeats, for logs and tests
     */
    record Ignored(String why) implements Decision {
        public Ignored {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The event breaks a rule: the ledger stays as it is and the event goes to dead-letter.
     *
     * @param rule   which rule, as a short fixed code ({@code not-queried}, {@code budget-exceeded}, ...):
     *               the metrics' tag, so a rejection is counted without a series per campaign or sample
     * @param reason the dead-letter reason, for a human: names the campaign, the rule and the values
     */
    record Rejected(String rule, String reason) implements Decision {
        public Rejected {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
