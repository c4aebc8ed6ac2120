print("compiled; this line must not run")
del __debug__
