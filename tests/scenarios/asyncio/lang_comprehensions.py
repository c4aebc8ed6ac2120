words = ["apple", "banana", "cherry", "date", "elderberry", "fig"]
print([w.upper() for w in words if len(w) > 4])
print({w: len(w) for w in words})
print(sorted({len(w) for w in words}))
print([(i, j) for i in range(3) for j in range(i)])
print(sum(len(w) for w in words), max(len(w) for w in words))
print(any(w.startswith("c") for w in words), all(len(w) > 2 for w in words))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print({k: v for k, v in zip("abc", range(3))})
print(list(enumerate(words[:3], start=1)))
print(sorted(words, key=len), sorted(words, key=lambda w: w[-1], reverse=True))
print(list(reversed(range(5))), list(zip([1, 2, 3], "xy")))
print(min(words), max(words, key=len), min(3, 1, 2), abs(-7), abs(-2.5))
