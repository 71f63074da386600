package org.ssal.service;

import java.time.Instant;
import org.ssal.events.CampaignFailed;

/**
 * A campaign cannot go on until someone fixes the cause: its record is dead-lettered like any
 * refused event and, in the same transaction, a {@link CampaignFailed} naming the field and value
 * goes to the campaign's topic, so the ledger marks it FAILED and {@code GET /campaigns/{id}}
 * says why. After the fix, {@code POST /campaigns/{id}/resume} lets it go on.
 */
public class CampaignFailedException extends RejectedEventException {
    private final String campaignId;
    private final String field;
    private final String value;
    private final int round;

    /**
     * @param field the campaign field at fault ({@code encoder}, {@code dataset}, {@code budget}, ...)
     * @param value its value, as text
     * @param round the round the service was working on, -1 before the first
     */
    public CampaignFailedException(String campaignId, String field, Object value, int round, String reason) {
        super("campaign " + campaignId + " FAILED: " + reason);
        this.campaignId = campaignId;
        this.field = field;
        this.value = String.valueOf(value);
        this.round = round;
    }

    public String campaignId() {
        return campaignId;
    }

    /** The event the processor publishes for this failure. */
    public CampaignFailed toEvent(String service, Instant failedAt) {
        return CampaignFailed.newBuilder().setCampaignId(campaignId).setReason(getMessage()).setField(field)
                .setValue(value).setService(service).setRound(round).setFailedAt(failedAt).build();
    }
}
