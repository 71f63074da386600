/** Evaluation of classifier heads: {@link org.ssal.learning.metrics.Evaluation}. */
package org.ssal.learning.metrics;
