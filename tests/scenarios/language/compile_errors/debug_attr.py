print("compiled; this line must not run")
x.__debug__ = 1
