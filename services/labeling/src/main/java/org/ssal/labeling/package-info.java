/**
 * The labeling gateway: people and vendors label the samples of human-labeled campaigns through
 * leases. {@link org.ssal.labeling.LabelingCampaign} holds the rules (plain Java, event-sourced
 * from the {@code labeling} topic); the REST resources and the web page are adapters around it.
 */
package org.ssal.labeling;
