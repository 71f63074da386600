/**
 * Analysis of experiment-grid results, reproducing the paper's comparison of SSL, AL and random
 * sampling (Bengar et al., ICCV Workshops 2021; DESIGN §1.5): rows in a CSV
 * ({@link org.ssal.learning.analysis.ResultsCsv}), learning curves over seeds
 * ({@link org.ssal.learning.analysis.LearningCurves}), the labels per class from which AL beats
 * random with confidence ({@link org.ssal.learning.analysis.ThresholdAnalysis}), its relation to
 * the number of classes ({@link org.ssal.learning.analysis.ThresholdRelation}), a sampling advice
 * ({@link org.ssal.learning.analysis.Advisor}), PNG plots and an HTML report
 * ({@link org.ssal.learning.analysis.HtmlReport}). Pure Java: no ND4J, no Kafka.
 */
package org.ssal.learning.analysis;
