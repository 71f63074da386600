/**
 * Who may do what: bearer tokens (shown once, stored as salted hashes, compared in constant time)
 * naming a role and, for annotators and vendors, the campaigns they may work on.
 */
package org.ssal.service.auth;
