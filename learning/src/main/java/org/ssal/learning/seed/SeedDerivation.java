package org.ssal.learning.seed;

/**
 * The one way ssal derives a seed from another: {@code derive(parent, key) = mix64(parent + γ·(key + 1))}
 * with γ = 0x9E3779B97F4A7C15 (the golden-ratio increment) and {@code mix64} the SplitMix64
 * finaliser (Stafford's variant 13, as in Steele, Lea &amp; Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014). A text key (a purpose name, a split, a class, a sample id) is
 * first turned into a number by {@link #keyOf(String)}.
 *
 * <p>Why not {@code new SplittableRandom(seed + i)}: streams of neighbouring seeds are shifted
 * copies of each other. The finaliser spreads neighbouring inputs over all 64 bits, so the seeds
 * of sample 7 and sample 8, or of round 3 and round 4, are unrelated. Every derived seed is a
 * plain {@code long}, so an audit can name it and recompute it (see docs/design.md, "Seeds").
 */
public final class SeedDerivation {
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedDerivation() {
    }

    /** The child seed number {@code key} of {@code parent}. */
    public static long derive(long parent, long key) {
        return mix64(parent + GOLDEN_GAMMA * (key + 1));
    }

    /** The child seed of {@code parent} named by a text, e.g. a split or a class name. */
    public static long derive(long parent, String key) {
        return derive(parent, keyOf(key));
    }

    /**
     * The number of a text key: {@link String#hashCode()} sign-extended to 64 bits. That hash is
     * specified by the Java platform (s[0]·31^(n-1) + … + s[n-1], 32-bit), so the key is the same on
     * every JVM and easy to recompute elsewhere.
     */
    public static long keyOf(String key) {
        return key.hashCode();
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values that mixes every input bit into every output bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
