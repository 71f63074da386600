/**
 * The public contract of ssal: the Avro events ({@code org.ssal.events}, generated from
 * {@code src/main/avro}), their wire format ({@link org.ssal.schemas.EventCodec}), the topic names
 * ({@link org.ssal.schemas.Topics}), the names a campaign may use ({@link org.ssal.schemas.Catalogue})
 * and the small helpers every reader of those events needs (campaign id, dead-letter record,
 * sha256), so that each exists once.
 */
package org.ssal.schemas;
