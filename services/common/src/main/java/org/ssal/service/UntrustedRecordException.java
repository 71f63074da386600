package org.ssal.service;

/** A record whose {@link ProducerHeader} names a writer not trusted on its topic: dead-lettered, never acted on. */
public class UntrustedRecordException extends RejectedEventException {
    public UntrustedRecordException(String reason) {
        super(reason);
    }
}
