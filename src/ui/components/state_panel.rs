//! The state at the playhead, rebuilt from the trace (`trace::state::State::at`): the tasks,
//! the event loop's ready queue and timers, and every lock, semaphore, event and queue.

use yew::prelude::*;

use crate::trace::state::{ResourceView, State, TaskStatus};
use crate::trace::timeline::LaneKind;
use crate::trace::describe::Names;
use crate::trace::{ResourceKind, TaskOutcome};
use crate::ui::run::Run;

/// Props of [`StatePanel`].
#[derive(Properties, PartialEq)]
pub struct StatePanelProps {
    /// The run shown; None before the first.
    pub run: Option<Run>,
    /// The state at the playhead.
    pub state: std::rc::Rc<State>,
    /// Events applied at the playhead.
    pub playhead: usize,
    /// Show the runtime's own tasks and primitives too.
    #[prop_or_default]
    pub internals: bool,
    /// The "Show internals" switch changed.
    #[prop_or_default]
    pub oninternals: Callback<bool>,
}

/// The state beside the timeline.
#[function_component(StatePanel)]
pub fn state_panel(props: &StatePanelProps) -> Html {
    let body = match &props.run {
        None => html! { <p class="placeholder">{ "The event loop's ready queue, timers, locks and queues at the playhead appear here." }</p> },
        Some(run) => html! { <>{ threads(run, props.playhead) }{ view(run, &props.state, props.playhead, props.internals) }</> },
    };
    let ontoggle = {
        let oninternals = props.oninternals.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            oninternals.emit(input.checked());
        })
    };
    html! {
        <section class="panel state-panel" aria-labelledby="state-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="state-title">{ "State at the playhead" }</h2>
                <label class="internals-switch" title="Also show the runtime's own tasks, primitives and callbacks">
                    <input type="checkbox" checked={props.internals} onchange={ontoggle} />
                    { "Show internals" }
                </label>
            </div>
            <div class="panel-body state-body">{ body }</div>
        </section>
    }
}

fn view(run: &Run, s: &State, playhead: usize, internals: bool) -> Html {
    let tl = &run.timeline;
    let name = |t: u32| tl.task_name(t);
    // The tasks with a lane on screen (`run.lanes` already hides internal lanes unless the
    // page shows internals), looked up once rather than by a scan of the lanes per task.
    let visible: std::collections::HashSet<u32> = run.lanes.iter().filter_map(|&i| tl.lanes[i].task).collect();
    let shown = |t: &u32| visible.contains(t);
    let chips = |tasks: &[u32]| -> Html {
        if tasks.is_empty() {
            html! { <span class="muted">{ "none" }</span> }
        } else {
            html! { <>{ for tasks.iter().take(LIST_CAP).map(|t| html! { <span class="chip">{ name(*t) }</span> }) }{ more(tasks.len()) }</> }
        }
    };
    let mut timers: Vec<&(f64, String)> = s.timers.values().collect();
    timers.sort_by(|a, b| a.0.total_cmp(&b.0));
    let primitives = html! {
        if !s.resources.is_empty() {
            <div class="state-section">
                <h3>{ "Primitives" }</h3>
                <ul class="plain resources">
                    { for s.resources.values().filter(|r| internals || !r.internal).map(|r| resource(r, &name, handing_over(run, playhead, r.id))) }
                </ul>
            </div>
        }
    };
    // A program of threads or processes only has no event loop to show.
    let has_loop = run.timeline.lanes.iter().any(|l| l.kind == LaneKind::Task) || !s.timers.is_empty();
    if !has_loop {
        let threaded = run.timeline.lanes.iter().any(|l| matches!(l.kind, LaneKind::Thread | LaneKind::Process));
        return html! {
            <>
            if !threaded && s.resources.is_empty() {
                <p class="placeholder">{ "No event loop, threads or primitives in this run: it is plain sequential code." }</p>
            }
            { primitives }
            </>
        };
    }
    html! {
        <>
            <div class="state-section">
                <h3>{ "Ready queue" }</h3>
                <div class="chips">{ chips(&s.ready) }</div>
            </div>
            <div class="state-section">
                <h3>{ "Timers" }</h3>
                if timers.is_empty() {
                    <span class="muted">{ "none pending" }</span>
                } else {
                    <ul class="plain">
                        { for timers.iter().take(LIST_CAP).map(|(when, what)| html! {
                            <li><span class="mono">{ format!("t = {}", crate::ui::paint::seconds(*when)) }</span>{ format!("  {what}") }</li>
                        }) }
                    </ul>
                    { more(timers.len()) }
                }
            </div>
            { primitives }
            <div class="state-section">
                <h3>{ "Tasks" }</h3>
                if !s.tasks.values().any(|t| shown(&t.id)) {
                    <span class="muted">{ "none yet" }</span>
                }
                <ul class="plain tasks">
                    { for s.tasks.values().filter(|t| shown(&t.id)).take(LIST_CAP).map(|t| html! {
                        <li class={classes!("task", status_class(&t.status))}>
                            <span class="task-name">{ if t.named { t.name.clone() } else { name(t.id) } }</span>
                            <span class="task-status">{ status_text(&t.status, task_line(run, t, playhead), tl) }</span>
                        </li>
                    }) }
                </ul>
                { more(s.tasks.values().filter(|t| shown(&t.id)).count()) }
            </div>
        </>
    }
}

/// Entries a list of the panel shows: a run of a thousand tasks lists the first ones and
/// counts the rest, so a seek re-renders a panel's worth, not thousands of rows.
const LIST_CAP: usize = 40;

/// "… and 960 more" under a list of `total` cut at [`LIST_CAP`].
fn more(total: usize) -> Html {
    if total > LIST_CAP {
        html! { <p class="muted more">{ format!("… and {} more", total - LIST_CAP) }</p> }
    } else {
        html! {}
    }
}

/// Threads and processes: who holds the GIL, who waits for it, who is blocked.
fn threads(run: &Run, playhead: usize) -> Html {
    let lanes: Vec<usize> = run
        .lanes
        .iter()
        .copied()
        .filter(|&i| matches!(run.timeline.lanes[i].kind, LaneKind::Thread | LaneKind::Process))
        .collect();
    if lanes.is_empty() {
        return html! {};
    }
    let rows = lanes.iter().filter_map(|&i| {
        let lane = &run.timeline.lanes[i];
        let (class, text) = run.thread_status(i, playhead)?;
        Some(html! {
            <li class={classes!("task", class)}>
                <span class="task-name">{ lane.name.clone() }</span>
                <span class="task-status">{ text }</span>
            </li>
        })
    });
    html! {
        <div class="state-section">
            <h3>{ "Threads and processes" }</h3>
            <ul class="plain tasks">{ for rows }</ul>
        </div>
    }
}

/// The line a task is at: where it really is in its step, not where the step began.
fn task_line(run: &Run, t: &crate::trace::state::TaskView, playhead: usize) -> u32 {
    match (run.timeline.lane_of(t.id), playhead.checked_sub(1)) {
        (Some(lane), Some(event)) => match run.line_at(lane, event) {
            0 => t.line,
            l => l,
        },
        _ => t.line,
    }
}

/// When the event at the playhead is a release whose permit the very next event (the same
/// step of the same `release()` call) hands to a waiter: that waiter and the counter after. As
/// in CPython 3.11's `_wake_up_next`, the permit never is free for anyone else to take.
fn handing_over(run: &Run, playhead: usize, resource: u32) -> Option<(u32, Option<i64>)> {
    use crate::trace::EventKind;
    let events = &run.reply.trace.events;
    let (now, next) = (events.get(playhead.checked_sub(1)?)?, events.get(playhead)?);
    match (&now.kind, &next.kind) {
        (EventKind::Released { resource: a, .. }, EventKind::HandedOver { resource: b, to, value }) if *a == resource && *b == resource && now.step == next.step => {
            Some((*to, *value))
        }
        _ => None,
    }
}

fn resource(r: &ResourceView, name: &dyn Fn(u32) -> String, handing: Option<(u32, Option<i64>)>) -> Html {
    let holders: Vec<String> = r.holders.iter().map(|h| h.map(name).unwrap_or_else(|| "the program".into())).collect();
    let waiters: Vec<String> = r.waiters.iter().map(|t| name(*t)).collect();
    let join = |v: &[String]| if v.is_empty() { "nobody".to_string() } else { v.join(", ") };
    let (kind, detail) = match r.kind {
        ResourceKind::Lock => (
            "lock",
            if holders.is_empty() { "free".to_string() } else { format!("held by {}", join(&holders)) },
        ),
        ResourceKind::Semaphore | ResourceKind::BoundedSemaphore => (
            "semaphore",
            format!(
                "{} of {} free{}{}",
                handing.and_then(|(_, v)| v).or(r.value).unwrap_or(0),
                r.capacity.map(|c| c.to_string()).unwrap_or_else(|| "?".into()),
                if holders.is_empty() { String::new() } else { format!("; held by {}", join(&holders)) },
                handing.map(|(to, _)| format!("; handing the permit straight to {}", name(to))).unwrap_or_default()
            ),
        ),
        ResourceKind::Event => ("event", if r.is_set { "set".to_string() } else { "not set".to_string() }),
        ResourceKind::Condition => ("condition", if holders.is_empty() { "lock free".to_string() } else { format!("lock held by {}", join(&holders)) }),
        ResourceKind::Queue | ResourceKind::PriorityQueue | ResourceKind::LifoQueue => {
            let items: Vec<&str> = r.items.iter().map(String::as_str).collect();
            let cap = match r.capacity {
                Some(c) if c > 0 => format!(" (max {c})"),
                _ => String::new(),
            };
            ("queue", if items.is_empty() { format!("empty{cap}") } else { format!("[{}]{cap}", items.join(", ")) })
        }
    };
    html! {
        <li class={classes!("resource", kind)}>
            <span class="resource-name">{ r.name.clone() }</span>
            <span class="resource-detail">{ detail }</span>
            if !waiters.is_empty() {
                <span class="resource-waiters">{ format!("waiting: {}", waiters.join(", ")) }</span>
            }
        </li>
    }
}

fn status_class(s: &TaskStatus) -> &'static str {
    match s {
        TaskStatus::Ready => "ready",
        TaskStatus::Running => "running",
        TaskStatus::Waiting(_) => "waiting",
        TaskStatus::Done(_) => "done",
    }
}

fn status_text(s: &TaskStatus, line: u32, names: &dyn Names) -> String {
    let at = if line > 0 { format!(" (line {line})") } else { String::new() };
    match s {
        TaskStatus::Ready => "ready".into(),
        TaskStatus::Running => format!("running{at}"),
        TaskStatus::Waiting(w) => format!("{}{at}", w.describe(names)),
        TaskStatus::Done(TaskOutcome::Returned { value }) => format!("done → {value}"),
        TaskStatus::Done(TaskOutcome::Raised { exception }) => format!("failed: {exception}"),
        TaskStatus::Done(TaskOutcome::Cancelled) => "cancelled".into(),
    }
}
