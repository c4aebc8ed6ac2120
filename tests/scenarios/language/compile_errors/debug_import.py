print("compiled; this line must not run")
import __debug__
