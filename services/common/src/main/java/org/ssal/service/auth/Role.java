package org.ssal.service.auth;

import java.util.Arrays;
import java.util.Locale;

/** What a token allows. */
public enum Role {
    /** Creates, stops and resumes campaigns, reads everything, labels anything. */
    ADMIN,
    /** Leases and labels samples of the campaigns listed on the token, and nothing else. */
    ANNOTATOR;

    /** {@code admin} / {@code annotator}, case-insensitive; a clear error otherwise. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of " + Arrays.stream(values())
                .map(r -> r.name().toLowerCase(Locale.ROOT)).toList() + ", got " + name);
    }
}
