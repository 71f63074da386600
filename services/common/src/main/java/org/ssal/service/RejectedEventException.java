package org.ssal.service;

/** A well-formed event that the service refuses; the message is the dead-letter reason. */
public class RejectedEventException extends RuntimeException {
    public RejectedEventException(String reason) {
        super(reason);
    }
}
