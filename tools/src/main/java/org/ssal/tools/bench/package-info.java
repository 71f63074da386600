/**
 * {@code ssal bench simsiam|embed|kcenter}: speed of ssal-learning's hot paths measured against a
 * PyTorch or numpy peer ({@code bench/*.py}) on the same CPU; figures in docs/benchmarks.md.
 */
package org.ssal.tools.bench;
