/**
 * The budget rules of DESIGN §4 as plain Java: {@link org.ssal.campaign.ledger.BudgetLedger} turns a
 * campaign's ledger and one event into a {@link org.ssal.campaign.ledger.Decision}. Nothing here
 * knows Kafka, stores or topics; the Kafka Streams budget tracker ({@code org.ssal.campaign}) is
 * the adapter that reads the ledger, asks for a decision and writes what it lists.
 */
package org.ssal.campaign.ledger;
