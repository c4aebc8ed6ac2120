print("compiled; this line must not run")
def __debug__(): pass
