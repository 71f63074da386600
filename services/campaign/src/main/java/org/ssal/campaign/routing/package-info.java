/**
 * Interactive queries across instances of the campaign service: each budget-tracker instance holds
 * the ledgers of the partitions assigned to it, so a read is answered from the local store when
 * this instance hosts the campaign and fetched from the instance that does otherwise (found through
 * Kafka Streams metadata and {@code application.server}). While the tracker rebalances, reads are
 * refused as unavailable (HTTP 503 with Retry-After), never answered "unknown".
 */
package org.ssal.campaign.routing;
