/**
 * Image augmentations for SimSiam, one op per class ({@link org.ssal.learning.augment.ImageOp}),
 * and the {@link org.ssal.learning.augment.SimSiamAugmentation} preset that turns a byte CHW image
 * into normalized float views and builds two-view batches for training.
 */
package org.ssal.learning.augment;
