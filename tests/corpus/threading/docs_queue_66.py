# source: https://docs.python.org/3.11/library/queue.html (Doc/library/queue.rst line 66, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: threading
# output: plain
# compare: exact
# (the program below is verbatim)
from dataclasses import dataclass, field
from typing import Any

@dataclass(order=True)
class PrioritizedItem:
    priority: int
    item: Any=field(compare=False)
