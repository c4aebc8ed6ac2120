print("compiled; this line must not run")
if True:
    break
