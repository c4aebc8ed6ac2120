print("compiled; this line must not run")
x = 1
def f():
    nonlocal x
    x = 2
