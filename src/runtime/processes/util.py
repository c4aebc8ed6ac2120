"""multiprocessing.util: the package's logger, after CPython 3.11's
Lib/multiprocessing/util.py: `get_logger()` makes the 'multiprocessing' logger (not
propagating to the root); `log_to_stderr(level)` gives it a stderr handler with the
format `[%(levelname)s/%(processName)s] %(message)s`. A child then logs its start and
exit at INFO, as CPython's `BaseProcess._bootstrap` does.
"""

__all__ = ()

import logging

DEFAULT_LOGGING_FORMAT = '[%(levelname)s/%(processName)s] %(message)s'
LOGGER_NAME = 'multiprocessing'
NOTSET, SUBDEBUG, DEBUG, INFO, SUBWARNING = 0, 5, 10, 20, 25

_logger = None
_log_to_stderr = False


def get_logger():
    global _logger
    if not _logger:
        _logger = logging.getLogger(LOGGER_NAME)
        _logger.propagate = 0
    return _logger


def log_to_stderr(level=None):
    global _log_to_stderr
    logger = get_logger()
    formatter = logging.Formatter(DEFAULT_LOGGING_FORMAT)
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    _log_to_stderr = True
    return _logger


def info(msg, *args):
    if _logger:
        _logger.log(INFO, msg, *args)


def debug(msg, *args):
    if _logger:
        _logger.log(DEBUG, msg, *args)
