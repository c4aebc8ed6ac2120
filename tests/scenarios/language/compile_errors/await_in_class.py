print("compiled; this line must not run")
class A:
    await x
