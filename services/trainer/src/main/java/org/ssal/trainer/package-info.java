/**
 * The trainer service: reads CampaignCreated and BudgetState, obtains each campaign's encoder
 * (pretrained once per data and recipe, {@link org.ssal.trainer.EncoderCache}, or the no-SSL
 * baseline retrained per round) and publishes the pool and test embeddings
 * ({@link org.ssal.trainer.PoolEmbedder}). Encoder specs and training recipes are learning's.
 */
package org.ssal.trainer;
