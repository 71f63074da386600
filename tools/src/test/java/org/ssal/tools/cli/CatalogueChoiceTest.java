package org.ssal.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class CatalogueChoiceTest {
    @Test
    void shouldCheckAWholeEncoderSpecAsTheCampaignApiDoes() {
        CatalogueChoice.EncoderKind encoder = new CatalogueChoice.EncoderKind();
        for (String spec : List.of("pixels", "simsiam:smallcnn", "random-init:resnet18:0.5", "auto",
                "auto:simsiam:smallcnn+pixels")) {
            assertEquals(spec, encoder.convert(spec));
        }
        TypeConversionException network = assertThrows(TypeConversionException.class, () -> encoder.convert("simsiam:vgg"));
        assertTrue(network.getMessage().contains("'simsiam:vgg'"), network.getMessage());
        TypeConversionException single = assertThrows(TypeConversionException.class, () -> encoder.convert("auto:pixels"));
        assertTrue(single.getMessage().contains("two or more"), single.getMessage());
        List<String> listed = new ArrayList<>();
        encoder.forEach(listed::add);
        assertEquals(List.of("pixels", "simsiam", "random-init", "supervised", "auto"), listed);
    }

    @Test
    void shouldRejectANameOutsideTheCatalogueNamingIt() {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new CatalogueChoice.Strategy().convert("greedy"));
        assertTrue(e.getMessage().startsWith("'greedy' is not one of random | entropy"), e.getMessage());
    }
}
