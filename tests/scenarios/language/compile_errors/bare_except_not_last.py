print("compiled; this line must not run")
try:
    pass
except:
    pass
except ValueError:
    pass
