/**
 * Acquisition strategies: given a {@link org.ssal.learning.acquisition.SelectionContext} and k,
 * pick the next pool samples to label. One class per strategy, created by name through
 * {@link org.ssal.learning.acquisition.Strategies}; per-sample scoring strategies extend
 * {@link org.ssal.learning.acquisition.ScoreBasedStrategy}; the greedy k-center core used by
 * CoreSet is {@link org.ssal.learning.acquisition.KCenterGreedy}.
 */
package org.ssal.learning.acquisition;
