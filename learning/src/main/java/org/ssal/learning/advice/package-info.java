/**
 * Random or active learning for the next labels, and why: grid results as rows
 * ({@link org.ssal.learning.advice.ResultsCsv}), learning curves over seeds, the labels per class
 * from which AL beats random with confidence ({@link org.ssal.learning.advice.ThresholdAnalysis}),
 * its relation to the number of classes ({@link org.ssal.learning.advice.ThresholdRelation}) and
 * the {@link org.ssal.learning.advice.Advisor} that {@code strategy: auto} campaigns run on
 * (Bengar et al., ICCV Workshops 2021; DESIGN §1.5). Pure Java: no ND4J, no Kafka.
 */
package org.ssal.learning.advice;
