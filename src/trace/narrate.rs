//! One sentence per event, for the line under the timeline: what happened at the playhead, in
//! the words of the guide ("Task-3 waits for Lock #1, held by Task-2").
//!
//! [`narrate`] reads the event, the names the [`Timeline`] collected, and the [`State`] right
//! after the event (for who holds what). It is pure, so the UI and the tests share it.

use super::state::State;
use super::timeline::{LaneKind, Timeline};
use super::{EventKind, ResourceKind, RunEnd, Stream, TaskId, TaskOutcome, Trace, Wait};

/// Describes event `index` of `trace`; `after` is `State::at(trace, index + 1)`. The runtime's
/// own machinery (asyncio.run's shutdown tasks, gather's and the loop's callbacks) is told in
/// the program's terms; [`narrate_with`] with `internals` names it as it is.
pub fn narrate(trace: &Trace, timeline: &Timeline, index: usize, after: &State) -> String {
    narrate_with(trace, timeline, index, after, false)
}

/// What the runtime's own callbacks do, in the program's terms.
fn callback_in_program_terms(what: &str) -> Option<&'static str> {
    Some(match what {
        "gather child done" => "gather notes that one of its tasks is done",
        "stop loop" => "the main task is done, so asyncio.run will stop the event loop",
        "sleep wake-up" => "a sleep is over",
        "thread result" => "a thread's result comes back to the event loop",
        _ => return None,
    })
}

/// [`narrate`], naming the runtime's internals when `internals` is set.
pub fn narrate_with(trace: &Trace, timeline: &Timeline, index: usize, after: &State, internals: bool) -> String {
    let Some(event) = trace.events.get(index) else {
        return String::new();
    };
    let internal_lane = |t: &TaskId| timeline.lane_of(*t).is_some_and(|l| timeline.lanes[l].internal);
    if !internals {
        match &event.kind {
            EventKind::TaskCreated { task: t, .. }
            | EventKind::TaskReady { task: t }
            | EventKind::TaskRunning { task: t, .. }
            | EventKind::TaskDone { task: t, .. }
                if internal_lane(t) =>
            {
                return "asyncio.run shuts the event loop down".into();
            }
            EventKind::CallbackScheduled { what, .. } | EventKind::CallbackRun { what, .. } => {
                if let Some(said) = callback_in_program_terms(what) {
                    let mut said = said.to_string();
                    said[..1].make_ascii_uppercase();
                    return said;
                }
            }
            _ => {}
        }
    }
    let task = |t: TaskId| timeline.task_name(t);
    let who = |t: Option<TaskId>| t.map(task).unwrap_or_else(|| "The program".to_string());
    let res = |r| timeline.resource_name(r);
    let holders = |r| -> String {
        let Some(view) = after.resources.get(&r) else { return String::new() };
        names(view.holders.iter().map(|h| h.map(task).unwrap_or_else(|| "the program".into())))
    };
    match &event.kind {
        EventKind::TaskCreated { task: t, parent, coro, name, args, .. } => {
            // A task labelled by its call (`worker('a')`) says its runtime name once, here.
            let _ = args;
            let label = task(*t);
            let what = if label == *name { format!("{} to run {coro}()", task(*t)) } else { format!("{label} ({name})") };
            match parent {
                Some(p) => format!("{} creates {what}", task(*p)),
                None if coro == "shutdown" => format!("asyncio.run creates {} to shut the loop down", task(*t)),
                None => format!("asyncio.run creates {what}"),
            }
        }
        EventKind::TaskRenamed { name, .. } => format!("The program names the task “{}”", clip(name)),
        EventKind::ResourceBound { resource, name, .. } => {
            let kind = timeline.resource_kinds.get(resource).map(|k| kind_word(*k)).unwrap_or("primitive");
            format!("The {kind} is stored in {name}")
        }
        EventKind::HandedOver { resource, to, value } => {
            let left = value.map(|v| format!(" ({v} free)")).unwrap_or_default();
            format!("{} gets the permit of {} straight from the release{left}", task(*to), res(*resource))
        }
        EventKind::TaskReady { task: t } => {
            let place = after.ready.iter().position(|r| r == t).map(|i| i + 1).unwrap_or(after.ready.len());
            format!("{} joins the ready queue{}", task(*t), ordinal_place(place))
        }
        EventKind::TaskRunning { task: t, line } => match line {
            0 => format!("The event loop runs {}", task(*t)),
            l => format!("The event loop runs {} (line {l})", task(*t)),
        },
        EventKind::TaskWaiting { task: t, wait, .. } => {
            let what = wait.describe(timeline);
            // Who holds what it waits for, right after this event.
            let held_by = match wait {
                Wait::Lock { lock: r } | Wait::Semaphore { semaphore: r } => holders(*r),
                _ => String::new(),
            };
            match held_by {
                h if h.is_empty() => format!("{} is {what}", task(*t)),
                h => format!("{} is {what}, held by {h}", task(*t)),
            }
        }
        EventKind::TaskDone { task: t, outcome } => match outcome {
            TaskOutcome::Returned { value } if value == "None" => format!("{} finishes", task(*t)),
            TaskOutcome::Returned { value } => format!("{} finishes and returns {}", task(*t), clip(value)),
            TaskOutcome::Raised { exception } => format!("{} fails: {}", task(*t), clip(exception)),
            TaskOutcome::Cancelled => format!("{} ends cancelled", task(*t)),
        },
        EventKind::CancelRequested { task: t, by } => match by {
            Some(b) => format!("{} cancels {}", task(*b), task(*t)),
            None => format!("{} is asked to cancel", task(*t)),
        },
        EventKind::CancelDelivered { task: t, line } => match line {
            0 => format!("CancelledError is raised inside {}", task(*t)),
            l => format!("CancelledError is raised inside {} at line {l}", task(*t)),
        },
        EventKind::CallbackScheduled { what, .. } => format!("A callback is scheduled: {what}"),
        EventKind::CallbackRun { what, .. } => format!("The event loop runs a callback: {what}"),
        EventKind::TimerScheduled { when, what, .. } => format!("A timer is set for t = {} ({what})", seconds(*when)),
        EventKind::TimerFired { handle } => match timeline.timers.get(handle) {
            Some((when, what)) => format!("The timer for t = {} fires ({what})", seconds(*when)),
            None => "A timer fires".to_string(),
        },
        EventKind::TimerCancelled { handle } => match timeline.timers.get(handle) {
            Some((when, _)) => format!("The timer for t = {} is cancelled", seconds(*when)),
            None => "A timer is cancelled".to_string(),
        },
        EventKind::ResourceCreated { resource, kind, capacity, .. } => match (kind, capacity) {
            (ResourceKind::Semaphore | ResourceKind::BoundedSemaphore, Some(c)) => {
                format!("{} is created with {c} permit{}", res(*resource), plural(*c))
            }
            (ResourceKind::Queue | ResourceKind::PriorityQueue | ResourceKind::LifoQueue, Some(c)) if *c > 0 => {
                format!("{} is created, holding at most {c} item{}", res(*resource), plural(*c))
            }
            _ => format!("{} is created", res(*resource)),
        },
        EventKind::Acquired { resource, task: t, value } => match value {
            Some(v) => format!("{} takes a permit of {} ({v} left)", who(*t), res(*resource)),
            None => format!("{} acquires {}", who(*t), res(*resource)),
        },
        EventKind::Blocked { resource, task: t } => match holders(*resource) {
            h if h.is_empty() => format!("{} blocks on {}", task(*t), res(*resource)),
            h => format!("{} blocks on {}, held by {h}", task(*t), res(*resource)),
        },
        EventKind::GaveUp { resource, task: t } => format!("{} stops waiting for {}", task(*t), res(*resource)),
        EventKind::Released { resource, task: t, value } => {
            // A semaphore hands the permit over in the same step: name who actually gets it.
            let handed = match trace.events.get(index + 1).map(|e| &e.kind) {
                Some(EventKind::HandedOver { resource: r, to, .. }) if r == resource => Some(*to),
                _ => None,
            };
            if let (Some(to), Some(_)) = (handed, value) {
                return format!("{} returns a permit of {} and hands it straight to {}", who(*t), res(*resource), task(to));
            }
            let next = after.resources.get(resource).and_then(|r| r.waiters.first().copied());
            let base = match value {
                Some(v) => format!("{} returns a permit of {} ({v} free)", who(*t), res(*resource)),
                None => format!("{} releases {}", who(*t), res(*resource)),
            };
            match next {
                Some(n) => format!("{base}; {} is next", task(n)),
                None => base,
            }
        }
        EventKind::EventSet { resource, waiters } => match waiters {
            0 => format!("{} is set", res(*resource)),
            w => format!("{} is set, waking {w} waiter{}", res(*resource), plural(*w as i64)),
        },
        EventKind::EventCleared { resource } => format!("{} is cleared", res(*resource)),
        EventKind::Notified { resource, woken } => {
            format!("{} notifies {woken} waiter{}", res(*resource), plural(*woken as i64))
        }
        EventKind::QueuePut { resource, task: t, item, size } => {
            format!("{} puts {} into {} ({size} waiting)", who(*t), clip(item), res(*resource))
        }
        EventKind::QueueGot { resource, task: t, item, size } => {
            format!("{} takes {} from {} ({size} left)", who(*t), clip(item), res(*resource))
        }
        EventKind::Output { task: t, stream, text } => {
            let verb = match stream {
                Stream::Stderr => "writes to stderr",
                Stream::Stdout => "prints",
            };
            format!("{} {verb} “{}”", who(*t), clip(text))
        }
        EventKind::Exception { task: t, text, .. } => match t {
            Some(t) => format!("{} escapes {}", clip(text), task(*t)),
            None => format!("{} escapes the program", clip(text)),
        },
        EventKind::Blocking { task: t, seconds: s, .. } => {
            let in_thread = t.and_then(|t| timeline.lane_of(t)).is_some_and(|l| timeline.lanes[l].kind != LaneKind::Task);
            if in_thread {
                format!("{} calls time.sleep({}): it blocks and lets go of the GIL", who(*t), number(*s))
            } else {
                format!("{} calls time.sleep({}): the whole thread, event loop included, is blocked", who(*t), number(*s))
            }
        }
        EventKind::ThreadCreated { thread, parent, daemon, .. } => {
            let kind = if *daemon { "daemon thread " } else { "thread " };
            match parent {
                Some(p) => format!("{} creates the {kind}{}", task(*p), task(*thread)),
                None => format!("The {kind}{} is created", task(*thread)),
            }
        }
        EventKind::ThreadReady { thread } => format!("{} can run again: it waits for the GIL", task(*thread)),
        EventKind::GilAcquired { thread, process } => {
            format!("{} takes the GIL{} and runs", task(*thread), process_of(timeline, *process))
        }
        EventKind::GilReleased { thread, .. } => format!("{} lets go of the GIL", task(*thread)),
        EventKind::ThreadBlocked { thread, line, on } => match line {
            0 => format!("{} blocks: {}", task(*thread), on.describe(timeline)),
            l => format!("{} blocks at line {l}: {}", task(*thread), on.describe(timeline)),
        },
        EventKind::ThreadDone { thread, ok: true } => format!("{} finishes", task(*thread)),
        EventKind::ThreadDone { thread, ok: false } => format!("{} ends with an uncaught exception", task(*thread)),
        EventKind::ScheduleChoice { options, chosen, preempted: Some(p), shared } => {
            let picked = options.get(*chosen as usize).map(|t| task(*t)).unwrap_or_default();
            let next = match shared {
                Some(s) if s.write => format!(" to write `{}`", s.var),
                Some(s) => format!(" to read `{}`", s.var),
                None => String::new(),
            };
            format!("Preemption: {} could go on{next}, but the scheduler sets it aside and runs {picked}", task(*p))
        }
        EventKind::ScheduleChoice { options, chosen, .. } => {
            let picked = options.get(*chosen as usize).map(|t| task(*t)).unwrap_or_default();
            let all: Vec<String> = options.iter().map(|t| task(*t)).collect();
            format!("The scheduler picks {picked} to take the GIL next, of {}", names(all.into_iter()))
        }
        EventKind::ProcessCreated { process, core, parent, .. } => {
            let name = timeline.process_names.get(process).cloned().unwrap_or_else(|| format!("Process #{process}"));
            match parent.and_then(|p| timeline.process_names.get(&p)) {
                Some(p) => format!("{p} starts {name} on core {core}: its own interpreter, memory and GIL"),
                None => format!("{name} starts on core {core}"),
            }
        }
        EventKind::ProcessDone { process, exitcode } => {
            let name = timeline.process_names.get(process).cloned().unwrap_or_else(|| format!("Process #{process}"));
            format!("{name} exits with code {exitcode}")
        }
        EventKind::ValueSet { scope, name, repr, line, change: Some(change) } => {
            // The variable still holds the same object: say it changed, and how.
            let how = match change {
                super::Change::Method { name } => format!(".{name}()"),
                super::Change::PassedTo { function } => format!("given to {function}()"),
                super::Change::ItemSet => "an item stored".to_string(),
                super::Change::ItemDeleted => "an item deleted".to_string(),
                super::Change::AttrSet { name } => format!(".{name} set"),
            };
            let how = if *line > 0 { format!(" ({how}, line {line})") } else { format!(" ({how})") };
            match scope {
                super::Scope::Global { lane, .. } => format!("{} changes the global {name} to {}{how}", who(*lane), clip(repr)),
                // The call's own lane changed it when it runs; else another did (another task
                // storing into the `self` this call shows): name the one running, if one is.
                super::Scope::Local { lane, function, .. } if lane.map_or(true, |t| after.tasks.get(&t).map_or(true, |v| matches!(v.status, super::state::TaskStatus::Running))) => {
                    format!("{} changes {name} to {} in {function}(){how}", who(*lane), clip(repr))
                }
                super::Scope::Local { lane, function, .. } => {
                    let mut running = after.tasks.values().filter(|v| matches!(v.status, super::state::TaskStatus::Running));
                    match (running.next(), running.next()) {
                        (Some(r), None) => format!("{} changes {name} in {}'s {function}() to {}{how}", task(r.id), who(*lane), clip(repr)),
                        _ => format!("{name} in {}'s {function}() becomes {}{how}", who(*lane), clip(repr)),
                    }
                }
            }
        }
        EventKind::ValueSet { scope, name, repr, line, change: None } => {
            let at = if *line > 0 { format!(" (line {line})") } else { String::new() };
            match scope {
                super::Scope::Global { lane, .. } => format!("{} sets the global {name} = {}{at}", who(*lane), clip(repr)),
                super::Scope::Local { lane, function, .. } => {
                    format!("{} sets {name} = {} in {function}(){at}", who(*lane), clip(repr))
                }
            }
        }
        EventKind::FrameLeft { lane, returned: true, .. } => {
            let function = after_frame_name(trace, index).unwrap_or_default();
            format!("{}: {function}() is over, and its local variables with it", who(*lane))
        }
        EventKind::FrameLeft { lane, returned: false, .. } => {
            let function = after_frame_name(trace, index).unwrap_or_default();
            format!("{}: the generator {function}() yields; its local variables wait for the next turn", who(*lane))
        }
        EventKind::ValuesCapped { recorded } => format!(
            "Variables stop being recorded here: the run stored more than {} values (the rest of the run is still shown)",
            thousands(*recorded)
        ),
        // Kinds added to the trace after this was written: say what kind of event it is.
        #[allow(unreachable_patterns)]
        other => {
            let json = serde_json::to_value(other).ok();
            let kind = json.as_ref().and_then(|v| v.get("type")).and_then(|v| v.as_str()).unwrap_or("event");
            kind.replace('_', " ")
        }
    }
}

/// A preemption mark's text on the lane of the thread set aside: what it was about to do,
/// who ran instead (`to`), and `clash`: who wrote that same variable, with what value,
/// before this thread ran again.
pub fn preemption_text(shared: Option<&crate::trace::SharedStep>, to: Option<String>, clash: Option<(String, String)>) -> String {
    let mut out = match shared {
        Some(s) => format!("preempted before it {} `{}`", if s.write { "writes" } else { "reads" }, s.var),
        None => "preempted".to_string(),
    };
    if let Some(to) = &to {
        out.push_str(&format!("; {to} runs instead"));
    }
    if let (Some((writer, repr)), Some(s)) = (clash, shared) {
        out.push_str(&format!(", and {writer} writes `{}` = {} before this thread runs again", s.var, clip(&repr)));
    }
    out
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The function of the call a `FrameLeft` at `index` ends (from its last `ValueSet`).
fn after_frame_name(trace: &Trace, index: usize) -> Option<String> {
    let EventKind::FrameLeft { frame, .. } = &trace.events.get(index)?.kind else { return None };
    trace.events[..index].iter().rev().find_map(|e| match &e.kind {
        EventKind::ValueSet { scope: super::Scope::Local { frame: f, function, .. }, .. } if f == frame => Some(function.clone()),
        _ => None,
    })
}

/// The sentence for the end of the run (after the last event); `at` is the state then (for
/// what each task of a deadlock without a cycle waits for).
pub fn narrate_end(end: Option<&RunEnd>, timeline: &Timeline, at: Option<&State>) -> String {
    match end {
        None | Some(RunEnd::Finished) => "The program finished.".into(),
        Some(RunEnd::Exception { text }) => format!("The program stopped with an uncaught exception: {}", clip(text)),
        Some(RunEnd::Deadlock { cycle, .. }) if !cycle.is_empty() => {
            let mut names: Vec<String> = cycle.iter().map(|t| timeline.task_name(*t)).collect();
            names.push(names[0].clone());
            format!("Deadlock: {} wait for each other, so nothing can move.", names.join(" → "))
        }
        Some(RunEnd::Deadlock { .. }) => {
            // No cycle: the tasks at the bottom of the waits wait for something no task will
            // ever do (an item, a set, a permit); the others wait for them.
            let stuck: Vec<String> = at
                .map(|s| {
                    s.tasks
                        .values()
                        .filter_map(|t| match &t.status {
                            super::state::TaskStatus::Waiting(w) if !matches!(w, Wait::Task { .. } | Wait::Sleep { .. }) => {
                                let name = if t.named { t.name.clone() } else { timeline.task_name(t.id) };
                                Some(format!("{name} is {}{}", w.describe(timeline), w.why_never()))
                            }
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            match stuck.is_empty() {
                true => "Deadlock: every task waits and nothing can wake one.".into(),
                false => format!("Deadlock: {}.", stuck.join("; and ")),
            }
        }
        Some(RunEnd::Limit { message }) => format!("Interleave stopped the run: {message}"),
        Some(RunEnd::CompileError { line, message, .. }) => format!("Line {line}: {message}"),
    }
}

/// The word for a kind of primitive: `lock`, `queue`.
fn kind_word(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Lock => "lock",
        ResourceKind::Semaphore | ResourceKind::BoundedSemaphore => "semaphore",
        ResourceKind::Event => "event",
        ResourceKind::Condition => "condition",
        ResourceKind::Queue | ResourceKind::PriorityQueue | ResourceKind::LifoQueue => "queue",
    }
}

/// ` of Process-1` for a process other than the program's own.
fn process_of(timeline: &Timeline, process: u32) -> String {
    match timeline.process_names.get(&process) {
        Some(name) if name != "MainProcess" => format!(" of {name}"),
        _ => String::new(),
    }
}

fn names(mut it: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = it.by_ref().collect();
    match all.len() {
        0 => String::new(),
        1 => all[0].clone(),
        n => format!("{} and {}", all[..n - 1].join(", "), all[n - 1]),
    }
}

fn ordinal_place(place: usize) -> String {
    match place {
        0 | 1 => String::new(),
        p => format!(" (position {p})"),
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `1.5 s`, `2 s`, `0.001 s`.
fn seconds(t: f64) -> String {
    format!("{} s", number(t))
}

/// A number without trailing zeros: 3, 1.5, 0.25.
fn number(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// Long values and lines cut to 80 characters.
fn clip(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{BlockReason, Change, Event, ResourceKind};

    fn trace(kinds: Vec<EventKind>) -> Trace {
        Trace { events: kinds.into_iter().map(|kind| Event { t: 0.0, step: 0, kind }).collect(), ..Default::default() }
    }

    fn say(trace: &Trace, index: usize) -> String {
        let tl = Timeline::build(trace);
        narrate(trace, &tl, index, &State::at(trace, index + 1))
    }

    fn task(task: TaskId, name: &str, parent: Option<TaskId>) -> EventKind {
        // No coroutine name: the task goes by its runtime name, as the assertions say.
        EventKind::TaskCreated { task, name: name.into(), parent, coro: String::new(), line: 1, args: String::new() }
    }

    #[test]
    fn an_in_place_change_says_changes_and_how_an_assignment_says_sets() {
        let global = |name: &str, repr: &str, line, change| EventKind::ValueSet {
            scope: crate::trace::Scope::Global { process: 1, lane: None },
            name: name.into(),
            repr: repr.into(),
            line,
            change,
        };
        let local = EventKind::ValueSet {
            scope: crate::trace::Scope::Local { lane: None, frame: 1, function: "helper".into() },
            name: "ys".into(),
            repr: "[1, 2]".into(),
            line: 9,
            change: Some(Change::Method { name: "sort".into() }),
        };
        let t = trace(vec![
            global("xs", "[]", 1, None),
            global("xs", "[1]", 2, Some(Change::Method { name: "append".into() })),
            global("h", "[1]", 3, Some(Change::PassedTo { function: "heappush".into() })),
            global("d", "{'a': 1}", 4, Some(Change::ItemSet)),
            global("d", "{}", 5, Some(Change::ItemDeleted)),
            local,
        ]);
        assert_eq!(say(&t, 0), "The program sets the global xs = [] (line 1)");
        assert_eq!(say(&t, 1), "The program changes the global xs to [1] (.append(), line 2)");
        assert_eq!(say(&t, 2), "The program changes the global h to [1] (given to heappush(), line 3)");
        assert_eq!(say(&t, 3), "The program changes the global d to {'a': 1} (an item stored, line 4)");
        assert_eq!(say(&t, 4), "The program changes the global d to {} (an item deleted, line 5)");
        assert_eq!(say(&t, 5), "The program changes ys to [1, 2] in helper() (.sort(), line 9)");
    }

    #[test]
    fn a_task_waiting_for_a_lock_names_the_holder() {
        let t = trace(vec![
            EventKind::ResourceCreated { resource: 3, kind: ResourceKind::Lock, name: "Lock #3".into(), capacity: None },
            task(1, "Task-1", None),
            task(2, "Task-2", Some(1)),
            EventKind::Acquired { resource: 3, task: Some(1), value: None },
            EventKind::Blocked { resource: 3, task: 2 },
            EventKind::TaskWaiting { task: 2, line: 4, wait: Wait::Lock { lock: 3 } },
            EventKind::Released { resource: 3, task: Some(1), value: None },
        ]);
        assert_eq!(say(&t, 0), "Lock #3 is created");
        assert_eq!(say(&t, 2), "Task-1 creates Task-2 to run ()");
        assert_eq!(say(&t, 3), "Task-1 acquires Lock #3");
        assert_eq!(say(&t, 4), "Task-2 blocks on Lock #3, held by Task-1");
        assert_eq!(say(&t, 5), "Task-2 is waiting for Lock #3, held by Task-1");
        assert_eq!(say(&t, 6), "Task-1 releases Lock #3; Task-2 is next");
    }

    #[test]
    fn sleeps_output_and_endings_read_as_sentences() {
        let t = trace(vec![
            task(1, "Task-1", None),
            EventKind::TaskWaiting { task: 1, line: 2, wait: Wait::Sleep { until: 1.5 } },
            EventKind::Output { task: Some(1), stream: Stream::Stdout, text: "hello".into() },
            EventKind::Output { task: None, stream: Stream::Stderr, text: "x".repeat(100) },
            EventKind::TaskDone { task: 1, outcome: TaskOutcome::Raised { exception: "ValueError: boom".into() } },
            EventKind::Blocking { task: Some(1), line: 0, seconds: 3.0 },
            EventKind::CancelRequested { task: 1, by: None },
        ]);
        assert_eq!(say(&t, 1), "Task-1 is sleeping until t = 1.5 s");
        assert_eq!(say(&t, 2), "Task-1 prints “hello”");
        assert_eq!(say(&t, 3), format!("The program writes to stderr “{}…”", "x".repeat(80)));
        assert_eq!(say(&t, 4), "Task-1 fails: ValueError: boom");
        assert_eq!(say(&t, 5), "Task-1 calls time.sleep(3): the whole thread, event loop included, is blocked");
        assert_eq!(say(&t, 6), "Task-1 is asked to cancel");
        assert_eq!(say(&t, 99), "");
    }

    #[test]
    fn the_end_of_a_deadlock_names_the_cycle() {
        let t = trace(vec![task(2, "Task-2", None), task(3, "Task-3", None)]);
        let tl = Timeline::build(&t);
        let end = RunEnd::Deadlock { report: String::new(), cycle: vec![2, 3] };
        assert_eq!(narrate_end(Some(&end), &tl, None), "Deadlock: Task-2 → Task-3 → Task-2 wait for each other, so nothing can move.");
        assert_eq!(narrate_end(Some(&RunEnd::Finished), &tl, None), "The program finished.");
    }

    #[test]
    fn threads_and_the_gil_are_narrated() {
        let t = trace(vec![
            EventKind::ThreadCreated { thread: 5, name: "Thread-1 (io)".into(), process: 4, parent: Some(3), daemon: false },
            EventKind::GilReleased { thread: 3, process: 4 },
            EventKind::GilAcquired { thread: 5, process: 4 },
            EventKind::ThreadBlocked { thread: 5, line: 6, on: BlockReason::Sleep { until: 1.0004 } },
            EventKind::ThreadBlocked { thread: 3, line: 8, on: BlockReason::Join { thread: 5 } },
            EventKind::ScheduleChoice { options: vec![3, 5], chosen: 1, preempted: None, shared: None },
            EventKind::ThreadDone { thread: 5, ok: true },
            EventKind::ScheduleChoice {
                options: vec![3, 5],
                chosen: 0,
                preempted: Some(5),
                shared: Some(crate::trace::SharedStep { var: "counter".into(), write: true }),
            },
        ]);
        assert_eq!(say(&t, 0), "MainThread creates the thread Thread-1 (io)");
        assert_eq!(say(&t, 1), "MainThread lets go of the GIL");
        assert_eq!(say(&t, 2), "Thread-1 (io) takes the GIL and runs");
        assert_eq!(say(&t, 3), "Thread-1 (io) blocks at line 6: sleeping in time.sleep until t = 1.0004 s");
        assert_eq!(say(&t, 4), "MainThread blocks at line 8: joining Thread-1 (io)");
        assert_eq!(say(&t, 5), "The scheduler picks Thread-1 (io) to take the GIL next, of MainThread and Thread-1 (io)");
        assert_eq!(say(&t, 6), "Thread-1 (io) finishes");
        assert_eq!(
            say(&t, 7),
            "Preemption: Thread-1 (io) could go on to write `counter`, but the scheduler sets it aside and runs MainThread"
        );
    }

    #[test]
    fn a_preemption_mark_says_what_both_threads_did_to_the_variable() {
        let write = crate::trace::SharedStep { var: "counter".into(), write: true };
        assert_eq!(
            preemption_text(Some(&write), Some("Thread-2 (work)".into()), Some(("Thread-2 (work)".into(), "2".into()))),
            "preempted before it writes `counter`; Thread-2 (work) runs instead, and Thread-2 (work) writes `counter` = 2 before this thread runs again"
        );
        let read = crate::trace::SharedStep { var: ".balance".into(), write: false };
        assert_eq!(preemption_text(Some(&read), Some("MainThread".into()), None), "preempted before it reads `.balance`; MainThread runs instead");
        assert_eq!(preemption_text(None, None, None), "preempted");
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.0), "0");
    }

    fn engine_trace(src: &str) -> Trace {
        crate::session::run(src, &crate::session::RunOptions::default()).trace
    }

    fn all_said(trace: &Trace) -> Vec<String> {
        let tl = Timeline::build(trace);
        let snaps = crate::trace::state::Snapshots::new(trace);
        (0..trace.events.len()).map(|i| narrate(trace, &tl, i, &snaps.at(trace, i + 1))).collect()
    }

    #[test]
    fn a_deadlock_ends_where_it_happens_and_a_lone_queue_wait_is_no_cycle() {
        let t = engine_trace(
            "import asyncio
async def consumer(queue):
    try:
        await queue.get()
    finally:
        print('never: CPython hangs')
async def main():
    queue = asyncio.Queue()
    task = asyncio.create_task(consumer(queue))
    await asyncio.sleep(1)
    await task
asyncio.run(main())
",
        );
        assert!(matches!(t.end, Some(RunEnd::Deadlock { ref cycle, .. }) if cycle.is_empty()));
        assert!(
            !t.events.iter().any(|e| matches!(e.kind, EventKind::Output { .. } | EventKind::CancelRequested { .. } | EventKind::CancelDelivered { .. })),
            "nothing runs after the deadlock"
        );
        let tl = Timeline::build(&t);
        let end = State::at(&t, t.events.len());
        assert_eq!(
            narrate_end(t.end.as_ref(), &tl, Some(&end)),
            "Deadlock: consumer(…) is waiting for an item from queue; no task will ever put one."
        );
    }

    #[test]
    fn the_semaphore_narration_names_the_task_actually_handed_the_permit() {
        let t = engine_trace(
            "import asyncio
sem = asyncio.Semaphore(2)
async def w(n):
    async with sem:
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(*(w(i) for i in range(4)))
asyncio.run(main())
",
        );
        let said = all_said(&t);
        assert!(said.contains(&"w(0) returns a permit of sem and hands it straight to w(2)".to_string()), "{said:#?}");
        assert!(said.contains(&"w(1) returns a permit of sem and hands it straight to w(3)".to_string()), "{said:#?}");
        assert!(said.contains(&"w(3) gets the permit of sem straight from the release (0 free)".to_string()), "{said:#?}");
        // Both hand-offs are drawn.
        let tl = &Timeline::build(&t);
        let handoffs: Vec<String> = tl
            .lanes
            .iter()
            .flat_map(|l| l.markers.iter().filter_map(move |m| match m.mark {
                crate::trace::timeline::Mark::Handoff { from: Some(f), .. } => Some(format!("{} → {}", tl.task_name(f), l.name)),
                _ => None,
            }))
            .collect();
        assert_eq!(handoffs, ["w(0) → w(2)", "w(1) → w(3)"]);
    }

    #[test]
    fn the_runtimes_own_steps_are_said_in_the_programs_terms() {
        let t = engine_trace(
            "import asyncio
async def w(n):
    await asyncio.sleep(n)
async def main():
    await asyncio.gather(w(1), w(2))
asyncio.run(main())
",
        );
        let said = all_said(&t);
        assert!(said.iter().all(|s| !s.contains("gather child done") && !s.contains("stop loop") && !s.contains("shut the loop down")), "{said:#?}");
        assert!(said.contains(&"Gather notes that one of its tasks is done".to_string()), "{said:#?}");
        assert!(said.contains(&"main() creates w(1) (Task-2)".to_string()), "{said:#?}");
        let tl = Timeline::build(&t);
        let snaps = crate::trace::state::Snapshots::new(&t);
        let with: Vec<String> = (0..t.events.len()).map(|i| narrate_with(&t, &tl, i, &snaps.at(&t, i + 1), true)).collect();
        assert!(with.iter().any(|s| s.contains("gather child done")), "the switch shows them as they are");
    }
}
