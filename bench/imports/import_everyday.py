# The cost of a run that imports the everyday modules (issue 12): their preludes are
# compiled and run once, at the import.
import typing, logging, dataclasses

print("imported", typing.__name__, logging.__name__, dataclasses.__name__)
