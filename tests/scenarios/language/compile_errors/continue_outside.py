print("compiled; this line must not run")
continue
