# logging's %(filename)s, %(lineno)d, %(funcName)s and %(module)s name the caller.
import logging
import sys
import threading

logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,
                    format="%(levelname)s %(filename)s:%(lineno)d %(funcName)s [%(module)s] %(message)s [%(threadName)s]")
log = logging.getLogger("app")


def worker(n):
    log.info("worker %d starting", n)
    helper(n)


def helper(n):
    logging.debug("helper for %d", n)


class Service:
    def run(self):
        log.warning("service running")
        try:
            1 / 0
        except ZeroDivisionError:
            log.error("failed", exc_info=False)


logging.info("at module level")
t = threading.Thread(target=worker, args=(1,))
t.start()
t.join()
worker(2)
Service().run()
log.log(logging.ERROR, "via log()")
logging.getLogger().critical("root %s", "critical")
