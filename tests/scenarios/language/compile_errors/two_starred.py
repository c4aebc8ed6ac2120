print("compiled; this line must not run")
print("x")
a, *b, *c = range(5)
