"""itertools: CPython 3.11's iterators (Modules/itertoolsmodule.c), written as classes with
__iter__/__next__ since the VM has no generators. The infinite and the consuming ones
(count, cycle, repeat, chain, islice, takewhile, dropwhile, accumulate, groupby, ...)
are lazy, as CPython's; the combinatoric ones (product, permutations, combinations)
produce their tuples in CPython's order from index vectors, as CPython does.
"""


class _Iterator:
    def __iter__(self):
        return self


class count(_Iterator):
    def __init__(self, start=0, step=1):
        self._n = start
        self._step = step

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1:
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


class cycle(_Iterator):
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._saved = []
        self._i = -1

    def __next__(self):
        if self._i < 0:
            try:
                v = next(self._it)
                self._saved.append(v)
                return v
            except StopIteration:
                if not self._saved:
                    raise
                self._i = 0
        v = self._saved[self._i]
        self._i = (self._i + 1) % len(self._saved)
        return v


class repeat(_Iterator):
    def __init__(self, object, times=None):
        self._object = object
        self._times = times

    def __next__(self):
        if self._times is not None:
            if self._times <= 0:
                raise StopIteration
            self._times -= 1
        return self._object

    def __length_hint__(self):
        return self._times

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {max(self._times, 0)})"


class chain(_Iterator):
    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._it = None

    @classmethod
    def from_iterable(cls, iterable):
        c = cls()
        c._sources = iter(iterable)
        return c

    def __next__(self):
        while True:
            if self._it is None:
                self._it = iter(next(self._sources))
            try:
                return next(self._it)
            except StopIteration:
                self._it = None


def _index(v, what):
    if v is None:
        return None
    if not isinstance(v, int) or v < 0:
        raise ValueError(f"{what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    return v


class islice(_Iterator):
    def __init__(self, iterable, *args):
        if len(args) == 1:
            start, stop, step = None, args[0], None
        elif len(args) in (2, 3):
            start, stop = args[0], args[1]
            step = args[2] if len(args) == 3 else None
        else:
            raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
        self._stop = _index(stop, "Stop")
        self._next = _index(start, "Indices") or 0
        step = _index(step, "Step")
        if step == 0:
            raise ValueError("Step for islice() must be a positive integer or None.")
        self._step = step or 1
        self._it = iter(iterable)
        self._i = 0

    def __next__(self):
        if self._stop is not None and self._next >= self._stop:
            raise StopIteration
        while self._i < self._next:
            next(self._it)
            self._i += 1
        v = next(self._it)
        self._i += 1
        self._next += self._step
        return v


class zip_longest(_Iterator):
    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(it) for it in iterables]
        self._active = len(self._its)
        self._fill = fillvalue

    def __next__(self):
        if not self._its or self._active == 0:
            raise StopIteration
        values = []
        for i in range(len(self._its)):
            it = self._its[i]
            if it is None:
                values.append(self._fill)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                self._active -= 1
                if self._active == 0:
                    raise
                self._its[i] = None
                values.append(self._fill)
        return tuple(values)


class _Indexed(_Iterator):
    """Tuples drawn from a pool by an index vector that `_advance` steps on."""

    def __next__(self):
        if self._done:
            raise StopIteration
        result = self._current()
        self._done = not self._advance()
        return result


class product(_Indexed):
    def __init__(self, *iterables, repeat=1):
        self._pools = [tuple(p) for p in iterables] * repeat
        self._idx = [0] * len(self._pools)
        self._done = any(len(p) == 0 for p in self._pools)

    def _current(self):
        return tuple([p[i] for p, i in zip(self._pools, self._idx)])

    def _advance(self):
        for k in range(len(self._pools) - 1, -1, -1):
            self._idx[k] += 1
            if self._idx[k] < len(self._pools[k]):
                return True
            self._idx[k] = 0
        return False


class combinations(_Indexed):
    def __init__(self, iterable, r):
        self._pool = tuple(iterable)
        self._r = r
        self._idx = list(range(r))
        self._done = r > len(self._pool)

    def _current(self):
        return tuple([self._pool[i] for i in self._idx])

    def _advance(self):
        n, r = len(self._pool), self._r
        for i in range(r - 1, -1, -1):
            if self._idx[i] != i + n - r:
                self._idx[i] += 1
                for j in range(i + 1, r):
                    self._idx[j] = self._idx[j - 1] + 1
                return True
        return False


class combinations_with_replacement(_Indexed):
    def __init__(self, iterable, r):
        self._pool = tuple(iterable)
        self._r = r
        self._idx = [0] * r
        self._done = not self._pool and r > 0

    def _current(self):
        return tuple([self._pool[i] for i in self._idx])

    def _advance(self):
        n, r = len(self._pool), self._r
        for i in range(r - 1, -1, -1):
            if self._idx[i] != n - 1:
                v = self._idx[i] + 1
                for j in range(i, r):
                    self._idx[j] = v
                return True
        return False


class permutations(_Indexed):
    def __init__(self, iterable, r=None):
        self._pool = tuple(iterable)
        n = len(self._pool)
        self._r = n if r is None else r
        self._indices = list(range(n))
        self._cycles = list(range(n, n - self._r, -1))
        self._done = self._r > n

    def _current(self):
        return tuple([self._pool[i] for i in self._indices[:self._r]])

    def _advance(self):
        n, r = len(self._pool), self._r
        indices, cycles = self._indices, self._cycles
        for i in range(r - 1, -1, -1):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                return True
        return False


class accumulate(_Iterator):
    def __init__(self, iterable, func=None, *, initial=None):
        self._it = iter(iterable)
        self._func = func
        self._total = initial
        self._started = initial is not None
        self._pending_initial = initial is not None

    def __next__(self):
        if self._pending_initial:
            self._pending_initial = False
            return self._total
        v = next(self._it)
        if not self._started:
            self._started = True
            self._total = v
        elif self._func is None:
            self._total = self._total + v
        else:
            self._total = self._func(self._total, v)
        return self._total


class starmap(_Iterator):
    def __init__(self, function, iterable):
        self._f = function
        self._it = iter(iterable)

    def __next__(self):
        return self._f(*next(self._it))


class takewhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._p = predicate
        self._it = iter(iterable)
        self._stopped = False

    def __next__(self):
        if self._stopped:
            raise StopIteration
        v = next(self._it)
        if self._p(v):
            return v
        self._stopped = True
        raise StopIteration


class dropwhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._p = predicate
        self._it = iter(iterable)
        self._dropping = True

    def __next__(self):
        while self._dropping:
            v = next(self._it)
            if not self._p(v):
                self._dropping = False
                return v
        return next(self._it)


class filterfalse(_Iterator):
    def __init__(self, predicate, iterable):
        self._p = bool if predicate is None else predicate
        self._it = iter(iterable)

    def __next__(self):
        while True:
            v = next(self._it)
            if not self._p(v):
                return v


class compress(_Iterator):
    def __init__(self, data, selectors):
        self._data = iter(data)
        self._sel = iter(selectors)

    def __next__(self):
        while True:
            v = next(self._data)
            if next(self._sel):
                return v


class pairwise(_Iterator):
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._last = None
        self._started = False

    def __next__(self):
        if not self._started:
            self._last = next(self._it)
            self._started = True
        v = next(self._it)
        pair = (self._last, v)
        self._last = v
        return pair


class groupby(_Iterator):
    """CPython's groupby: a new group invalidates the previous grouper (`_id`)."""

    def __init__(self, iterable, key=None):
        self._keyfunc = (lambda x: x) if key is None else key
        self._it = iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = object()
        self._id = None

    def __next__(self):
        self._id = object()
        while self._currkey == self._tgtkey:
            self._currvalue = next(self._it)
            self._currkey = self._keyfunc(self._currvalue)
        self._tgtkey = self._currkey
        return (self._currkey, _Grouper(self, self._tgtkey, self._id))


class _Grouper(_Iterator):
    def __init__(self, parent, tgtkey, id):
        self._p = parent
        self._tgtkey = tgtkey
        self._id = id
        self._advance = False
        self._done = False

    def __next__(self):
        p = self._p
        if self._done:
            raise StopIteration
        if self._advance:
            self._advance = False
            try:
                p._currvalue = next(p._it)
            except StopIteration:
                self._done = True
                raise
            p._currkey = p._keyfunc(p._currvalue)
        if p._id is not self._id or p._currkey != self._tgtkey:
            self._done = True
            raise StopIteration
        self._advance = True
        return p._currvalue


class _TeeBuffer:
    def __init__(self, iterable, n):
        self.it = iter(iterable)
        self.items = []
        self.positions = [0] * n
        self.base = 0


class _Tee(_Iterator):
    def __init__(self, buffer, i):
        self._b = buffer
        self._i = i

    def __next__(self):
        b = self._b
        pos = b.positions[self._i]
        if pos - b.base >= len(b.items):
            b.items.append(next(b.it))
        v = b.items[pos - b.base]
        b.positions[self._i] = pos + 1
        # Drop what every copy has read.
        low = min(b.positions)
        if low > b.base:
            b.items = b.items[low - b.base:]
            b.base = low
        return v


def tee(iterable, n=2):
    if n < 0:
        raise ValueError("n must be >= 0")
    buffer = _TeeBuffer(iterable, n)
    return tuple([_Tee(buffer, i) for i in range(n)])
