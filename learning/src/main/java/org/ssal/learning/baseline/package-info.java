/**
 * The paper's "active learning without self-supervision" baseline (Bengar et al. 2021; DESIGN
 * §1.4: "the encoder is trained supervised from scratch on the labeled set every round (classic
 * deep active learning)").
 * <p>{@link org.ssal.learning.baseline.SupervisedTrainer} trains an encoder of the same family as
 * the SimSiam one ({@link org.ssal.learning.ssl.NetworkSpec}) plus a linear softmax layer with
 * cross-entropy on the labeled images of a round. The resulting
 * {@link org.ssal.learning.baseline.SupervisedModel} is an
 * {@link org.ssal.learning.embed.Encoder} (penultimate features) and carries its own softmax layer
 * as a {@link org.ssal.learning.head.TrainedHead}, so Entropy and margin strategies rank the pool
 * by the network's own class probabilities.
 */
package org.ssal.learning.baseline;
