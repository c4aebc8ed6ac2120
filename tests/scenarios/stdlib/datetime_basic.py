import asyncio
import datetime
from datetime import date, datetime as dt, timedelta, timezone


async def tick(name, delay):
    await asyncio.sleep(delay)
    now = dt.now()
    print(name, now, now.strftime("%H:%M:%S.%f"), now.isoformat(timespec="milliseconds"))
    return now


async def main():
    start = dt.now()
    print("start", start, repr(start), date.today())
    ends = await asyncio.gather(tick("a", 1.5), tick("b", 61.25))
    print(ends[1] - start, (ends[1] - ends[0]).total_seconds())

asyncio.run(main())

d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=2), d.weekday(), d.isoweekday(), d.isocalendar()[:], d.strftime("%A %d %B %Y"))
print(date(2024, 3, 1) - d, d.replace(day=1), d < date(2024, 3, 1), d == date(2024, 2, 28), date.fromisoformat("2023-12-31"))
t = dt(2023, 12, 31, 23, 59, 30, 250000)
print(t, repr(t), t + timedelta(seconds=45), t.date(), t.time(), t.timestamp(), t.isoformat())
print(dt.fromtimestamp(1700000000), dt.fromisoformat("2024-05-06T07:08:09"), dt.strptime("2024-01-02 03:04", "%Y-%m-%d %H:%M"))
print(f"{t:%Y/%m/%d %I:%M %p}", t.ctime(), t.strftime("%j %U %W %a %b"))
td = timedelta(days=1, hours=2, minutes=3, seconds=4.5)
print(td, repr(td), td.total_seconds(), td * 2, td / 2, timedelta(hours=-1), timedelta(0), repr(timedelta(0)))
print(timedelta(weeks=1) // timedelta(days=1), timedelta(hours=36).days, timedelta(hours=36).seconds, timedelta(days=-1).__abs__())
print(repr(timedelta(milliseconds=1500)), str(timedelta(days=-1, seconds=5)))
u = dt(2024, 1, 1, 12, tzinfo=timezone.utc)
print(u, repr(u), u.isoformat(), timezone.utc, dt.now(timezone.utc))
try:
    date(2023, 2, 29)
except ValueError as e:
    print("ValueError:", e)
