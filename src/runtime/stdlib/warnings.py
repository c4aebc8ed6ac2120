"""warnings (CPython 3.11's `Lib/warnings.py`, its filters and messages): `warn` shows
`FILE:LINE: Category: message` and the source line on stderr, under CPython's default
filters (DeprecationWarning shown only from `__main__`; Pending, Import and Resource
warnings ignored) and once per place under the "default" action. The place is the
program's line that called into the standard library: `stacklevel` beyond that is not
followed."""

import sys
import _interleave

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

_ACTIONS = ("error", "ignore", "always", "default", "module", "once")

defaultaction = "default"
filters = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
_default_filters = list(filters)
_onceregistry = {}
_registry = {}
_filters_version = 1


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        line = _interleave.source_line(filename, lineno)
    if line:
        s += "  %s\n" % line.strip()
    return s


def _showwarnmsg_impl(msg):
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    (msg.file or sys.stderr).write(text)


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def _showwarnmsg(msg):
    # A program that replaced `warnings.showwarning` gets its own function called.
    if showwarning is not _showwarning_orig:
        showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def _add_filter(item, append):
    global _filters_version
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_version += 1
    _registry.clear()
    _onceregistry.clear()


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Insert an entry into the list of warnings filters (at the front)."""
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))
    if not isinstance(message, str):
        raise TypeError("message must be a string")
    if not isinstance(lineno, int) or lineno < 0:
        raise ValueError("lineno must be an int >= 0")
    _add_filter((action, message.lower() if message else None, category, module or None, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry into the list of warnings filters (at the front)."""
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))
    _add_filter((action, None, category, None, lineno), append)


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    global _filters_version
    filters[:] = []
    _filters_version += 1
    _registry.clear()
    _onceregistry.clear()


class WarningMessage(object):

    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, "
                "line : %r}" % (self.message, self._category_name, self.filename, self.lineno, self.line))


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '{:s}'".format(type(category).__name__))
    filename, lineno, _ = _interleave.call_site()
    warn_explicit(message, category, filename, lineno, "__main__", None, None, source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = _registry
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno, filename)
    if registry.get(key):
        return
    for item in filters:
        action, msg, cat, mod, ln = item
        if ((msg is None or text.lower().startswith(msg)) and issubclass(category, cat)
                and (mod is None or mod == module) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        oncekey = (text, category)
        if _onceregistry.get(oncekey):
            return
        _onceregistry[oncekey] = 1
    elif action == "always":
        pass
    elif action == "module":
        registry[key] = 1
        altkey = (text, category, 0, filename)
        if registry.get(altkey):
            return
        registry[altkey] = 1
    elif action == "default":
        registry[key] = 1
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


class catch_warnings(object):
    """A context manager that copies and, upon exit, restores the warnings filter and
    the showwarning() function; with record=True, warnings are appended to the list
    it returns instead of shown."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._entered = False
        if action is None:
            self._filter = None
        else:
            self._filter = (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        name = type(self).__name__
        return "%s(%s)" % (name, ", ".join(args))

    def __enter__(self):
        global _showwarnmsg_impl
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        self._saved_filters = filters[:]
        self._saved_impl = _showwarnmsg_impl
        self._saved_showwarning = showwarning
        _registry.clear()
        _onceregistry.clear()
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            _showwarnmsg_impl = log.append
            return log
        return None

    def __exit__(self, *exc_info):
        global _showwarnmsg_impl, showwarning
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        filters[:] = self._saved_filters
        _registry.clear()
        _onceregistry.clear()
        _showwarnmsg_impl = self._saved_impl
        showwarning = self._saved_showwarning
