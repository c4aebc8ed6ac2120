d = {"b": 2, "a": 1}
d["c"] = 3
d.update({"a": 10, "d": 4})
print(d, len(d), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get("z"), d.get("z", 0), d.pop("b"), d.setdefault("e", 5), d)
for k, v in d.items():
    print(k, v)
d.pop("a")
print(sorted(d), dict(zip(["x", "y"], [1, 2])), dict(d))
nums = [5, 3, 8, 1]
nums.append(9)
nums.extend([2, 7])
nums.insert(0, 6)
print(nums, nums.pop(), nums.pop(0), nums.index(8), nums.count(3))
nums.remove(3)
nums.sort()
print(nums, nums[1:3], nums[-2:], nums[::2], sorted(nums, reverse=True))
nums.reverse()
print(nums, nums + [0], [0] * 3, len(nums), sum(nums), min(nums), max(nums))
a, rest = 1, [2, 3, 4]
(x, y), z = (1, 2), 3
print(a, rest, x, y, z)
matrix = [[0] * 3 for _ in range(2)]
matrix[1][2] = 5
print(matrix, tuple(nums[:2]), list("abc"), set([1, 2, 2, 3]))
t = (1, "two", 3.0, None, True)
print(t, t[1], len(t), t.count(1), (1, 2) + (3,), 3 in t)
s = {3, 1, 2}
s.add(4)
s.discard(1)
print(sorted(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}), 2 in s)
