# expect: exit 1, step budget or MemoryError or memory budget
# args: --max-steps 1000000
# Each + copies the sum so far: quadratic work in one builtin call, charged to the steps.
print(len(sum([[1] * 1000] * 10**6, [])))
