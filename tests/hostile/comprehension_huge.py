# expect: exit 1, step budget
x = [i for i in range(10**9)]
