//! The program's variables at the playhead (`trace::state::Values`): its globals, and the
//! current call of the selected lane with its locals, so "read 0, write 1" shows without a
//! print. A variable the event at the playhead stored is highlighted. Every name and repr is
//! a text node: nothing of the program's becomes HTML.

use indexmap::IndexMap;
use yew::prelude::*;

use crate::trace::state::{FrameView, State};
use crate::trace::{EventKind, Scope, TaskId};
use crate::ui::run::Run;

/// Props of [`ValuesPanel`].
#[derive(Properties, PartialEq)]
pub struct ValuesPanelProps {
    /// The run shown; None before the first.
    pub run: Option<Run>,
    /// The state at the playhead.
    pub state: std::rc::Rc<State>,
    /// Events applied at the playhead.
    pub playhead: usize,
    /// The selected lane's task or thread (None: the program's own lane).
    pub lane: Option<TaskId>,
}

/// What the event at the playhead stored, to highlight it.
#[derive(PartialEq)]
enum Changed<'a> {
    Nothing,
    Global(&'a str),
    Local(u32, &'a str),
}

/// The variables panel.
#[function_component(ValuesPanel)]
pub fn values_panel(props: &ValuesPanelProps) -> Html {
    let body = match &props.run {
        None => html! { <p class="placeholder">{ "The program's variables at the playhead appear here." }</p> },
        Some(run) => view(run, &props.state, props.playhead, props.lane),
    };
    html! {
        <section class="panel values-panel" aria-labelledby="values-title">
            <div class="panel-bar"><h2 class="panel-title" id="values-title">{ "Variables" }</h2></div>
            <div class="panel-body values-body">{ body }</div>
        </section>
    }
}

fn view(run: &Run, s: &State, playhead: usize, lane: Option<TaskId>) -> Html {
    let event = playhead.checked_sub(1).and_then(|i| run.reply.trace.events.get(i));
    let changed = match event.map(|e| &e.kind) {
        Some(EventKind::ValueSet { scope: Scope::Global { .. }, name, .. }) => Changed::Global(name),
        Some(EventKind::ValueSet { scope: Scope::Local { frame, .. }, name, .. }) => Changed::Local(*frame, name),
        _ => Changed::Nothing,
    };
    // The lane the event at the playhead happened in, when it is not the selected one: its
    // call shows too, so stepping through another task's store shows what it stored.
    let event_lane = match event.map(|e| &e.kind) {
        Some(EventKind::ValueSet { scope: Scope::Local { lane, .. } | Scope::Global { lane, .. }, .. }) => Some(*lane),
        Some(EventKind::FrameLeft { lane, .. }) => Some(*lane),
        _ => None,
    };
    let mut lanes = vec![lane];
    if let Some(other) = event_lane.filter(|l| *l != lane) {
        lanes.insert(0, other);
    }
    let globals = s.values.globals_of(lane);
    html! {
        <>
            if let Some(n) = s.values.capped {
                <p class="values-capped">{ format!("Variables are recorded for the first {} stores only; later values are not shown.", crate::ui::run::thousands(n)) }</p>
            }
            <div class="state-section values-globals">
                <h3>{ "Globals" }</h3>
                { globals.map_or_else(|| html! { <span class="muted">{ "none yet" }</span> }, |g| variables(g, |name| changed == Changed::Global(name))) }
            </div>
            { for lanes.into_iter().map(|l| frame_section(run, s, l, &changed)) }
        </>
    }
}

/// The current call of lane `lane`, with its locals (and the calls it was made from).
fn frame_section(run: &Run, s: &State, lane: Option<TaskId>, changed: &Changed) -> Html {
    let lane_name = match lane {
        Some(t) => run.timeline.lane_of(t).map(|i| run.timeline.lanes[i].name.clone()).unwrap_or_else(|| run.timeline.task_name(t)),
        None => "Program".to_string(),
    };
    let stack: Vec<&FrameView> = s.values.stack(lane).collect();
    let Some(current) = stack.last() else {
        return html! {
            <div class="state-section values-frame" data-lane={lane_name.clone()}>
                <h3>{ format!("{lane_name} · locals") }</h3>
                <span class="muted">{ "no call with local variables" }</span>
            </div>
        };
    };
    let callers: Vec<String> = stack[..stack.len() - 1].iter().map(|f| format!("{}()", f.function)).collect();
    html! {
        <div class="state-section values-frame" data-lane={lane_name.clone()}>
            <h3>{ format!("{lane_name} · in {}()", current.function) }</h3>
            if !callers.is_empty() {
                <p class="values-callers">{ format!("called from {}", callers.join(" ← ")) }</p>
            }
            { variables(&current.locals, |name| *changed == Changed::Local(current.id, name)) }
        </div>
    }
}

/// A list of `name = repr`; functions, classes and modules go on one muted line after the data.
/// An instance of the program's class shows its attributes in its repr (`self = <Counter
/// count=1>`), as they are at the playhead.
fn variables(vars: &IndexMap<String, String>, is_changed: impl Fn(&str) -> bool) -> Html {
    let definition = |repr: &str| ["<function ", "<class ", "<module ", "<built-in "].iter().any(|p| repr.starts_with(p));
    let data: Vec<(&String, &String)> = vars.iter().filter(|(_, r)| !definition(r)).collect();
    let defined: Vec<&str> = vars.iter().filter(|(_, r)| definition(r)).map(|(n, _)| n.as_str()).collect();
    html! {
        <>
            if data.is_empty() && defined.is_empty() {
                <span class="muted">{ "none yet" }</span>
            }
            <ul class="plain values">
                { for data.iter().map(|(name, repr)| html! {
                    <li class={classes!("value", is_changed(name).then_some("changed"))} data-name={(*name).clone()}>
                        <span class="value-name">{ (*name).clone() }</span>
                        <span class="value-eq">{ " = " }</span>
                        <span class="value-repr">{ (*repr).clone() }</span>
                    </li>
                }) }
            </ul>
            if !defined.is_empty() {
                <p class="values-defined">{ format!("also defined: {}", defined.join(", ")) }</p>
            }
        </>
    }
}
