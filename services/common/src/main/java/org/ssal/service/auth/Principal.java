package org.ssal.service.auth;

import java.util.Set;

/**
 * The holder of a valid token.
 *
 * @param tokenId   public id of the token (safe to log; the secret never is)
 * @param name      who it was made for, e.g. an annotator's or vendor's name; recorded as annotator id
 * @param role      what it allows
 * @param campaigns campaigns an annotator may work on (empty for an admin: every campaign)
 */
public record Principal(String tokenId, String name, Role role, Set<String> campaigns) {
    public Principal {
        campaigns = Set.copyOf(campaigns);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this principal may lease, see and label samples of the campaign. */
    public boolean mayLabel(String campaignId) {
        return isAdmin() || campaigns.contains(campaignId);
    }
}
