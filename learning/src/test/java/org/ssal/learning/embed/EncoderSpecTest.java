package org.ssal.learning.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EncoderSpecTest {
    @Test
    void shouldParseEveryKindWithItsNetwork() {
        EncoderSpec pixels = EncoderSpec.parse("pixels");
        assertEquals(EncoderSpec.Kind.PIXELS, pixels.kind());
        assertNull(pixels.network());
        assertEquals(new EncoderSpec(EncoderSpec.Kind.SIMSIAM, "smallcnn"), EncoderSpec.parse("simsiam:smallcnn"));
        assertEquals(new EncoderSpec(EncoderSpec.Kind.RANDOM_INIT, "resnet18:0.25"),
                EncoderSpec.parse("random-init:resnet18:0.25"));
        assertEquals(new EncoderSpec(EncoderSpec.Kind.SUPERVISED, "resnet18"), EncoderSpec.parse("supervised:resnet18"));
        assertEquals("random-init:resnet18:0.25", EncoderSpec.parse("random-init:resnet18:0.25").toString());
    }

    @Test
    void shouldRejectUnknownKindsAndNetworksNamingTheSpec() {
        for (String bad : new String[] {"byol:smallcnn", "simsiam:vgg", "simsiam", "pixels:smallcnn", "simsiam:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderSpec.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("resnet18"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> EncoderSpec.parse(" "));
    }

    @Test
    void shouldTrainTheCampaignsEpochsOrTheDefaultAndNoneWithoutPretraining() {
        assertEquals(7, EncoderSpec.parse("simsiam:smallcnn").epochs(7, 10));
        assertEquals(10, EncoderSpec.parse("simsiam:smallcnn").epochs(0, 10));
        assertEquals(3, EncoderSpec.parse("supervised:smallcnn").epochs(3, 15));
        assertEquals(15, EncoderSpec.parse("supervised:smallcnn").epochs(0, 15));
        assertEquals(0, EncoderSpec.parse("random-init:smallcnn").epochs(7, 10), "the untrained control");
        assertEquals(0, EncoderSpec.parse("pixels").epochs(7, 10));
    }

    @Test
    void shouldGiveTheBaselineTheSmallCnnUnlessTheSpecNamesASupervisedNetwork() {
        assertEquals(EncoderSpec.parse("supervised:smallcnn"), EncoderSpec.baselineOf("pixels"));
        assertEquals(EncoderSpec.parse("supervised:smallcnn"), EncoderSpec.baselineOf("simsiam:resnet18"));
        assertEquals(EncoderSpec.parse("supervised:resnet18:0.5"), EncoderSpec.baselineOf("supervised:resnet18:0.5"));
        assertThrows(IllegalArgumentException.class, () -> EncoderSpec.baselineOf("supervised:vgg"));
    }
}
