package org.ssal.learning.data;

/** Derives independent seeds from a base seed and a salt, so that no loader shares a random stream. */
final class Seeds {
    private Seeds() {
    }

    /**
     * A well-mixed seed for ({@code seed}, {@code salt}); the SplitMix64 finaliser (Steele et al.,
     * "Fast splittable pseudorandom number generators", OOPSLA 2014) spreads neighbouring inputs
     * over the whole 64-bit range, so seeds for sample 7 and sample 8 are unrelated.
     */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A salt for a text such as a split or class name; String.hashCode is specified, hence stable. */
    static long mix(long seed, String salt) {
        return mix(seed, (long) salt.hashCode());
    }
}
