/**
 * The labeling gateway as a Quarkus service: {@link org.ssal.labeling.gateway.LabelingGateway}
 * keeps {@link org.ssal.labeling.HumanCampaigns} in step with Kafka and records every command in
 * one transaction; {@link org.ssal.labeling.gateway.LabelingResource} is the REST API under
 * {@code /labeling}, {@link org.ssal.labeling.gateway.BearerAuth} decides who is asking, and
 * {@link org.ssal.labeling.gateway.SampleImages} renders the queried samples for the web page
 * served at {@code /label/}.
 */
package org.ssal.labeling.gateway;
