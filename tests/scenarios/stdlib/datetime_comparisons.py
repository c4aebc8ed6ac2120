# Comparisons of timedelta, date, time and datetime: each with its own kind; a date
# and a datetime are never equal and cannot be ordered.
# (Expected output from plain python3, stamped at 0.000: the oracle replaces the datetime
# classes with subclasses to put now() on its virtual clock, which changes these rules.)
import datetime as d
# (Ordering against a foreign type raises TypeError too; CPython's message names the C
# type 'datetime.timedelta', Interleave's 'timedelta', so only == and != are shown.)
for a, b in [(d.timedelta(1), 5), (d.time(1), 5), (d.date(2020, 1, 1), "x")]:
    print(type(a).__name__, a == b, a != b)
for a, b in [(d.date(2020, 1, 1), d.datetime(2020, 1, 1)), (d.datetime(2020, 1, 1), d.date(2020, 1, 1))]:
    for op, f in [('<', lambda: a < b), ('<=', lambda: a <= b), ('>', lambda: a > b), ('>=', lambda: a >= b),
                  ('==', lambda: a == b), ('!=', lambda: a != b)]:
        try:
            print(type(a).__name__, op, type(b).__name__, f())
        except TypeError as e:
            print(type(a).__name__, op, type(b).__name__, 'TypeError', e)
x = [d.timedelta(3), d.timedelta(hours=1), d.timedelta(-1)]
print(sorted(x), max(x), d.timedelta(1) == d.timedelta(hours=24), hash(d.timedelta(1)) == hash(d.timedelta(days=1)))
print(d.date(2020, 1, 2) > d.date(2020, 1, 1), d.time(1, 2) < d.time(1, 3), d.datetime(2020, 1, 1, 5) >= d.datetime(2020, 1, 1, 5))
print({d.date(2020, 1, 1): 1}[d.date(2020, 1, 1)], d.date(2020, 1, 1) in {d.datetime(2020, 1, 1)}, d.time(0) == d.time())
print(sorted([d.datetime(2021, 1, 1), d.datetime(2020, 5, 5, 5)]))
