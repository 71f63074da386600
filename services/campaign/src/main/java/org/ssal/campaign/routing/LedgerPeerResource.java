package org.ssal.campaign.routing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ssal.events.BudgetState;
import org.ssal.schemas.EventCodec;
import org.ssal.service.auth.BearerTokens;

/**
 * What one campaign-service instance answers the others: only the ledgers it hosts itself, never
 * forwarded again (so two instances with stale metadata cannot send a request around in circles).
 * Not for clients: {@code /campaigns} is the API.
 */
@Path(LedgerPeerResource.PATH)
@Tag(name = "internal", description = "Between instances of the campaign service")
// guarded by CampaignApiAuth like the campaign API (the peer token); the scheme is CampaignResource's
@SecurityRequirement(name = BearerTokens.OPENAPI_SCHEME)
public class LedgerPeerResource {
    static final String PATH = "/internal/ledgers";

    private final LedgerRouter router;

    public LedgerPeerResource(LedgerRouter router) {
        this.router = router;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The ledger of a campaign hosted here (Avro single-object encoding); 404 if not here")
    public Response get(@PathParam("id") String id) {
        return router.findHere(id)
                .map(state -> Response.ok(EventCodec.encode(state)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every ledger hosted here, each Avro single-object encoded (base64)")
    public List<byte[]> all() {
        List<BudgetState> states = router.allHere();
        return states.stream().map(EventCodec::encode).toList();
    }

    /** Not hosted here right now, or the tracker is rebalancing: the asking instance retries. */
    @ServerExceptionMapper
    public Response unavailable(InvalidStateStoreException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .type(MediaType.TEXT_PLAIN).entity(String.valueOf(e.getMessage())).build();
    }
}
