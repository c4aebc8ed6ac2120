"""secrets (CPython 3.11's `Lib/secrets.py`): tokens and choices from the OS's entropy.
Here the run's system generator stands for it (`_random.system_getrandbits`): the draws
repeat from run to run and leave `random`'s sequence as CPython's.
"""

import _random

__all__ = ['choice', 'randbelow', 'randbits', 'SystemRandom',
           'token_bytes', 'token_hex', 'token_urlsafe', 'compare_digest']

DEFAULT_ENTROPY = 32  # number of bytes to return by default


class SystemRandom:
    """`random.SystemRandom`: the `random` API over the system generator."""

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        return _random.system_getrandbits(k)

    def random(self):
        # As `SystemRandom.random`: 56 random bits, scaled to [0, 1).
        return (_random.system_getrandbits(56) >> 3) * 2 ** -53

    def _randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return self._randbelow(start)
            raise ValueError("empty range for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (start, stop, width))
        if step > 0:
            n = (width + step - 1) // step
        elif step < 0:
            n = (width + step + 1) // step
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return start + step * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k):
        pool = list(population)
        n = len(pool)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = []
        for i in range(k):
            j = self._randbelow(n - i)
            result.append(pool[j])
            pool[j] = pool[n - i - 1]
        return result

    def uniform(self, a, b):
        return a + (b - a) * self.random()


_sysrand = SystemRandom()

randbits = _sysrand.getrandbits
choice = _sysrand.choice


def randbelow(exclusive_upper_bound):
    """Return a random int in the range [0, n)."""
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")
    return _sysrand._randbelow(exclusive_upper_bound)


def _token_ints(nbytes):
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return [_sysrand.getrandbits(8) for _ in range(nbytes)]


def token_bytes(nbytes=None):
    """Return a random byte string containing *nbytes* bytes."""
    return bytes(_token_ints(nbytes))


def token_hex(nbytes=None):
    """Return a random text string, in hexadecimal: two digits per byte."""
    return ''.join('%02x' % b for b in _token_ints(nbytes))


_URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'


def token_urlsafe(nbytes=None):
    """Return a random URL-safe text string, in Base64 (no padding)."""
    data = _token_ints(nbytes)
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = 0
        for b in chunk:
            n = (n << 8) | b
        n <<= 8 * (3 - len(chunk))
        chars = [_URLSAFE[(n >> s) & 63] for s in (18, 12, 6, 0)]
        out.append(''.join(chars[:len(chunk) + 1]))
    return ''.join(out)


def compare_digest(a, b):
    """`hmac.compare_digest`: two ASCII strs or two bytes-like objects, equal in time
    independent of where they differ."""
    if isinstance(a, str) and isinstance(b, str):
        for s in (a, b):
            if not s.isascii():
                raise TypeError("comparing strings with non-ASCII characters is not supported")
        return a == b
    buffers = (bytes, bytearray)
    if not isinstance(a, buffers) and not isinstance(b, buffers):
        raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'"
                        % (type(a).__name__, type(b).__name__))
    for s in (a, b):
        if not isinstance(s, buffers):
            raise TypeError("a bytes-like object is required, not '%s'" % type(s).__name__)
    return bytes(a) == bytes(b)
