print("compiled; this line must not run")
def f(__debug__): pass
