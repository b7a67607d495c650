package org.backprop4j.random;

import java.util.Arrays;

/**
 * A port of NumPy's legacy {@code numpy.random.RandomState}: the generator behind the global
 * functions {@code np.random.seed}, {@code np.random.rand}, {@code np.random.randn},
 * {@code np.random.randint} and friends, which the cs231n assignments use.
 *
 * <p>Seeded with the same integer, an instance produces the same stream as NumPy, call for call:
 * uniform doubles, integers and permutations are bit-identical; Gaussian draws are bit-identical
 * in more than 99.9% of cases and otherwise one or, rarely, two ulps off (the only difference is
 * the last bit of the C library's {@code log}, see {@link #randn()}).
 * The port follows NumPy's sources:
 * <ul>
 *   <li>{@code numpy/random/src/mt19937/mt19937.{h,c}}: the Mersenne Twister, its Knuth
 *       ({@code init_genrand}-style) seeding {@code mt19937_seed}, and the 53-bit double
 *       {@code mt19937_next_double};</li>
 *   <li>{@code numpy/random/src/legacy/legacy-distributions.c}: {@code legacy_gauss} (the polar
 *       Box-Muller method with its cached second value) and {@code legacy_normal};</li>
 *   <li>{@code numpy/random/src/distributions/distributions.c}: {@code random_uniform},
 *       {@code random_bounded_uint64_fill} with masked rejection (which legacy {@code randint}
 *       always uses) and {@code random_interval} (used by {@code shuffle});</li>
 *   <li>{@code numpy/random/mtrand.pyx}: how {@code choice}, {@code permutation},
 *       {@code shuffle}, {@code seed}, {@code get_state} and {@code set_state} use the above.</li>
 * </ul>
 *
 * <p>Argument errors throw {@link IllegalArgumentException} with a sentence that starts like
 * NumPy's {@code ValueError} message. Where NumPy accepts an argument that looks odd, this class
 * accepts it too (for example {@code randint(5, 3, 0)} returns an empty array, as NumPy does, because
 * NumPy returns before checking the bounds when nothing is drawn).
 *
 * <p><b>Not thread-safe</b>: like {@code RandomState} (without its lock), an instance must not be
 * used by several threads at once. Use one instance per thread, or {@link #copy()}.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final long MAX_SEED = 0xFFFF_FFFFL;

    /** The 624 words of Mersenne Twister state, as unsigned 32-bit values stored in ints. */
    private final int[] key = new int[N];
    /** Index of the next word of {@link #key} to temper; {@code N} means a refill is due. */
    private int pos;
    /** Whether {@link #gauss} holds the second value of the last polar Box-Muller pair. */
    private boolean hasGauss;
    /** The cached Gaussian; 0.0 whenever {@link #hasGauss} is false, as in NumPy. */
    private double gauss;

    /**
     * Creates a generator seeded with {@code seed}, like {@code np.random.RandomState(seed)} or
     * {@code np.random.seed(seed)}.
     *
     * @param seed an integer in [0, 2**32 - 1]
     * @throws IllegalArgumentException if {@code seed} is negative or above 2**32 - 1, as NumPy
     *     raises {@code ValueError} for such seeds
     */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /**
     * Creates a generator with an unpredictable seed, taken from {@link System#nanoTime()} mixed
     * with the identity hash of the new object and reduced to 32 bits, then used as
     * {@link #seed(long)}. (NumPy's {@code RandomState()} instead fills the whole state from OS
     * entropy; no Java program can reproduce that stream anyway, so only the fact that it is
     * unpredictable is mirrored.)
     */
    public NumpyRandom() {
        long mixed = System.nanoTime() * 0x9E3779B97F4A7C15L + System.identityHashCode(this);
        seed((mixed ^ (mixed >>> 32)) & MAX_SEED);
    }

    private NumpyRandom(NumpyRandom other) {
        System.arraycopy(other.key, 0, key, 0, N);
        pos = other.pos;
        hasGauss = other.hasGauss;
        gauss = other.gauss;
    }

    /**
     * Reseeds the generator, like {@code np.random.seed(seed)} / {@code RandomState.seed(seed)}:
     * the state is filled by {@code mt19937_seed} (Knuth's multiplier 1812433253, the
     * reference {@code init_genrand}) and the cached Gaussian is discarded.
     *
     * @param seed an integer in [0, 2**32 - 1]
     * @throws IllegalArgumentException if {@code seed} is outside [0, 2**32 - 1]
     */
    public void seed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException(
                    "Seed must be between 0 and 2**32 - 1, but was " + seed + ".");
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
        hasGauss = false;
        gauss = 0.0;
    }

    /**
     * Returns an independent generator in the same state as this one (state and cached Gaussian),
     * so both produce the same stream from here on; like {@code copy.deepcopy(rs)} in Python.
     */
    public NumpyRandom copy() {
        return new NumpyRandom(this);
    }

    // ------------------------------------------------------------------ raw Mersenne Twister

    /** Regenerates the 624 words, {@code mt19937_gen}. */
    private void generate() {
        final int[] k = key;
        int i = 0;
        int y;
        for (; i < N - M; i++) {
            y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
            k[i] = k[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (k[N - 1] & UPPER_MASK) | (k[0] & LOWER_MASK);
        k[N - 1] = k[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next tempered 32-bit word, {@code mt19937_next}; unsigned bits in an int. */
    private int next32() {
        if (pos == N) {
            generate();
        }
        int y = key[pos++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y;
    }

    /** {@code mt19937_next64}: the first 32-bit draw is the high word. */
    private long next64() {
        long hi = next32() & 0xFFFF_FFFFL;
        long lo = next32() & 0xFFFF_FFFFL;
        return (hi << 32) | lo;
    }

    /** {@code mt19937_next_double}: 53 random bits from two draws, in [0, 1). */
    private double nextDouble() {
        int a = next32() >>> 5;
        int b = next32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * {@code legacy_gauss}: the polar Box-Muller method, returning {@code f * x2} and keeping
     * {@code f * x1} for the next call.
     *
     * <p>{@code Math.log} stands for C's {@code log}. Compared with NumPy 2.4 on glibc 2.36
     * (x86-64), 99.96% of two million draws were bit-identical with {@code Math.log} against
     * 96.9% with {@code StrictMath.log} (fdlibm): glibc's {@code log} is not always correctly
     * rounded, and where the two disagree {@code Math.log} was the more accurate one. The
     * plain C expressions are mirrored without {@code Math.fma}.
     */
    private double legacyGauss() {
        if (hasGauss) {
            double temp = gauss;
            hasGauss = false;
            gauss = 0.0;
            return temp;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** Smallest all-ones bit mask covering {@code max} (unsigned), NumPy's {@code gen_mask}. */
    private static long genMask(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        return mask;
    }

    /**
     * {@code random_interval(state, max)} for {@code 0 <= max < 2**31}: a uniform integer in
     * [0, max] by masked rejection on 32-bit draws; draws nothing when {@code max == 0}.
     */
    private int randomInterval(int max) {
        if (max == 0) {
            return 0;
        }
        int mask = (int) genMask(max);
        int value;
        while ((value = next32() & mask) > max) {
            // rejected: both sides are non-negative ints, so the signed comparison is exact
        }
        return value;
    }

    // ------------------------------------------------------------------ uniform doubles

    /**
     * One uniform double in [0, 1), like {@code np.random.rand()} /
     * {@code np.random.random_sample()}: {@code (a * 2**26 + b) / 2**53} from two 32-bit draws
     * {@code a >> 5} and {@code b >> 6}. Bit-identical to NumPy.
     */
    public double rand() {
        return nextDouble();
    }

    /**
     * {@code n} uniform doubles in [0, 1), like {@code np.random.rand(n)}; equal to {@code n}
     * calls of {@link #rand()}.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public double[] rand(int n) {
        checkSize(n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextDouble();
        }
        return out;
    }

    /** Same as {@link #rand()}: {@code np.random.random_sample()} (alias {@code random()}). */
    public double randomSample() {
        return nextDouble();
    }

    /** Same as {@link #rand(int)}: {@code np.random.random_sample(n)}. */
    public double[] randomSample(int n) {
        return rand(n);
    }

    /**
     * One double uniform on [low, high), like {@code np.random.uniform(low, high)}; computed as
     * NumPy does, {@code low + (high - low) * u} with {@code u} from {@link #rand()}, the
     * difference being formed once. As in NumPy, {@code high < low} is accepted (the result then
     * lies in (high, low]) and {@code high == low} returns {@code low}.
     *
     * @throws IllegalArgumentException if {@code high - low} is not finite (NumPy: "Range
     *     exceeds valid bounds")
     */
    public double uniform(double low, double high) {
        double range = uniformRange(low, high);
        return low + range * nextDouble();
    }

    /**
     * {@code n} doubles uniform on [low, high), like {@code np.random.uniform(low, high, n)}.
     *
     * @throws IllegalArgumentException if {@code high - low} is not finite or {@code n < 0}
     */
    public double[] uniform(double low, double high, int n) {
        double range = uniformRange(low, high);
        checkSize(n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = low + range * nextDouble();
        }
        return out;
    }

    private static double uniformRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("Range exceeds valid bounds: high - low must be finite, but "
                    + "high = " + high + " and low = " + low + ".");
        }
        return range;
    }

    // ------------------------------------------------------------------ Gaussians

    /**
     * One standard normal draw, like {@code np.random.randn()} /
     * {@code np.random.standard_normal()}, by NumPy's {@code legacy_gauss}: the polar Box-Muller
     * method, which makes two values from two uniform doubles (rejecting pairs outside the unit
     * disc), returns one and caches the other for the next call. The cache is part of the state
     * ({@link #getState()}) and is cleared by {@link #seed(long)}.
     *
     * <p>The computation is NumPy's, but Java's {@code Math.log} and the C library's
     * {@code log} occasionally round the last bit differently, which after the square root and
     * the product leaves the draw one (0.035% of draws) or two (0.006%) ulps from NumPy's.
     */
    public double randn() {
        return legacyGauss();
    }

    /**
     * {@code n} standard normal draws, like {@code np.random.randn(n)}; equal to {@code n} calls
     * of {@link #randn()}, so a cached value from an earlier odd-sized call is used first.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public double[] randn(int n) {
        checkSize(n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = legacyGauss();
        }
        return out;
    }

    /**
     * One draw from N(loc, scale**2), like {@code np.random.normal(loc, scale)}, computed as
     * NumPy's {@code legacy_normal}: {@code loc + scale * randn()}.
     *
     * @throws IllegalArgumentException if {@code scale} is negative; like NumPy this includes
     *     {@code -0.0} (NumPy tests the sign bit), while NaN is accepted
     */
    public double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * legacyGauss();
    }

    /**
     * {@code n} draws from N(loc, scale**2), like {@code np.random.normal(loc, scale, n)}.
     *
     * @throws IllegalArgumentException if {@code scale} is negative (or -0.0) or {@code n < 0}
     */
    public double[] normal(double loc, double scale, int n) {
        checkScale(scale);
        checkSize(n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = loc + scale * legacyGauss();
        }
        return out;
    }

    private static void checkScale(double scale) {
        // NumPy's CONS_NON_NEGATIVE: "not isnan(val) and signbit(val)" raises "scale < 0".
        if (!Double.isNaN(scale) && Double.doubleToRawLongBits(scale) < 0) {
            throw new IllegalArgumentException("scale < 0: the standard deviation must be non-negative, but was "
                    + scale + ".");
        }
    }

    // ------------------------------------------------------------------ integers

    /**
     * One integer uniform on [low, high), like {@code np.random.randint(low, high)} with the
     * default dtype (int64 on Linux and macOS). Bit-identical to NumPy: the closed range
     * {@code rng = high - 1 - low} is sampled by masked rejection, from one 32-bit draw per try
     * when {@code rng < 2**32} and from a 64-bit draw (two 32-bit draws, the first giving the
     * high word) otherwise.
     *
     * @throws IllegalArgumentException if {@code low >= high}
     */
    public long randint(long low, long high) {
        checkLowHigh(low, high);
        return boundedDraw(low, rngOf(low, high));
    }

    /**
     * {@code n} integers uniform on [low, high), like {@code np.random.randint(low, high, size=n)}.
     * As in NumPy, {@code n == 0} returns an empty array without looking at the bounds.
     *
     * @throws IllegalArgumentException if {@code n < 0}, or {@code n > 0} and {@code low >= high}
     */
    public long[] randint(long low, long high, int n) {
        checkSize(n);
        long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        checkLowHigh(low, high);
        long rng = rngOf(low, high);
        for (int i = 0; i < n; i++) {
            out[i] = boundedDraw(low, rng);
        }
        return out;
    }

    /**
     * {@code n} integers uniform on [0, high), as ints: the values of
     * {@code np.random.randint(high, size=n)} (default int64 dtype, same stream as
     * {@link #randint(long, long, int)} with {@code low = 0}).
     *
     * @throws IllegalArgumentException if {@code n < 0}, or {@code n > 0} and {@code high <= 0}
     */
    public int[] randintInt(int high, int n) {
        long[] wide = randint(0, high, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) wide[i];
        }
        return out;
    }

    private static long rngOf(long low, long high) {
        // high - 1 - low as an unsigned 64-bit number: exact for every low < high.
        return (high - 1) - low;
    }

    /** {@code random_bounded_uint64} with {@code use_masked = true}, shifted by {@code off}. */
    private long boundedDraw(long off, long rng) {
        if (rng == 0) {
            return off;
        }
        if (Long.compareUnsigned(rng, MAX_SEED) <= 0) {
            int r = (int) rng;
            int mask = (int) genMask(rng);
            int val;
            while (Integer.compareUnsigned(val = next32() & mask, r) > 0) {
                // rejected
            }
            return off + (val & 0xFFFF_FFFFL);
        }
        long mask = genMask(rng);
        long val;
        while (Long.compareUnsigned(val = next64() & mask, rng) > 0) {
            // rejected
        }
        return off + val;
    }

    private static void checkLowHigh(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException(
                    "low >= high: randint needs low < high (high is exclusive), but low = " + low
                            + " and high = " + high + ".");
        }
    }

    // ------------------------------------------------------------------ choice, permutations

    /**
     * {@code size} indices drawn from {@code range(a)} with replacement, like
     * {@code np.random.choice(a, size)}. NumPy implements this as
     * {@code randint(0, a, size=size)}, and so does this method.
     *
     * @throws IllegalArgumentException if {@code a <= 0} while {@code size != 0}, or
     *     {@code size < 0}
     */
    public int[] choice(int a, int size) {
        return choice(a, size, true);
    }

    /**
     * {@code size} indices drawn from {@code range(a)}, like
     * {@code np.random.choice(a, size, replace=replace)} (with {@code p=None}). With replacement
     * this is {@code randint(0, a, size)}; without, NumPy's legacy code takes the first
     * {@code size} entries of {@code permutation(a)}, which shuffles all {@code a} entries (so
     * it costs {@code a - 1} draws whatever {@code size} is), and so does this method.
     *
     * @throws IllegalArgumentException if {@code a <= 0} while {@code size != 0}; if
     *     {@code size < 0}; or if {@code replace} is false and {@code size > a}
     */
    public int[] choice(int a, int size, boolean replace) {
        if (a <= 0 && size != 0) {
            throw new IllegalArgumentException("a must be greater than 0 unless no samples are taken, but a = "
                    + a + " and size = " + size + ".");
        }
        if (replace) {
            return randintInt(a, size);
        }
        if (size > a) {
            throw new IllegalArgumentException("Cannot take a larger sample than population when replace=False: size = "
                    + size + " but a = " + a + ".");
        }
        checkSize(size);
        return Arrays.copyOf(permutation(a), size);
    }

    /**
     * A random permutation of {@code 0, 1, ..., n - 1}, like {@code np.random.permutation(n)}:
     * {@code arange(n)} shuffled by {@link #shuffle(int[])}. As in NumPy (where
     * {@code arange(n)} is empty for negative {@code n}), a negative {@code n} gives an empty
     * array and draws nothing.
     */
    public int[] permutation(int n) {
        int[] out = new int[Math.max(n, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        shuffle(out);
        return out;
    }

    /**
     * Shuffles {@code a} in place, like {@code np.random.shuffle(a)} on a 1-D array: for
     * {@code i} from {@code a.length - 1} down to 1, swap {@code a[i]} with {@code a[j]}, where
     * {@code j = random_interval(i)} is uniform on [0, i] by masked rejection on 32-bit draws.
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = randomInterval(i);
            int t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /** Shuffles {@code a} in place, like {@code np.random.shuffle(a)}; same draws as {@link #shuffle(int[])}. */
    public void shuffle(double[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = randomInterval(i);
            double t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /** Shuffles {@code a} in place, like {@code np.random.shuffle(a)}; same draws as {@link #shuffle(int[])}. */
    public void shuffle(long[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = randomInterval(i);
            long t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    /**
     * Shuffles the elements of {@code a} in place, e.g. the rows of a {@code double[][]}, like
     * {@code np.random.shuffle(x)} on a 2-D array, which permutes its rows with the same draws as
     * {@link #shuffle(int[])} on a 1-D array of the same length.
     */
    public void shuffle(Object[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = randomInterval(i);
            Object t = a[j];
            a[j] = a[i];
            a[i] = t;
        }
    }

    private static void checkSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(
                    "negative dimensions are not allowed: size must be >= 0, but was " + n + ".");
        }
    }

    // ------------------------------------------------------------------ state

    /**
     * The generator's state, like the tuple {@code np.random.get_state()} returns:
     * {@code ('MT19937', key, pos, has_gauss, cached_gaussian)}.
     *
     * @param key the 624 Mersenne Twister words; each int holds the bits of NumPy's uint32 entry
     *     (use {@link Integer#toUnsignedLong(int)} to compare with NumPy's values)
     * @param pos index of the next word to use, in [0, 624]
     * @param hasGauss whether a Gaussian is cached
     * @param cachedGaussian the cached Gaussian (0.0 when none is, as in NumPy)
     */
    public record State(int[] key, int pos, boolean hasGauss, double cachedGaussian) {

        /**
         * Validates and copies the key.
         *
         * @throws IllegalArgumentException if {@code key} is null or not 624 long, or {@code pos}
         *     is outside [0, 624]
         */
        public State {
            if (key == null || key.length != N) {
                throw new IllegalArgumentException("key must hold 624 words, but "
                        + (key == null ? "was null" : "has " + key.length) + ".");
            }
            if (pos < 0 || pos > N) {
                throw new IllegalArgumentException("pos must be between 0 and 624, but was " + pos + ".");
            }
            key = key.clone();
        }

        /** A copy of the 624 key words. */
        @Override
        public int[] key() {
            return key.clone();
        }

        /** Equal when all fields are; the key by content, the cached Gaussian by its bits. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State s
                    && pos == s.pos
                    && hasGauss == s.hasGauss
                    && Double.doubleToLongBits(cachedGaussian) == Double.doubleToLongBits(s.cachedGaussian)
                    && Arrays.equals(key, s.key);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(key) * 31 + pos) * 31 + Boolean.hashCode(hasGauss)) * 31
                    + Double.hashCode(cachedGaussian);
        }

        @Override
        public String toString() {
            return "State[key=[" + Integer.toUnsignedString(key[0]) + ", " + Integer.toUnsignedString(key[1])
                    + ", ...], pos=" + pos + ", hasGauss=" + hasGauss + ", cachedGaussian=" + cachedGaussian + "]";
        }
    }

    /** A snapshot of the state, like {@code np.random.get_state()}; later draws do not change it. */
    public State getState() {
        return new State(key, pos, hasGauss, gauss);
    }

    /**
     * Restores a state taken by {@link #getState()} (here or in NumPy), like
     * {@code np.random.set_state(state)}; the next draws are those that followed the snapshot.
     */
    public void setState(State state) {
        System.arraycopy(state.key, 0, key, 0, N);
        pos = state.pos;
        hasGauss = state.hasGauss;
        gauss = state.cachedGaussian;
    }
}
