package org.ssal.standalone.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.BudgetState;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderChosen;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.PretrainComplete;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.events.StrategySwitched;

/**
 * What {@code ssal chaos} kills: one of the four services, or the broker. Each service is known
 * by the events only it writes, so the run can tell when a restarted one has done its work again.
 */
public enum ChaosTarget {
    CAMPAIGN(Set.of(BudgetState.class, LabeledSample.class)), // the budget tracker's outputs
    TRAINER(Set.of(PretrainComplete.class, EmbeddingsReady.class, EncoderChosen.class)),
    SCORER(Set.of(QueryBatch.class, RoundEvaluated.class, StrategySwitched.class)),
    ORACLE(Set.of(LabelReceived.class)),
    /** Every event goes through it: any event after its restart is its work. */
    BROKER(Set.of());

    private final Set<Class<? extends SpecificRecord>> writes;

    ChaosTarget(Set<Class<? extends SpecificRecord>> writes) {
        this.writes = writes;
    }

    /** As on the command line and in the table. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when {@code event} is work of this target (for the broker: any event). */
    public boolean wrote(SpecificRecord event) {
        return this == BROKER || writes.contains(event.getClass());
    }

    public boolean isService() {
        return this != BROKER;
    }

    public static List<ChaosTarget> services() {
        return Arrays.stream(values()).filter(ChaosTarget::isService).toList();
    }

    /**
     * @throws IllegalArgumentException naming the option and the value when it is no target
     */
    public static ChaosTarget parse(String value) {
        for (ChaosTarget t : values()) {
            if (t.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("--targets: unknown target '" + value + "'; use any of "
                + Arrays.stream(values()).map(ChaosTarget::label).toList());
    }
}
