print("compiled; this line must not run")
__debug__ = 1
