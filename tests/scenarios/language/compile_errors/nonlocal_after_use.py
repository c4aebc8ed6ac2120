print("compiled; this line must not run")
def f():
    x = 1
    def g():
        print(x)
        nonlocal x
