"""time's calendar half: struct_time, localtime, gmtime, mktime, strftime, asctime and
ctime, as CPython 3.11's Modules/timemodule.c with the C library's "C" locale.

The virtual clock's 0.0 is the Unix epoch, 1970-01-01 00:00:00, and the run's time zone
is UTC: `time.time()` starts at 0.0, so `time.ctime()` at the start of a run is
'Thu Jan  1 00:00:00 1970'. The CPython oracle runs programs with TZ=UTC and the same
clock, so both print the same dates. Runs in the namespace of the native `time` module
(`time.time` is the virtual clock).
"""

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_FIELDS = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"]

timezone = 0
altzone = 0
daylight = 0
tzname = ("UTC", "UTC")


def _is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_before_month(y, m):
    days = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][m - 1]
    return days + (1 if m > 2 and _is_leap(y) else 0)


def _ordinal(y, m, d):
    """Days since 0001-01-01 (day 1), the proleptic Gregorian ordinal."""
    return _days_before_year(y) + _days_before_month(y, m) + d


_EPOCH_ORDINAL = 719163  # _ordinal(1970, 1, 1)


def _from_ordinal(n):
    """(year, month, day) of a proleptic Gregorian ordinal (CPython's _ord2ymd)."""
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    month = (n + 50) >> 5
    preceding = _days_before_month(year, month)
    if preceding > n:
        month -= 1
        preceding = _days_before_month(year, month)
    return year, month, n - preceding + 1


class struct_time:
    """The time tuple: indexable like CPython's (a tuple subclass there), with tm_ fields."""

    def __init__(self, fields, zone="UTC"):
        fields = tuple(fields)
        if len(fields) != 9:
            raise TypeError(f"time.struct_time() takes a 9-sequence ({len(fields)}-sequence given)")
        self._fields = fields
        for name, v in zip(_FIELDS, fields):
            setattr(self, name, v)
        self.tm_zone = zone
        self.tm_gmtoff = 0

    def __getitem__(self, i):
        return self._fields[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._fields)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._fields == other._fields
        return self._fields == other

    def __hash__(self):
        return hash(self._fields)

    def __repr__(self):
        inner = ", ".join([f"{n}={v!r}" for n, v in zip(_FIELDS, self._fields)])
        return f"time.struct_time({inner})"


def _seconds(secs):
    if secs is None:
        return time()
    if not isinstance(secs, (int, float)):
        raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer")
    return secs


def _struct(secs, zone):
    whole = int(secs // 1)
    days, rest = divmod(whole, 86400)
    y, m, d = _from_ordinal(_EPOCH_ORDINAL + days)
    hour, rest = divmod(rest, 3600)
    minute, sec = divmod(rest, 60)
    wday = (days + 3) % 7  # 1970-01-01 was a Thursday
    yday = days - (_ordinal(y, 1, 1) - _EPOCH_ORDINAL) + 1
    return struct_time((y, m, d, hour, minute, sec, wday, yday, 0), zone)


def gmtime(secs=None):
    return _struct(_seconds(secs), "GMT")


def localtime(secs=None):
    return _struct(_seconds(secs), "UTC")


def mktime(t):
    t = tuple(t)
    if len(t) != 9:
        raise TypeError("mktime(): illegal time tuple argument")
    y, m, d, hh, mm, ss = t[:6]
    return float((_ordinal(y, m, d) - _EPOCH_ORDINAL) * 86400 + hh * 3600 + mm * 60 + ss)


def _tuple_arg(t, fname):
    if t is None:
        return localtime()
    if isinstance(t, struct_time):
        return t
    if not isinstance(t, tuple) or len(t) != 9:
        if isinstance(t, tuple):
            raise TypeError(f"{fname}(): illegal time tuple argument")
        raise TypeError("Tuple or struct_time argument required")
    return struct_time(t)


def _iso_week1_monday(year):
    first = _ordinal(year, 1, 1)
    monday = first - (first + 6) % 7
    return monday + 7 if (first + 6) % 7 > 3 else monday


def _iso_calendar(y, m, d):
    """(ISO year, ISO week, ISO weekday), as datetime.date.isocalendar."""
    today = _ordinal(y, m, d)
    if today < _iso_week1_monday(y):
        y -= 1
    elif today >= _iso_week1_monday(y + 1):
        y += 1
    monday = _iso_week1_monday(y)
    return y, (today - monday) // 7 + 1, (today - monday) % 7 + 1


def _format(fmt, y, mon, d, hh, mm, ss, wday, yday, zone, offset, micro):
    """strftime's directives (C locale); `micro` is None for time.strftime (no %f)."""
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == "Y":
            out.append(str(y))
        elif k == "m":
            out.append(f"{mon:02d}")
        elif k == "d":
            out.append(f"{d:02d}")
        elif k == "H":
            out.append(f"{hh:02d}")
        elif k == "M":
            out.append(f"{mm:02d}")
        elif k == "S":
            out.append(f"{ss:02d}")
        elif k == "f" and micro is not None:
            out.append(f"{micro:06d}")
        elif k == "y":
            out.append(f"{y % 100:02d}")
        elif k == "C":
            out.append(f"{y // 100:02d}")
        elif k == "a":
            out.append(_DAYS[wday][:3])
        elif k == "A":
            out.append(_DAYS[wday])
        elif k == "b" or k == "h":
            out.append(_MONTHS[mon - 1][:3])
        elif k == "B":
            out.append(_MONTHS[mon - 1])
        elif k == "I":
            out.append(f"{(hh % 12) or 12:02d}")
        elif k == "p":
            out.append("AM" if hh < 12 else "PM")
        elif k == "j":
            out.append(f"{yday:03d}")
        elif k == "e":
            out.append(f"{d:2d}")
        elif k == "w":
            out.append(str((wday + 1) % 7))
        elif k == "u":
            out.append(str(wday + 1))
        elif k == "U":
            out.append(f"{(yday - 1 + 7 - (wday + 1) % 7) // 7:02d}")
        elif k == "W":
            out.append(f"{(yday - 1 + 7 - wday) // 7:02d}")
        elif k == "G":
            out.append(str(_iso_calendar(y, mon, d)[0]))
        elif k == "g":
            out.append(f"{_iso_calendar(y, mon, d)[0] % 100:02d}")
        elif k == "V":
            out.append(f"{_iso_calendar(y, mon, d)[1]:02d}")
        elif k == "c":
            out.append(f"{_DAYS[wday][:3]} {_MONTHS[mon - 1][:3]} {d:2d} {hh:02d}:{mm:02d}:{ss:02d} {y}")
        elif k == "x" or k == "D":
            out.append(f"{mon:02d}/{d:02d}/{y % 100:02d}")
        elif k == "X" or k == "T":
            out.append(f"{hh:02d}:{mm:02d}:{ss:02d}")
        elif k == "R":
            out.append(f"{hh:02d}:{mm:02d}")
        elif k == "F":
            out.append(f"{y}-{mon:02d}-{d:02d}")
        elif k == "s":
            out.append(str((_ordinal(y, mon, d) - _EPOCH_ORDINAL) * 86400 + hh * 3600 + mm * 60 + ss))
        elif k == "Z":
            out.append(zone)
        elif k == "z":
            out.append(offset)
        elif k == "n":
            out.append("\n")
        elif k == "t":
            out.append("\t")
        elif k == "%":
            out.append("%")
        else:
            out.append("%" + k)
    return "".join(out)


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError(f"strftime() argument 1 must be str, not {type(format).__name__}")
    t = _tuple_arg(t, "strftime")
    zone = getattr(t, "tm_zone", "UTC")
    return _format(format, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], zone, "+0000", None)


def asctime(t=None):
    t = _tuple_arg(t, "asctime")
    return _format("%a %b %e %H:%M:%S %Y", t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], "UTC", "+0000", None)


def ctime(secs=None):
    return asctime(localtime(secs))
