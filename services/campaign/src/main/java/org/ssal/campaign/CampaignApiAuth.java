package org.ssal.campaign;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.ssal.campaign.routing.LedgerPeerResource;
import org.ssal.service.auth.BearerTokens;
import org.ssal.service.auth.Principal;

/**
 * Only an admin token may use the campaign API ({@link CampaignResource}): no or a bad token
 * answers 401, an annotator token 403 (annotators work through {@code /labeling}, on the
 * campaigns listed on their token). The same rules and token file as the labeling gateway
 * ({@link BearerTokens}, {@code ssal.auth.*}); {@code ssal.auth.enabled=false} lets everyone in.
 *
 * <p>It runs after matching and looks at the resource class, not the path, so that no spelling of
 * a URL reaches a campaign endpoint around it. Refusals are {@code {field, value, message}} like
 * every other error of the API, and never contain the token.
 */
@ApplicationScoped
public class CampaignApiAuth {
    private static final Logger LOG = Logger.getLogger(CampaignApiAuth.class);

    /** The campaign API, and the instance-to-instance ledger reads behind it (they show every ledger). */
    private static final Set<Class<?>> GUARDED = Set.of(CampaignResource.class, LedgerPeerResource.class);

    private final boolean enabled;
    private final BearerTokens tokens;

    @Inject
    public CampaignApiAuth(@ConfigProperty(name = "ssal.auth.enabled", defaultValue = "true") boolean enabled,
                           @ConfigProperty(name = "ssal.auth.tokens-file") Optional<String> tokensFile) {
        this.enabled = enabled;
        this.tokens = new BearerTokens(BearerTokens.fileOf(tokensFile, System.getenv()));
    }

    void announce(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("ssal.auth.enabled=false: anyone who reaches this port may create and stop campaigns");
        } else if (!Files.exists(tokens.file())) {
            LOG.warnf("no token file at %s: /campaigns refuses every request (401) until an admin token is "
                    + "made (ssal token create --role admin)", tokens.file());
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> requireAdmin(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!enabled || resource == null || !GUARDED.contains(resource.getResourceClass())) {
            return Optional.empty();
        }
        return refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The answer to a campaign API request with this Authorization header; empty: let it through. */
    Optional<Response> refusal(String authorization) {
        Principal principal;
        try {
            principal = tokens.principalOf(authorization);
        } catch (BearerTokens.Refusal refusal) {
            return Optional.of(error(Response.Status.UNAUTHORIZED, refusal.field(), refusal.shownValue(),
                    refusal.getMessage()));
        }
        if (!principal.isAdmin()) {
            return Optional.of(error(Response.Status.FORBIDDEN, "Authorization", "token " + principal.tokenId(),
                    "the campaign API needs an admin token; token " + principal.tokenId() + " of "
                            + principal.name() + " is an annotator token, good for /labeling on its campaigns only"));
        }
        return Optional.empty();
    }

    private static Response error(Response.Status status, String field, String value, String message) {
        Map<String, String> body = new LinkedHashMap<>(); // value may be null: Map.of refuses it
        body.put("field", field);
        body.put("value", value);
        body.put("message", message);
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (status == Response.Status.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ssal\"");
        }
        return answer.build();
    }
}
