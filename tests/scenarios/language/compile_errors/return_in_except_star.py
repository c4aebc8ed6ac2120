print("compiled; this line must not run")
def f():
    try:
        pass
    except* ValueError:
        return 1
