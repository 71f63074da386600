package org.ssal.learning.ssl;

import java.lang.reflect.Field;
import java.util.Map;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J re-create a native custom op as one of our classes when it copies a graph.
 * <p>Why: SameDiff copies every op through its FlatBuffers form when it builds the gradient
 * function, and the copy is re-created from the op's native name, so a subclass that only
 * changes {@code doDiff} would be replaced by the stock class before its gradient is asked for.
 * Forward execution is unchanged (same native kernel, same arguments). ND4J 1.0.0-M2.1 offers no
 * public hook for this, hence the reflection on its op registry.
 */
final class NativeOpOverride {
    private NativeOpOverride() { }

    static synchronized void use(String nativeName, Class<?> cls) {
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
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot register " + cls.getSimpleName() + " for the native op "
                    + nativeName + " with ND4J (is the ND4J version other than 1.0.0-M2.1?)", e);
        }
    }
}
