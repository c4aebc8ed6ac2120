# An empty list or tuple repeated a huge number of times is empty at once (CPython), not a
# loop over the count.
# expect: exit 0, done
print(len([] * 10**12), len(() * 10**12), len(10**18 * []))
a = []
a *= 10**12
print('done', a)
