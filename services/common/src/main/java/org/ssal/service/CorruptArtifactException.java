package org.ssal.service;

/** An artifact whose bytes do not hash to the sha256 its event names: it cannot be trusted, only replaced. */
public class CorruptArtifactException extends IllegalStateException {
    private final String uri;

    public CorruptArtifactException(String uri, String message) {
        super(message);
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
