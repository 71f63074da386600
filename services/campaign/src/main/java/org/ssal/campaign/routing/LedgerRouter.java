package org.ssal.campaign.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ssal.campaign.BudgetTopology;
import org.ssal.campaign.CampaignConfig;
import org.ssal.events.BudgetState;

/**
 * Reads campaign ledgers wherever they are hosted. Without {@code application.server}
 * ({@code quarkus.kafka-streams.application-server} unset) this instance is the only one and every
 * ledger is local; with it, Kafka Streams metadata names the instance that hosts a campaign, and a
 * campaign hosted elsewhere is fetched from there ({@link LedgerPeers}). A list merges every
 * instance's ledgers.
 *
 * @throws LedgerUnavailableException from every read while the tracker is not RUNNING or the
 *         hosting instance does not answer
 */
@ApplicationScoped
public class LedgerRouter {
    private final KafkaStreams streams;
    private final LocalLedgers local;
    private final LedgerPeers peers;
    private final Optional<HostInfo> self;

    @Inject
    public LedgerRouter(KafkaStreams streams,
                        @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer,
                        CampaignConfig campaign) {
        this(streams, new LedgerPeers(campaign.peerToken()), applicationServer.filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint));
    }

    public LedgerRouter(KafkaStreams streams, LedgerPeers peers, Optional<HostInfo> self) {
        this.streams = streams;
        this.local = new LocalLedgers(streams);
        this.peers = peers;
        this.self = self;
    }

    /** The ledger of one campaign; empty only when the instance that would host it has none. */
    public Optional<BudgetState> find(String campaignId) {
        if (self.isEmpty()) {
            // without application.server Streams shares no metadata at all: every ledger is here
            LocalLedgers.requireRunning(streams);
            return local.get(campaignId);
        }
        KeyQueryMetadata metadata = metadataOf(campaignId);
        if (isSelf(metadata.activeHost())) {
            return local.get(campaignId, metadata.partition());
        }
        return peers.get(metadata.activeHost(), campaignId);
    }

    /**
     * The ledger of one campaign if this instance hosts it, never forwarded: what another instance
     * asks for. Hosted elsewhere (the asking instance's metadata is older than ours) is
     * "unavailable", so that it asks again rather than concluding the campaign is unknown.
     */
    public Optional<BudgetState> findHere(String campaignId) {
        if (self.isEmpty()) {
            return find(campaignId);
        }
        KeyQueryMetadata metadata = metadataOf(campaignId);
        if (!isSelf(metadata.activeHost())) {
            throw new LedgerUnavailableException("the ledger of " + campaignId + " is hosted by "
                    + metadata.activeHost() + ", not by this instance");
        }
        return local.get(campaignId, metadata.partition());
    }

    /** Every campaign's ledger, from every instance, each campaign once. */
    public List<BudgetState> all() {
        LocalLedgers.requireRunning(streams);
        if (self.isEmpty()) {
            return local.all();
        }
        Map<String, BudgetState> merged = new LinkedHashMap<>();
        for (HostInfo host : hostsOfTheLedger()) {
            List<BudgetState> ledgers = isSelf(host) ? local.all() : peers.all(host);
            ledgers.forEach(state -> merged.putIfAbsent(state.getCampaignId(), state));
        }
        return new ArrayList<>(merged.values());
    }

    /** Every ledger hosted here, never forwarded: what another instance asks for. */
    public List<BudgetState> allHere() {
        return local.all();
    }

    private KeyQueryMetadata metadataOf(String campaignId) {
        LocalLedgers.requireRunning(streams);
        KeyQueryMetadata metadata = streams.queryMetadataForKey(BudgetTopology.LEDGER_STORE, campaignId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new LedgerUnavailableException("no instance hosts the ledger of " + campaignId + " right now");
        }
        return metadata;
    }

    private List<HostInfo> hostsOfTheLedger() {
        Collection<StreamsMetadata> hosts = streams.streamsMetadataForStore(BudgetTopology.LEDGER_STORE);
        if (hosts.isEmpty()) {
            throw new LedgerUnavailableException("no instance hosts the ledger store right now");
        }
        return hosts.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    private boolean isSelf(HostInfo host) {
        return self.isPresent() && self.get().equals(host);
    }
}
