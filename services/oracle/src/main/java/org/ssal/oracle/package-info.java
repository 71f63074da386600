/**
 * The simulated oracle service: answers each QueryBatch with the dataset's ground truth,
 * optionally slow or noisy ({@link org.ssal.oracle.SimulatedOracle}), as the paper's experiments do.
 */
package org.ssal.oracle;
