print("compiled; this line must not run")
def f():
    print(x)
    global x
