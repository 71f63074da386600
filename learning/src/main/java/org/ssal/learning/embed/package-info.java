/**
 * Encoders and what they produce: the parsed encoder spec of a campaign
 * ({@link org.ssal.learning.embed.EncoderSpec}), the {@link org.ssal.learning.embed.Encoder}
 * contract with the raw-pixel baseline, and the embedding files trainer and scorer exchange
 * through the artifact store ({@link org.ssal.learning.embed.Embeddings},
 * {@link org.ssal.learning.embed.LabeledEmbeddings}).
 */
package org.ssal.learning.embed;
