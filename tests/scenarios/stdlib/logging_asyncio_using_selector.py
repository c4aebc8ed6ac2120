# asyncio logs "Using selector: EpollSelector" at DEBUG each time it makes an event loop
# (asyncio.run, new_event_loop, a module-level get_event_loop); a program that set
# logging to DEBUG sees it.
import asyncio
import logging
import sys

logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,
                    format="%(relativeCreated)d %(name)s %(levelname)s: %(message)s")


async def main(n):
    logging.info("main %d", n)
    await asyncio.sleep(1)


asyncio.run(main(1))
loop = asyncio.new_event_loop()
loop.run_until_complete(main(2))
loop.close()
logging.getLogger("asyncio").setLevel(logging.INFO)
asyncio.run(main(3))
