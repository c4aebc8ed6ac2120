# expect: exit 1, MemoryError or memory budget
# A list that grows a little at each step, without bound: the periodic memory check stops
# it (natively and in the browser's worker, tests/e2e/hostile.test.mjs opens it as a link).
x = []
while True:
    x.append('ab' * 1000)
