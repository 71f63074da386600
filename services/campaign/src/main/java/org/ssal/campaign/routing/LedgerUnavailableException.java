package org.ssal.campaign.routing;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The ledger of a campaign cannot be read now (the tracker starts or rebalances, the hosting
 * instance does not answer): the client should ask again shortly. A kind of
 * {@link InvalidStateStoreException}, so the API maps it as it maps a store that is not ready.
 */
public final class LedgerUnavailableException extends InvalidStateStoreException {
    public LedgerUnavailableException(String message) {
        super(message);
    }

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
