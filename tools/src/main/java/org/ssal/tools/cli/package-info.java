/**
 * Picocli pieces every {@code ssal} command shares: choices checked against (and listed from)
 * {@link org.ssal.schemas.Catalogue}, so that no command writes the names of strategies, heads,
 * datasets or encoder kinds again.
 */
package org.ssal.tools.cli;
