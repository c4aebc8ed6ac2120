// The gallery: every entry's file, in the order the guide teaches (the list), each a
// Python program with a `#|` header (see `share::scenario`). Adding an entry is adding its
// file here and one line below.
&[
    ("blocking.py", include_str!("blocking.py")),
    ("event-loop.py", include_str!("event-loop.py")),
    ("common-mistake.py", include_str!("common-mistake.py")),
    ("create-task.py", include_str!("create-task.py")),
    ("taskgroup.py", include_str!("taskgroup.py")),
    ("taskgroup-failure.py", include_str!("taskgroup-failure.py")),
    ("gather-failure.py", include_str!("gather-failure.py")),
    ("future.py", include_str!("future.py")),
    ("lock.py", include_str!("lock.py")),
    ("race.py", include_str!("race.py")),
    ("semaphore.py", include_str!("semaphore.py")),
    ("event.py", include_str!("event.py")),
    ("queue.py", include_str!("queue.py")),
    ("cancellation.py", include_str!("cancellation.py")),
    ("timeout.py", include_str!("timeout.py")),
    ("shield.py", include_str!("shield.py")),
    ("deadlock.py", include_str!("deadlock.py")),
    ("threads.py", include_str!("threads.py")),
    ("race-threads.py", include_str!("race-threads.py")),
    ("deadlock-threads.py", include_str!("deadlock-threads.py")),
    ("condition-if.py", include_str!("condition-if.py")),
    ("processes.py", include_str!("processes.py")),
    ("primes.py", include_str!("primes.py")),
    ("restaurant.py", include_str!("restaurant.py")),
]
