package org.ssal.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssal.learning.acquisition.Strategies;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.head.Heads;
import org.ssal.schemas.Catalogue;

/**
 * The campaign API validates against {@link Catalogue} without loading this library; these tests
 * keep the two from drifting apart, so that every name the API accepts can be run and every
 * registered name can be asked for.
 */
class CatalogueMatchesRegistriesTest {

    @Test
    void shouldRegisterExactlyTheCataloguesStrategiesWhenAutoIsLeftOut() {
        assertEquals(sorted(Catalogue.ACQUISITION_STRATEGIES), sorted(Strategies.names()));
    }

    @Test
    void shouldRegisterExactlyTheCataloguesHeads() {
        assertEquals(sorted(Catalogue.HEADS), sorted(Heads.names()));
    }

    @Test
    void shouldRegisterExactlyTheCataloguesDatasets() {
        assertEquals(sorted(Catalogue.DATASETS), sorted(Datasets.names()));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
