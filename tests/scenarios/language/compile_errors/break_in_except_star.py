print("compiled; this line must not run")
for i in range(3):
    try:
        pass
    except* ValueError:
        break
