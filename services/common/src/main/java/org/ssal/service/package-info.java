/**
 * What every ssal service runs on: the exactly-once consume-transform-produce loop
 * ({@link org.ssal.service.TransactionalProcessor}, {@link org.ssal.service.EventService}), the
 * outbox its handlers write to, the content-addressed {@link org.ssal.service.ArtifactStore}, the
 * shared settings, and the in-JVM broker of the embedded default.
 */
package org.ssal.service;
