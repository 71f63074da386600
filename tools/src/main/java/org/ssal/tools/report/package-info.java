/**
 * What a person reads about an experiment grid: learning-curve and threshold-vs-classes PNG plots
 * and the HTML report of {@code ssal report} / {@code ssal experiment}. Nothing here runs inside a
 * campaign; the numbers come from {@link org.ssal.learning.advice}.
 */
package org.ssal.tools.report;
