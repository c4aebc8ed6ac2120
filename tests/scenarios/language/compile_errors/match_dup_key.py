print("compiled; this line must not run")
match v:
    case {"a": 1, "a": 2}:
        pass
