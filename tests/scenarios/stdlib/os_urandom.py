import os
b = os.urandom(5)
print(type(b).__name__, len(b), len(b.hex()), os.urandom(0))
try:
    os.urandom(-1)
except ValueError as e:
    print(e)
