/**
 * ssal's learning core, without Kafka: datasets ({@code data}), augmentations ({@code augment}),
 * SimSiam pretraining ({@code ssl}), the supervised baseline ({@code baseline}), encoders and
 * embeddings ({@code embed}), heads ({@code head}), acquisition strategies ({@code acquisition}),
 * metrics, seeds ({@code seed}) and the scorer's round decision ({@code round}). Services call into
 * these packages and add only events and storage.
 */
package org.ssal.learning;
