print("compiled; this line must not run")
yield 1
