package org.ssal.schemas;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.ssal.events.CampaignCreated;

/**
 * Whether two {@link CampaignCreated} events define the same campaign. A campaign id is defined
 * once: the same definition again is a redelivery (or a client retrying its POST) and changes
 * nothing; another definition under an existing id is refused, because every service has already
 * acted on the first (pool embedded, initial batch chosen, budget counted). The budget tracker
 * decides this for the record (dead-letter with the field that differs); the trainer and the
 * scorer apply the same rule, so they keep driving the campaign the tracker keeps.
 *
 * <p>Every field counts except {@code createdAt}: the time of a retried POST is not part of what
 * the campaign is.
 */
public final class CampaignDefinitions {
    private static final String NOT_DEFINITION = "createdAt";

    private CampaignDefinitions() {
    }

    /** A field whose value differs between the existing definition and the offered one. */
    public record Difference(String field, Object existing, Object offered) {
        @Override
        public String toString() {
            return field + " is " + existing + ", the new definition says " + offered;
        }
    }

    /** The first field (in schema order) whose value differs, or empty when both define the same campaign. */
    public static Optional<Difference> firstDifference(CampaignCreated existing, CampaignCreated offered) {
        for (Schema.Field field : CampaignCreated.getClassSchema().getFields()) {
            if (field.name().equals(NOT_DEFINITION)) {
                continue;
            }
            Object a = existing.get(field.pos());
            Object b = offered.get(field.pos());
            if (!Objects.equals(text(a), text(b))) {
                return Optional.of(new Difference(field.name(), a, b));
            }
        }
        return Optional.empty();
    }

    /** The reason a second, different definition is refused (naming the id and the field), or null when it is the same. */
    public static String redefinition(CampaignCreated existing, CampaignCreated offered) {
        return firstDifference(existing, offered).map(d -> "campaign " + offered.getCampaignId()
                + " already exists with another definition: " + d).orElse(null);
    }

    // Avro may hand strings as Utf8 in maps even with stringType String: compare their text
    private static Object text(Object value) {
        return value instanceof CharSequence s ? s.toString() : value;
    }
}
