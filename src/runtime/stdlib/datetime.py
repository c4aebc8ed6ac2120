"""datetime: timedelta, date, time, datetime and timezone, after CPython 3.11's
Lib/datetime.py (its pure-Python twin of the C module), with its reprs, str forms and
messages. `datetime.now()`, `date.today()` and `utcnow()` read the virtual clock: 0.0
is 1970-01-01 00:00:00 and the run's time zone is UTC (see `time`).

Values are not hashable by value here (the VM hashes instances by identity), so two
equal dates are two dict keys.
"""

import time as _time

MINYEAR = 1
MAXYEAR = 9999
_DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def _days_in_month(year, month):
    if month == 2 and _time._is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _check_int(name, value):
    if not isinstance(value, int):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")


def _check_date(year, month, day):
    for v in (year, month, day):
        _check_int("", v)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")


def _check_time(hour, minute, second, microsecond):
    for v in (hour, minute, second, microsecond):
        _check_int("", v)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")


class _Ordered:
    """Equality, hashing and ordering by `_key()`, shared by timedelta, date, time and
    datetime (CPython's `_cmp` methods). Values compare with values of their own kind
    (`_kind`: a datetime is not a date here); any other operand gives NotImplemented,
    so `==` is False and `<` raises the usual TypeError. A datetime ordered against a
    date raises "can't compare datetime.datetime to datetime.date", whichever side it
    is on (date's comparison declines, datetime's raises)."""

    def _kind(self):
        raise NotImplementedError

    def _other_key(self, other):
        if isinstance(other, _Ordered) and other._kind() is self._kind():
            return other._key()
        if isinstance(self, datetime) and isinstance(other, date):
            raise TypeError("can't compare datetime.datetime to datetime.date")
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, _Ordered) and other._kind() is self._kind():
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __lt__(self, other):
        k = self._other_key(other)
        return NotImplemented if k is NotImplemented else self._key() < k

    def __le__(self, other):
        k = self._other_key(other)
        return NotImplemented if k is NotImplemented else self._key() <= k

    def __gt__(self, other):
        k = self._other_key(other)
        return NotImplemented if k is NotImplemented else self._key() > k

    def __ge__(self, other):
        k = self._other_key(other)
        return NotImplemented if k is NotImplemented else self._key() >= k


class timedelta(_Ordered):
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = (days + weeks * 7) * 86400 * 1000000 + (seconds + minutes * 60 + hours * 3600) * 1000000 \
            + microseconds + milliseconds * 1000
        if isinstance(total, float):
            total = round(total)
        d, rest = divmod(total, 86400 * 1000000)
        s, us = divmod(rest, 1000000)
        if abs(d) > 999999999:
            raise OverflowError(f"days={d}; must have magnitude <= 999999999")
        self._days = d
        self._seconds = s
        self._microseconds = us

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append(f"days={self._days}")
        if self._seconds:
            args.append(f"seconds={self._seconds}")
        if self._microseconds:
            args.append(f"microseconds={self._microseconds}")
        return "datetime.timedelta(" + (", ".join(args) if args else "0") + ")"

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = f"{hh}:{mm:02d}:{ss:02d}"
        if self._days:
            plural = "s" if abs(self._days) != 1 else ""
            s = f"{self._days} day{plural}, " + s
        if self._microseconds:
            s = s + f".{self._microseconds:06d}"
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() + other._us())
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return timedelta(microseconds=-self._us()) if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._us() * other))
        return NotImplemented

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._us() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return timedelta(microseconds=self._us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() % other._us())
        return NotImplemented

    def _kind(self):
        return timedelta

    def _key(self):
        return self._us()

    def __bool__(self):
        return self._us() != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class tzinfo:
    pass


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("offset must be a timedelta")
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        if not self._offset:
            return "UTC"
        return "UTC" + _format_offset(self._offset)

    def __repr__(self):
        if self is timezone.utc:
            return "datetime.timezone.utc"
        if self._name is None:
            return f"datetime.timezone({self._offset!r})"
        return f"datetime.timezone({self._offset!r}, {self._name!r})"

    def __str__(self):
        return self.tzname(None)

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)


timezone.utc = timezone(timedelta(0))
UTC = timezone.utc


def _format_offset(off, sep=":"):
    us = off._us()
    sign = "-" if us < 0 else "+"
    us = abs(us)
    hh, rest = divmod(us, 3600 * 10 ** 6)
    mm, rest = divmod(rest, 60 * 10 ** 6)
    ss, us = divmod(rest, 10 ** 6)
    s = f"{sign}{hh:02d}{sep}{mm:02d}"
    if ss or us:
        s += f"{sep}{ss:02d}"
        if us:
            s += f".{us:06d}"
    return s


class date(_Ordered):
    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self._year = year
        self._month = month
        self._day = day

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _time._from_ordinal(_time._EPOCH_ORDINAL + int(t // 86400))
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _time._from_ordinal(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            y, m, d = s.split("-")
            return cls(int(y), int(m), int(d))
        except (ValueError, TypeError):
            raise ValueError(f"Invalid isoformat string: {s!r}")

    def toordinal(self):
        return _time._ordinal(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        return _time._iso_calendar(self._year, self._month, self._day)

    def timetuple(self):
        yday = self.toordinal() - _time._ordinal(self._year, 1, 1) + 1
        return _time.struct_time((self._year, self._month, self._day, 0, 0, 0, self.weekday(), yday, -1))

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def isoformat(self):
        return f"{self._year:04d}-{self._month:02d}-{self._day:02d}"

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return f"datetime.date({self._year}, {self._month}, {self._day})"

    def ctime(self):
        return self.strftime("%a %b %e 00:00:00 %Y")

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, self.weekday(), None)

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def _kind(self):
        return date

    def _key(self):
        return (self._year, self._month, self._day)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() + other.days)
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


def _strftime(fmt, y, mon, d, hh, mm, ss, us, wday, tz):
    yday = _time._ordinal(y, mon, d) - _time._ordinal(y, 1, 1) + 1
    zone = ""
    offset = ""
    if tz is not None:
        zone = tz.tzname(None)
        offset = _format_offset(tz.utcoffset(None), "")
    return _time._format(fmt, y, mon, d, hh, mm, ss, wday, yday, zone, offset, us)


class time(_Ordered):
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_time(hour, minute, second, microsecond)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    def isoformat(self, timespec="auto"):
        return _format_time(self._hour, self._minute, self._second, self._microsecond, timespec) + \
            (_format_offset(self._tzinfo.utcoffset(None)) if self._tzinfo is not None else "")

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        args = f"{self._hour}, {self._minute}"
        if self._second or self._microsecond:
            args += f", {self._second}"
        if self._microsecond:
            args += f", {self._microsecond}"
        if self._tzinfo is not None:
            args += f", tzinfo={self._tzinfo!r}"
        return f"datetime.time({args})"

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self._hour, self._minute, self._second, self._microsecond, 0, self._tzinfo)

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def _kind(self):
        return time

    def _key(self):
        return (self._hour, self._minute, self._second, self._microsecond)


def _format_time(hh, mm, ss, us, timespec):
    if timespec == "auto":
        timespec = "microseconds" if us else "seconds"
    if timespec == "hours":
        return f"{hh:02d}"
    if timespec == "minutes":
        return f"{hh:02d}:{mm:02d}"
    if timespec == "seconds":
        return f"{hh:02d}:{mm:02d}:{ss:02d}"
    if timespec == "milliseconds":
        return f"{hh:02d}:{mm:02d}:{ss:02d}.{us // 1000:03d}"
    if timespec == "microseconds":
        return f"{hh:02d}:{mm:02d}:{ss:02d}.{us:06d}"
    raise ValueError("Unknown timespec value")


class datetime(date):
    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        us = round(t * 1000000)
        days, us = divmod(us, 86400 * 1000000)
        secs, us = divmod(us, 1000000)
        y, m, d = _time._from_ordinal(_time._EPOCH_ORDINAL + days)
        hh, rest = divmod(secs, 3600)
        mm, ss = divmod(rest, 60)
        result = cls(y, m, d, hh, mm, ss, us, tz)
        if tz is not None:
            result = result + tz.utcoffset(None)
        return result

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        if tzinfo is True:
            tzinfo = time.tzinfo
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second, time.microsecond, tzinfo)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            day_part, time_part = (s[:10], s[11:]) if len(s) > 10 else (s, "")
            y, m, d = day_part.split("-")
            hh = mm = ss = us = 0
            if time_part:
                pieces = time_part.split(":")
                hh = int(pieces[0])
                mm = int(pieces[1]) if len(pieces) > 1 else 0
                if len(pieces) > 2:
                    sec = pieces[2].split(".")
                    ss = int(sec[0])
                    if len(sec) > 1:
                        us = int((sec[1] + "000000")[:6])
            return cls(int(y), int(m), int(d), hh, mm, ss, us)
        except (ValueError, TypeError, IndexError):
            raise ValueError(f"Invalid isoformat string: {s!r}")

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def timestamp(self):
        secs = (self.toordinal() - _time._EPOCH_ORDINAL) * 86400 + self._hour * 3600 + self._minute * 60 + self._second
        if self._tzinfo is not None:
            secs -= self._tzinfo.utcoffset(self).total_seconds()
        return secs + self._microsecond / 1e6

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone.utc
        base = self if self._tzinfo is None else self - self._tzinfo.utcoffset(self)
        moved = base + tz.utcoffset(None)
        return moved.replace(tzinfo=tz)

    def timetuple(self):
        yday = self.toordinal() - _time._ordinal(self._year, 1, 1) + 1
        return _time.struct_time((self._year, self._month, self._day, self._hour, self._minute, self._second,
                                  self.weekday(), yday, -1))

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True):
        pick = lambda new, old: old if new is None else new
        return type(self)(pick(year, self._year), pick(month, self._month), pick(day, self._day),
                          pick(hour, self._hour), pick(minute, self._minute), pick(second, self._second),
                          pick(microsecond, self._microsecond), self._tzinfo if tzinfo is True else tzinfo)

    def isoformat(self, sep="T", timespec="auto"):
        s = date.isoformat(self) + sep + _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        if self._tzinfo is not None:
            s += _format_offset(self._tzinfo.utcoffset(self))
        return s

    def __str__(self):
        return self.isoformat(" ")

    def __repr__(self):
        args = f"{self._year}, {self._month}, {self._day}, {self._hour}, {self._minute}"
        if self._second or self._microsecond:
            args += f", {self._second}"
        if self._microsecond:
            args += f", {self._microsecond}"
        if self._tzinfo is not None:
            args += f", tzinfo={self._tzinfo!r}"
        return f"datetime.datetime({args})"

    def ctime(self):
        return self.strftime("%a %b %e %H:%M:%S %Y")

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute, self._second,
                         self._microsecond, self.weekday(), self._tzinfo)

    @classmethod
    def strptime(cls, s, fmt):
        return _strptime(cls, s, fmt)

    def _kind(self):
        return datetime

    def _key(self):
        return (self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond)

    def _us(self):
        return ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
                + self._microsecond)

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        us = self._us() + other._us()
        days, us = divmod(us, 86400 * 1000000)
        secs, us = divmod(us, 1000000)
        y, m, d = _time._from_ordinal(days)
        hh, rest = divmod(secs, 3600)
        mm, ss = divmod(rest, 60)
        return type(self)(y, m, d, hh, mm, ss, us, self._tzinfo)

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(microseconds=-other._us())
        if isinstance(other, datetime):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)


def _strptime(cls, s, fmt):
    """The numeric directives (%Y %m %d %H %M %S %f %y %j) and literal text."""
    values = {"Y": 1900, "m": 1, "d": 1, "H": 0, "M": 0, "S": 0, "f": 0}
    i = 0
    j = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            k = fmt[i + 1]
            i += 2
            width = {"Y": 4, "f": 6}.get(k, 2)
            start = j
            while j < len(s) and j - start < width and s[j].isdigit():
                j += 1
            if start == j:
                raise ValueError(f"time data {s!r} does not match format {fmt!r}")
            n = int(s[start:j])
            if k == "y":
                values["Y"] = n + (2000 if n < 69 else 1900)
            elif k == "f":
                values["f"] = int((s[start:j] + "000000")[:6])
            elif k in values:
                values[k] = n
            else:
                raise ValueError(f"'{k}' is a bad directive in format '%{k}'")
        else:
            if j >= len(s) or s[j] != c:
                raise ValueError(f"time data {s!r} does not match format {fmt!r}")
            i += 1
            j += 1
    if j != len(s):
        raise ValueError(f"unconverted data remains: {s[j:]}")
    return cls(values["Y"], values["m"], values["d"], values["H"], values["M"], values["S"], values["f"])
