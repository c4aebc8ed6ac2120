print("compiled; this line must not run")
nonlocal x
