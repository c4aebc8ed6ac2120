print("compiled; this line must not run")
def f(a):
    global a
