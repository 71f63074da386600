package org.ssal.labeling.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ssal.events.Answer;
import org.ssal.events.CampaignCreated;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.gateway.LabelingApi.CampaignSummary;
import org.ssal.labeling.gateway.LabelingApi.ErrorBody;
import org.ssal.labeling.gateway.LabelingApi.ExtendRequest;
import org.ssal.labeling.gateway.LabelingApi.LabelInput;
import org.ssal.labeling.gateway.LabelingApi.LeaseRequest;
import org.ssal.labeling.gateway.LabelingApi.LeaseView;
import org.ssal.labeling.gateway.LabelingApi.Progress;
import org.ssal.labeling.gateway.LabelingApi.SubmitRequest;
import org.ssal.labeling.gateway.LabelingApi.SubmitResult;
import org.ssal.service.auth.BearerTokens;
import org.ssal.service.auth.Principal;

/**
 * The labeling API: annotators (people through the page at {@code /label/}, vendors' tools) lease
 * queried samples of human campaigns, fetch their images and answer. Every call needs
 * {@code Authorization: Bearer <token>}; the annotator id recorded is the token's name. Every
 * refusal is {@code {field, value, message}} with 400, 401, 403, 404, 409 or 503.
 */
@Path("/labeling")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "labeling", description = "Lease, view and label the samples of human-labeled campaigns")
@SecurityScheme(securitySchemeName = BearerTokens.OPENAPI_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = BearerTokens.OPENAPI_DESCRIPTION)
@SecurityRequirement(name = BearerTokens.OPENAPI_SCHEME)
public class LabelingResource {
    @Inject
    LabelingGateway gateway;
    @Inject
    BearerAuth auth;
    @Inject
    SampleImages images;

    @POST
    @Path("/leases")
    @Operation(summary = "Lease samples to label", description = "Leases up to max samples of the campaign, in "
            + "query order, that the caller has not annotated and that still need annotations: 201 with the lease. "
            + "When there is nothing to lease (the round is done and the next batch is being picked, the campaign "
            + "is complete or stopped, or every open sample is leased to others): 200 with tasks [] and a message. "
            + "404 for an unknown campaign or one not labeled by people.")
    @APIResponse(responseCode = "201", description = "Leased",
            content = @Content(schema = @Schema(implementation = LeaseView.class)))
    @APIResponse(responseCode = "200", description = "Nothing to lease now; message says why",
            content = @Content(schema = @Schema(implementation = LeaseView.class)))
    public Response lease(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, LeaseRequest request) {
        Principal principal = auth.principalOf(authorization);
        if (request == null) {
            throw new LabelingException(LabelingException.Kind.BAD_REQUEST, "body", null,
                    "send {\"campaignId\": ..., \"max\": ...}");
        }
        LeaseView lease = gateway.lease(principal, request.campaignId(), request.max());
        return Response.status(lease.leaseId() == null ? Response.Status.OK : Response.Status.CREATED)
                .entity(lease).build();
    }

    @GET
    @Path("/leases")
    @Operation(summary = "The caller's open leases in a campaign", description = "So that a page reloaded in the "
            + "middle of a lease can resume it.")
    public List<LeaseView> openLeases(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @QueryParam("campaignId") String campaignId) {
        Principal principal = auth.principalOf(authorization);
        if (campaignId == null || campaignId.isBlank()) {
            throw new LabelingException(LabelingException.Kind.BAD_REQUEST, "campaignId", campaignId,
                    "the query parameter campaignId is required");
        }
        return gateway.openLeases(principal, campaignId);
    }

    @GET
    @Path("/leases/{leaseId}")
    @Operation(summary = "One of the caller's leases", description = "Its samples, answers and expiry while open; "
            + "ended=true with the reason and the answers that counted once it ended.")
    public LeaseView leaseOf(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @PathParam("leaseId") String leaseId) {
        return gateway.leaseOf(auth.principalOf(authorization), leaseId);
    }

    @POST
    @Path("/leases/{leaseId}/labels")
    @Operation(summary = "Answer samples of a lease", description = "Records the answers (label null withdraws an "
            + "earlier one: undo). Answers are provisional until the lease ends; it ends by itself when every sample "
            + "has an answer. The same submission again, also after the end, records nothing and is no error; a "
            + "different one after the end is 409. A sample outside the lease or a label outside [0, classes) is "
            + "400 naming labels[i].sampleId or labels[i].label; an expired lease is 409.")
    public SubmitResult submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @PathParam("leaseId") String leaseId, SubmitRequest request) {
        Principal principal = auth.principalOf(authorization);
        if (request == null || request.labels() == null) {
            throw new LabelingException(LabelingException.Kind.BAD_REQUEST, "labels", null,
                    "send {\"labels\": [{\"sampleId\": ..., \"label\": ...}]}");
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < request.labels().size(); i++) {
            LabelInput input = request.labels().get(i);
            if (input == null || input.sampleId() == null || input.sampleId().isBlank()) {
                throw new LabelingException(LabelingException.Kind.BAD_REQUEST, "labels[" + i + "].sampleId", null,
                        "every answer needs a sampleId");
            }
            answers.add(Answer.newBuilder().setSampleId(input.sampleId()).setLabel(input.label()).build());
        }
        return gateway.submit(principal, leaseId, answers);
    }

    @POST
    @Path("/leases/{leaseId}/release")
    @Operation(summary = "End a lease now", description = "Its answers count; its unanswered samples go back to "
            + "the queue. Releasing an ended lease changes nothing.")
    public LeaseView release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @PathParam("leaseId") String leaseId) {
        return gateway.release(auth.principalOf(authorization), leaseId);
    }

    @POST
    @Path("/leases/{leaseId}/extend")
    @Operation(summary = "Extend a lease", description = "Moves its expiry to now + seconds (1..86400); 409 once "
            + "it ended or expired.")
    public LeaseView extend(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("leaseId") String leaseId, ExtendRequest request) {
        Principal principal = auth.principalOf(authorization);
        return gateway.extend(principal, leaseId, request == null ? null : request.seconds());
    }

    @GET
    @Path("/campaigns")
    @Operation(summary = "Human campaigns the caller may label", description = "With class names, budget and a "
            + "progress summary; an annotator sees the campaigns on their token, an admin every one.")
    public List<CampaignSummary> campaigns(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return gateway.campaigns(auth.principalOf(authorization));
    }

    @GET
    @Path("/campaigns/{campaignId}/progress")
    @Operation(summary = "Progress and agreement of a campaign", description = "Leased, submitted, agreement with "
            + "the final labels and Dawid-Skene's accuracy estimate per annotator; Fleiss' kappa over finished "
            + "samples (null with redundancy 1).")
    public Progress progress(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @PathParam("campaignId") String campaignId) {
        return Progress.of(gateway.progress(auth.principalOf(authorization), campaignId));
    }

    @GET
    // sample ids contain slashes (synthetic/train/000007): the id is everything between samples/ and /image
    @Path("/campaigns/{campaignId}/samples/{sampleId: .+}/image")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "A queried sample as PNG", description = "At native size (the page enlarges it); 404 for "
            + "a sample the campaign has not asked for. Needs the Authorization header like every call: the page "
            + "fetches images with fetch() and shows them through blob URLs.")
    @APIResponse(responseCode = "200", description = "The image", content = @Content(mediaType = "image/png"))
    public Response image(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @PathParam("campaignId") String campaignId, @PathParam("sampleId") String sampleId) {
        CampaignCreated campaign = gateway.sampleOwner(auth.principalOf(authorization), campaignId, sampleId);
        return Response.ok(images.png(campaign, sampleId), "image/png")
                // private: the image is only for holders of a token of this campaign
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600").build();
    }

    @ServerExceptionMapper
    public Response refused(LabelingException e) {
        Response.ResponseBuilder response = Response.status(statusOf(e.kind()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.field(), jsonValue(e.value()), e.getMessage()));
        if (e.kind() == LabelingException.Kind.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ssal\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("body", null, "the request body is not the JSON this call expects: "
                        + e.getOriginalMessage())).build();
    }

    static int statusOf(LabelingException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
    }

    /** Values are echoed as JSON scalars (a list of answers as its text). */
    private static Object jsonValue(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean ? value : value.toString();
    }
}
