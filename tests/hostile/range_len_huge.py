# expect: exit 1, OverflowError
print(len(range(10**20)))
