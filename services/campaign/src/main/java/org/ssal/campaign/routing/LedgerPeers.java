package org.ssal.campaign.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.ssal.events.BudgetState;
import org.ssal.schemas.EventCodec;

/**
 * Asks another instance of the campaign service for ledgers it hosts, through its
 * {@link LedgerPeerResource}. Ledgers travel as Avro single-object encoded bytes, the same bytes
 * as on the budget-state topic, so both sides agree on them exactly.
 */
public final class LedgerPeers {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Optional<String> peerToken;

    /** @param peerToken an admin token the instances share for these calls, when the API checks tokens */
    public LedgerPeers(Optional<String> peerToken) {
        this.peerToken = peerToken.filter(t -> !t.isBlank());
    }

    /** The ledger of {@code campaignId} at {@code host}; empty when the host does not have it. */
    public Optional<BudgetState> get(HostInfo host, String campaignId) {
        HttpResponse<byte[]> response = send(host, LedgerPeerResource.PATH + "/"
                + URLEncoder.encode(campaignId, StandardCharsets.UTF_8).replace("+", "%20"));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(EventCodec.decode(response.body(), BudgetState.class));
    }

    /** Every ledger that {@code host} hosts. */
    public List<BudgetState> all(HostInfo host) {
        HttpResponse<byte[]> response = send(host, LedgerPeerResource.PATH);
        try {
            List<BudgetState> out = new ArrayList<>();
            for (byte[] encoded : JSON.readValue(response.body(), byte[][].class)) {
                out.add(EventCodec.decode(encoded, BudgetState.class));
            }
            return out;
        } catch (IOException e) {
            throw new LedgerUnavailableException("instance " + host + " sent an unreadable ledger list: " + e, e);
        }
    }

    private HttpResponse<byte[]> send(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
            peerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new LedgerUnavailableException("instance " + host + " refused this instance's ledger request ("
                        + response.statusCode() + "): set ssal.campaign.peer-token to an admin token on every instance");
            }
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                // 503 there (rebalancing too) or anything else: not an answer about the campaign
                throw new LedgerUnavailableException("instance " + host + " answered " + response.statusCode()
                        + " for " + path);
            }
            return response;
        } catch (IOException e) {
            throw new LedgerUnavailableException("instance " + host + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while asking " + host, e);
        }
    }
}
