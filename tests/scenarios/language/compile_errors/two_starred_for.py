print("compiled; this line must not run")
for *a, *b in []:
    pass
