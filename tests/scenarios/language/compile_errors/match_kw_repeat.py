print("compiled; this line must not run")
match v:
    case P(x=1, x=2):
        pass
