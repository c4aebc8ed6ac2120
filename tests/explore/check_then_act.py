import threading

cache = {}
created = []

def get(name):
    if "config" not in cache:      # check ...
        created.append(name)
        cache["config"] = name     # ... then act: another thread may have acted between
    return cache["config"]

threads = [threading.Thread(target=get, args=(n,)) for n in ("a", "b")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(created), cache["config"])
