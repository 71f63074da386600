package org.ssal.labeling;

/**
 * A request the gateway refuses, with the field and value it is about, and the kind of refusal
 * (which the REST layer maps to an HTTP status).
 */
public final class LabelingException extends RuntimeException {
    /**
     * Why: the request is malformed, comes without a valid token, is not allowed, names nothing,
     * conflicts with the lease's state, or could not be recorded now (Kafka unreachable; retry).
     */
    public enum Kind { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String field;
    private final transient Object value;

    public LabelingException(Kind kind, String field, Object value, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.value = value;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
