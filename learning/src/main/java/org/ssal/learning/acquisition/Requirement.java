package org.ssal.learning.acquisition;

/** What a strategy needs in its {@link SelectionContext}, so callers never test concrete classes. */
public enum Requirement {
    /** pool and labeled embeddings */
    EMBEDDINGS,
    /** a head fitted on the labeled set */
    TRAINED_HEAD
}
