import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 2.5), 3)), count(3), repeat("x", 2))
print(list(islice(cycle("ABC"), 7)), list(repeat(7, 3)), list(zip(range(3), repeat(0))))
print(list(chain("ab", [1, 2], ())), list(chain.from_iterable([[1], [2, 3], []])))
print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)), list(islice("ABCDEFG", 0, None, 2)))
print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest()))
print(list(product("AB", range(2))), list(product(range(2), repeat=3))[:4], list(product("ab", [])))
print(list(permutations(range(3))), list(permutations("ABCD", 2))[:5])
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations("AB", 3)))
print(list(combinations_with_replacement("ABC", 2)))
print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")])
things = [("animal", "bear"), ("animal", "duck"), ("plant", "cactus"), ("vehicle", "bus")]
for key, group in groupby(things, lambda x: x[0]):
    print(key, [thing[1] for thing in group])
groups = list(groupby("aabbc"))
print([(k, list(g)) for k, g in groups])
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], operator.mul, initial=10)))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(pairwise("ABCD")))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(a), list(b))
try:
    islice(range(3), -1)
except ValueError as e:
    print(e)
