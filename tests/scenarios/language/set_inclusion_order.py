# Sets compare by inclusion: <= is "subset of", < a proper subset; frozensets too.
a, b = {1, 2}, {1, 2, 3}
print(a <= b, a < b, b >= a, b > a)
print(a < a, a <= a, b <= a, a > b)
print(frozenset(a) < b, b >= frozenset(), set() < a)
print({1, 2} < {2, 3}, {1, 2} > {2, 3}, {1, 2} <= {2, 3})
print(sorted([{1, 2, 3}, {1}, {1, 2}], key=len))


class P:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return isinstance(other, P) and self.n == other.n

    def __hash__(self):
        return hash(self.n)


print({P(1)} <= {P(1), P(2)}, {P(3)} < {P(1), P(2)})
try:
    {1} < [1, 2]
except TypeError as e:
    print("TypeError:", e)
print("abc".isascii(), "".isascii(), "é".isascii())
