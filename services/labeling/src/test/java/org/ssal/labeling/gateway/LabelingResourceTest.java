package org.ssal.labeling.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ssal.labeling.LabelingException.Kind;

class LabelingResourceTest {
    @Test
    void shouldMapEveryKindOfRefusalToItsHttpStatus() {
        assertEquals(400, LabelingResource.statusOf(Kind.BAD_REQUEST));
        assertEquals(401, LabelingResource.statusOf(Kind.UNAUTHORIZED));
        assertEquals(403, LabelingResource.statusOf(Kind.FORBIDDEN));
        assertEquals(404, LabelingResource.statusOf(Kind.NOT_FOUND));
        assertEquals(409, LabelingResource.statusOf(Kind.CONFLICT));
        assertEquals(503, LabelingResource.statusOf(Kind.UNAVAILABLE));
    }

    @Test
    void shouldKeepSlashesOfSampleIdsAndEncodeTheRestInImageUrls() {
        assertEquals("/labeling/campaigns/c%201/samples/synthetic/train/000007/image",
                LabelingGateway.imageUrl("c 1", "synthetic/train/000007"));
        assertEquals("/labeling/campaigns/c1/samples/a%3Fb%23c/image", LabelingGateway.imageUrl("c1", "a?b#c"));
    }
}
