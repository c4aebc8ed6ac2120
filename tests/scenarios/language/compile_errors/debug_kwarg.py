print("compiled; this line must not run")
f(__debug__=1)
