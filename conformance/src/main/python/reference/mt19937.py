"""Pure-Python re-implementation of the parts of NumPy's LEGACY global
generator (``np.random.seed`` / ``RandomState``) used by the coursework code.
It exists to document, for the Java port, exactly how NumPy turns a seed into
numbers; gen_vectors.py checks it against NumPy and writes numpy_rng.json.

- seed(s), 0 <= s < 2**32: MT19937 init_genrand (mt[0] = s; mt[i] =
  1812433253 * (mt[i-1] ^ (mt[i-1] >> 30)) + i, mod 2**32), and the cached
  Gaussian is discarded.
- next_uint32: the standard MT19937 tempered output.
- random_sample / rand: a = next>>5, b = next>>6; (a*67108864.0 + b) / 9007199254740992.0
- gauss / randn (legacy polar Box-Muller, one cached value):
      if has_gauss: return the cached value
      repeat: x1 = 2*u1 - 1; x2 = 2*u2 - 1; r2 = x1*x1 + x2*x2
      until 0 < r2 < 1
      f = sqrt(-2*log(r2)/r2); cache f*x1; return f*x2
- normal(loc, scale) = loc + scale * gauss   (so normal(0, s) == s * gauss)
- randint(0, high) / choice(high, size) (replace=True, p=None): rng = high-1;
  mask = smallest 2**k - 1 >= rng; draw v = next_uint32 & mask until v <= rng
  (rng == 0 returns 0 without drawing).
- permutation(n): arr = arange(n); for i = n-1 down to 1: j = interval(i)
  (masked rejection as above with rng = i); swap arr[i], arr[j].
"""
import math


class LegacyMT19937(object):
    N = 624
    M = 397

    def __init__(self, seed=0):
        self.seed(seed)

    def seed(self, s):
        if not (0 <= s < 2 ** 32):
            raise ValueError(s)
        mt = [0] * self.N
        mt[0] = s & 0xffffffff
        for i in range(1, self.N):
            mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xffffffff
        self.mt = mt
        self.pos = self.N
        self.has_gauss = False
        self.gauss_cache = 0.0

    def _generate(self):
        mt = self.mt
        N, M = self.N, self.M
        for i in range(N):
            y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff)
            v = mt[(i + M) % N] ^ (y >> 1)
            if y & 1:
                v ^= 0x9908b0df
            mt[i] = v
        self.pos = 0

    def next_uint32(self):
        if self.pos >= self.N:
            self._generate()
        y = self.mt[self.pos]
        self.pos += 1
        y ^= (y >> 11)
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= (y >> 18)
        return y & 0xffffffff

    def random_sample(self):
        a = self.next_uint32() >> 5
        b = self.next_uint32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    def gauss(self):
        if self.has_gauss:
            self.has_gauss = False
            return self.gauss_cache
        while True:
            x1 = 2.0 * self.random_sample() - 1.0
            x2 = 2.0 * self.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self.gauss_cache = f * x1
        self.has_gauss = True
        return f * x2

    def normal(self, loc, scale):
        return loc + scale * self.gauss()

    def interval(self, rng):
        """Uniform integer in [0, rng] by masked rejection (rng < 2**32)."""
        if rng == 0:
            return 0
        mask = rng
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while True:
            v = self.next_uint32() & mask
            if v <= rng:
                return v

    def choice(self, n, size):
        return [self.interval(n - 1) for _ in range(size)]

    def permutation(self, n):
        arr = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.interval(i)
            arr[i], arr[j] = arr[j], arr[i]
        return arr
