package org.ssal.learning.ssl;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J re-create a native custom op as one of our classes when it copies a graph.
 * <p>Why: SameDiff copies every op through its FlatBuffers form when it builds the gradient
 * function, and the copy is re-created from the op's native name, so a subclass that only
 * changes {@code doDiff} would be replaced by the stock class before its gradient is asked for.
 * Forward execution is unchanged (same native kernel, same arguments). ND4J 1.0.0-M2.1 offers no
 * public hook for this, hence the reflection on its op registry.
 * <p>Subclasses run a native op forward with the arguments they add, keep everything their
 * gradient needs in those arguments (Java fields do not survive the copy), and have one output of
 * their first input's type.
 */
abstract class NativeOpOverride extends DynamicCustomOp {
    private static final Set<String> REGISTERED = new HashSet<>();

    /** For the op registry's reflection. */
    NativeOpOverride() { }

    NativeOpOverride(SameDiff sd, SDVariable[] inputs) {
        super(null, sd, inputs, false);
    }

    @Override
    public Map<String, Object> propertiesForFunction() { return Map.of(); }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
        // the stock class's properties duplicate the i/t arguments that our ops read
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return List.of(dataTypes.get(0));
    }

    /** Maps the native op {@code nativeName} to {@code cls} in ND4J's op registry, once per JVM. */
    static synchronized void use(String nativeName, Class<? extends NativeOpOverride> cls) {
        if (REGISTERED.contains(nativeName)) {
            return;
        }
        try {
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            long hash = Nd4j.getExecutioner().getCustomOperations().get(nativeName).getHash();
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) single.get(holder);
            Field multi = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<Long, Map<String, Class<?>>> byHashAndName = (Map<Long, Map<String, Class<?>>>) multi.get(holder);
            if (byHashAndName.containsKey(hash)) {
                byHashAndName.get(hash).replaceAll((name, old) -> nativeName.equals(name) ? cls : old);
            }
            byHash.put(hash, cls);
            REGISTERED.add(nativeName);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot register " + cls.getSimpleName() + " for the native op "
                    + nativeName + " with ND4J (is the ND4J version other than 1.0.0-M2.1?)", e);
        }
    }
}
