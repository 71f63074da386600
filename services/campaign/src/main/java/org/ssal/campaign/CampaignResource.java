package org.ssal.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ssal.campaign.CampaignRequest.InvalidFieldException;
import org.ssal.campaign.routing.LedgerRouter;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.LabelKeys;
import org.ssal.service.SharedConfig;
import org.ssal.service.auth.BearerTokens;

/**
 * Campaigns over HTTP. Commands are written to the {@code campaigns} topic and answered with 202:
 * the budget tracker applies them asynchronously. Reads come from the tracker's ledger store
 * (Kafka Streams interactive queries), so a campaign shows up shortly after its 202.
 *
 * <p>Reads go through {@link LedgerRouter}: with several instances, a campaign hosted by another
 * one is fetched from there, and a list merges all of them.
 */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns", description = "Create, follow and stop active-learning labeling campaigns")
// the same scheme as the labeling gateway's (BearerTokens.OPENAPI_SCHEME): declared here too, so the
// campaign service documents it when it runs without the gateway
@SecurityScheme(securitySchemeName = BearerTokens.OPENAPI_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = BearerTokens.OPENAPI_DESCRIPTION)
@SecurityRequirement(name = BearerTokens.OPENAPI_SCHEME)
public class CampaignResource {
    private final LedgerRouter ledgers;
    private final KafkaStreams streams;
    private final CampaignCommands commands;
    private final String campaignsTopic;

    @Inject
    public CampaignResource(LedgerRouter ledgers, KafkaStreams streams, CampaignCommands commands,
                            SharedConfig.TopicNames topics) {
        this.ledgers = ledgers;
        this.streams = streams;
        this.commands = commands;
        this.campaignsTopic = topics.campaigns();
    }

    /** A round as the API shows it. */
    public record RoundView(int round, int queried, int labeled, Double testAccuracy) {
    }

    /** An accepted label (only with {@code ?labels=true}), in acceptance order. */
    public record LabelView(String sampleId, int label, int round, String annotatorId) {
    }

    /** Why a campaign is FAILED: the service that found it, the field and value at fault. */
    public record FailureView(String reason, String field, String value, String service, int round, Instant failedAt) {
        static FailureView of(CampaignFailed failed) {
            return failed == null ? null : new FailureView(failed.getReason(), failed.getField(), failed.getValue(),
                    failed.getService(), failed.getRound(), failed.getFailedAt());
        }
    }

    /**
     * A campaign's ledger; {@code labels} is left out unless asked for, {@code failure} unless FAILED.
     * {@code annotators} counts the accepted labels per annotator id (it sums to {@code labeled}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CampaignView(String campaignId, String dataset, String strategy, String status,
                               int budget, int queried, int labeled, int remaining, int round,
                               boolean roundComplete, int numClasses, Instant updatedAt,
                               List<RoundView> rounds, Map<String, Integer> annotators,
                               List<LabelView> labels, FailureView failure) {
        /** @param labels the campaign's labels, or null to leave them out */
        static CampaignView of(BudgetState state, List<LabelView> labels) {
            List<RoundView> rounds = state.getRounds().stream()
                    .map(r -> new RoundView(r.getRound(), r.getQueried(), r.getLabeled(), r.getTestAccuracy()))
                    .toList();
            return new CampaignView(state.getCampaignId(), state.getDataset(), state.getStrategy(),
                    state.getStatus().name(), state.getBudget(), state.getQueried(), state.getLabeled(),
                    state.getRemaining(), state.getRound(), state.getRoundComplete(), state.getNumClasses(),
                    state.getUpdatedAt(), rounds, new TreeMap<>(state.getAnnotators()), labels,
                    FailureView.of(state.getFailure()));
        }
    }

    /** Body of {@code POST /campaigns/{id}/stop} and {@code /resume}; optional. */
    public record StopRequest(String reason) {
    }

    @POST
    @Operation(summary = "Create a campaign", description = "Validates the campaign, writes CampaignCreated to "
            + "the campaigns topic and answers 202 with its id; 400 names the first invalid field.")
    public Response create(Map<String, Object> body) {
        CampaignRequest request = CampaignRequest.parse(body).validate();
        if (ledger(request.campaignId()).isPresent()) {
            return error(Response.Status.CONFLICT, "campaignId", request.campaignId(),
                    "campaign " + request.campaignId() + " already exists");
        }
        commands.send(campaignsTopic, request.campaignId(), request.toEvent(Instant.now()));
        return Response.accepted(Map.of("campaignId", request.campaignId()))
                .location(UriBuilder.fromResource(CampaignResource.class).path(request.campaignId()).build())
                .build();
    }

    @GET
    @Operation(summary = "List every campaign known to the budget tracker")
    public List<CampaignView> list() {
        return ledgers.all().stream().map(state -> CampaignView.of(state, null)).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Budget, progress and per-round accuracy of one campaign")
    public Response get(@PathParam("id") String id, @QueryParam("labels") @DefaultValue("false") boolean labels) {
        return ledger(id)
                .map(state -> labels ? withLabels(state) : Response.ok(CampaignView.of(state, null)).build())
                .orElseGet(() -> unknown(id));
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a campaign", description = "Writes CampaignStopped; later query batches and "
            + "labels of the campaign are refused. 404 when unknown, 409 when it is no longer ACTIVE.")
    public Response stop(@PathParam("id") String id, StopRequest body) {
        Optional<BudgetState> ledger = ledger(id);
        if (ledger.isEmpty()) {
            return unknown(id);
        }
        CampaignStatus status = ledger.get().getStatus();
        if (status != CampaignStatus.ACTIVE && status != CampaignStatus.FAILED) {
            return error(Response.Status.CONFLICT, "campaignId", id, "campaign " + id + " is already " + status);
        }
        commands.send(campaignsTopic, id, CampaignStopped.newBuilder()
                .setCampaignId(id).setReason(reasonOf(body)).setStoppedAt(Instant.now()).build());
        return Response.accepted(Map.of("campaignId", id)).build();
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume a FAILED campaign", description = "After the cause named in its failure is fixed "
            + "(a dataset put in place, an artifact restored), writes CampaignResumed: the ledger makes the campaign "
            + "ACTIVE and the service that failed tries again (a campaign that fails again shows the new reason). "
            + "404 when unknown, 409 when it is not FAILED.")
    public Response resume(@PathParam("id") String id, StopRequest body) {
        Optional<BudgetState> ledger = ledger(id);
        if (ledger.isEmpty()) {
            return unknown(id);
        }
        if (ledger.get().getStatus() != CampaignStatus.FAILED) {
            return error(Response.Status.CONFLICT, "campaignId", id,
                    "campaign " + id + " is " + ledger.get().getStatus() + "; only a FAILED campaign can be resumed");
        }
        commands.send(campaignsTopic, id, CampaignResumed.newBuilder()
                .setCampaignId(id).setReason(reasonOf(body)).setResumedAt(Instant.now()).build());
        return Response.accepted(Map.of("campaignId", id)).build();
    }

    private static String reasonOf(StopRequest body) {
        return body == null || body.reason() == null ? "" : body.reason();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(e.toJson()).build();
    }

    /** The store is not queryable while Kafka Streams starts or rebalances: ask again shortly. */
    @ServerExceptionMapper
    public Response storeUnavailable(InvalidStateStoreException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .entity(Map.of("message", "the budget tracker is not ready: " + e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(CampaignCommands.CommandNotSentException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("message", String.valueOf(e.getMessage()))).build();
    }

    private Optional<BudgetState> ledger(String id) {
        return ledgers.find(id);
    }

    /**
     * The labels live in the store of the instance that hosts the campaign (they are committed with
     * its ledger): another instance says so instead of answering with a partial list.
     */
    private Response withLabels(BudgetState state) {
        List<LabelView> labels = labelsOf(state.getCampaignId());
        if (labels.size() != state.getLabeled()) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "labels", "true", "the labels of campaign "
                    + state.getCampaignId() + " are held by another instance of the campaign service; "
                    + "ask it, or run one instance (GET without labels=true works on every instance)");
        }
        return Response.ok(CampaignView.of(state, labels)).build();
    }

    /** One prefix scan of the label store (keys campaign U+0000 sample), put in acceptance order. */
    private List<LabelView> labelsOf(String id) {
        List<LabeledSample> labels = new ArrayList<>();
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                BudgetTopology.LABEL_STORE, QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, byte[]> scan = store.prefixScan(LabelKeys.prefix(id), new StringSerializer())) {
            scan.forEachRemaining(entry -> labels.add(BudgetTopology.decodeLabel(entry.value)));
        }
        return labels.stream().sorted(Comparator.comparingInt(LabeledSample::getSequence))
                .map(l -> new LabelView(l.getSampleId(), l.getLabel(), l.getRound(), l.getAnnotatorId())).toList();
    }

    private static Response unknown(String id) {
        return error(Response.Status.NOT_FOUND, "campaignId", id, "unknown campaign " + id);
    }

    private static Response error(Response.Status status, String field, String value, String message) {
        return Response.status(status).entity(Map.of("field", field, "value", value, "message", message)).build();
    }
}
