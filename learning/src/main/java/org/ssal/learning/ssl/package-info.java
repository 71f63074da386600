/**
 * SimSiam (Chen &amp; He 2021) on SameDiff: the network ({@link org.ssal.learning.ssl.SimSiamNetwork},
 * its encoder families named by {@link org.ssal.learning.ssl.NetworkSpec}), the loss
 * ({@code NegativeCosineLoss}), the trainer and its settings
 * ({@link org.ssal.learning.ssl.SimSiamTrainer}, {@link org.ssal.learning.ssl.SimSiamConfig}),
 * the trained, frozen encoder ({@link org.ssal.learning.ssl.SimSiamModel}) and the CPU
 * workarounds it needs (training-mode batch norm, fast ReLU, momentum SGD).
 */
package org.ssal.learning.ssl;
