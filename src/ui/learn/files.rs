// Every lesson's file, in the guide's order (see the format in mod.rs). Adding a lesson is adding
// its file in lessons/ and one line below.
&[
    ("01-big-idea.txt", include_str!("lessons/01-big-idea.txt")),
    ("02-restaurant.txt", include_str!("lessons/02-restaurant.txt")),
    ("03-async.txt", include_str!("lessons/03-async.txt")),
    ("04-coroutines.txt", include_str!("lessons/04-coroutines.txt")),
    ("05-concurrency-parallelism.txt", include_str!("lessons/05-concurrency-parallelism.txt")),
    ("06-threading.txt", include_str!("lessons/06-threading.txt")),
    ("07-processes.txt", include_str!("lessons/07-processes.txt")),
    ("08-queues.txt", include_str!("lessons/08-queues.txt")),
    ("09-comparison.txt", include_str!("lessons/09-comparison.txt")),
    ("10-when-to-use.txt", include_str!("lessons/10-when-to-use.txt")),
    ("11-related.txt", include_str!("lessons/11-related.txt")),
    ("12-timelines.txt", include_str!("lessons/12-timelines.txt")),
    ("13-event-loop.txt", include_str!("lessons/13-event-loop.txt")),
    ("14-taskgroup.txt", include_str!("lessons/14-taskgroup.txt")),
    ("15-future.txt", include_str!("lessons/15-future.txt")),
    ("16-lock.txt", include_str!("lessons/16-lock.txt")),
    ("17-semaphore-event.txt", include_str!("lessons/17-semaphore-event.txt")),
    ("18-remaining.txt", include_str!("lessons/18-remaining.txt")),
    ("19-roadmap.txt", include_str!("lessons/19-roadmap.txt")),
]
