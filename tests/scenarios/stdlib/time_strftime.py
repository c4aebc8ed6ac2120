# The first create_task example of the asyncio docs, and the calendar functions.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

asyncio.run(main())

print(time.ctime(), "|", time.asctime())
print(time.localtime())
t = time.gmtime(0)
print(t[0], t[-1], len(t), t[:3], tuple(t), t.tm_year, t.tm_wday, t.tm_zone)
for secs in [0, 86400 * 40 + 3600 * 13 + 65, 951782400, 1104537600, 1230681600, 1700000000.75, 4102444799]:
    g = time.gmtime(secs)
    print(time.strftime("%a %A %b %B %d %e %H %I %M %S %p %j %m %y %Y %C %U %W %w %u %G %g %V", g))
    print(time.strftime("%c | %x | %X | %D | %T | %F | %R | %% | %Z", g), time.mktime(g))
time.sleep(90061.25)
print(time.strftime("%Y-%m-%d %H:%M:%S"), time.ctime(time.time()))
try:
    time.strftime("%Y", (1, 2))
except TypeError as e:
    print(e)
