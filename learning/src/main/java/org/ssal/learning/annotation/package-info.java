/**
 * Redundant annotations turned into one label per sample, and how much annotators agree: majority
 * vote with a fixed tie rule, Dawid &amp; Skene's EM over per-annotator confusion matrices, Cohen's
 * and Fleiss' kappa. Plain Java, no ND4J: the labeling gateway runs these per campaign.
 */
package org.ssal.learning.annotation;
