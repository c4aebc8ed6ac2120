# logging from asyncio tasks, with times from the virtual clock.
import asyncio
import logging
import sys

logging.basicConfig(
    level=logging.INFO,
    stream=sys.stdout,
    format="%(asctime)s %(relativeCreated)6d %(levelname)-8s %(name)s [%(threadName)s/%(processName)s] %(message)s",
)
log = logging.getLogger("worker")
log.setLevel(logging.DEBUG)
db = logging.getLogger("app.db")
app = logging.getLogger("app")


async def work(n):
    log.debug("starting %d", n)
    await asyncio.sleep(n * 0.75)
    log.info("done %d after %.2f s", n, n * 0.75)
    return n


async def main():
    results = await asyncio.gather(*(work(i) for i in range(1, 4)))
    log.warning("results: %s", results)
    db.error("connection lost")
    app.setLevel(logging.ERROR)
    db.warning("hidden: app is at ERROR")
    db.critical("shown")
    print(db.parent is app, app.parent is logging.getLogger(), db.getEffectiveLevel(), logging.getLevelName(40))
    print(log, db)
    try:
        raise KeyError("missing")
    except KeyError:
        log.exception("lookup failed")

asyncio.run(main())

other = logging.getLogger("other")
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("{levelname}|{name}|{message}|{asctime}", datefmt="%H:%M:%S", style="{"))
other.addHandler(handler)
other.propagate = False
other.warning("brace style")
logging.log(logging.INFO, "via log() %s", "ok")
