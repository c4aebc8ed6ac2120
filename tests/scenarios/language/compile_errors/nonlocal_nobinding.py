print("compiled; this line must not run")
def f():
    nonlocal x
