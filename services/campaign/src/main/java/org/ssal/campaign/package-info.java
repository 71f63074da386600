/**
 * The campaign service: the REST API that creates, lists and stops labeling campaigns
 * ({@link org.ssal.campaign.CampaignResource}), and the Kafka Streams budget tracker
 * ({@link org.ssal.campaign.BudgetTopology}) that validates query batches and labels against each
 * campaign's budget and publishes its ledger on budget-state.
 */
package org.ssal.campaign;
