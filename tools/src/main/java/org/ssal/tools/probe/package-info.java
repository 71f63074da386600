/**
 * {@code ssal probe}: the linear-probe experiment that tells how good SimSiam's frozen features
 * are (against random init and raw pixels) without running a campaign; figures in docs/results.md.
 */
package org.ssal.tools.probe;
