print("compiled; this line must not run")
class A:
    return 1
