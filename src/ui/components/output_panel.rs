//! The output panel: what the program printed up to the playhead (each line tagged with the
//! task that printed it), and, when something went wrong, the explanation.

use yew::prelude::*;

use super::ProblemView;
use crate::trace::EventKind;
use crate::ui::run::{Problem, Run};

/// Lines shown at most (the latest ones): the panel stays light on huge outputs.
const SHOWN: usize = 400;

/// Props of [`OutputPanel`].
#[derive(Properties, PartialEq)]
pub struct OutputPanelProps {
    /// The run shown; None before the first.
    pub run: Option<Run>,
    /// Events applied at the playhead: only the output printed before it shows.
    pub playhead: usize,
    /// Why the program could not run, if it could not.
    pub problem: Option<Problem>,
    /// True while a run is in progress (and none shown yet).
    pub running: bool,
}

/// Shows the program's output. Screen readers hear new lines (`aria-live`).
#[function_component(OutputPanel)]
pub fn output_panel(props: &OutputPanelProps) -> Html {
    let lines = match &props.run {
        None if props.running => html! { <p class="placeholder">{ "Running…" }</p> },
        None => html! { <p class="placeholder">{ "Press Run to see what the program prints." }</p> },
        Some(run) => lines(run, props.playhead),
    };
    // The problem shows from the moment it happened (the end, or a deadlock) on.
    let at_end = props.run.as_ref().is_none_or(|r| props.playhead >= r.initial_playhead);
    html! {
        <section class="panel output-panel" aria-labelledby="output-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="output-title">{ "Output" }</h2>
                if let Some(run) = &props.run {
                    <span class="panel-hint">{ format!("{} steps · {:.0} ms", crate::ui::run::thousands(run.reply.steps), run.reply.elapsed_ms) }</span>
                }
            </div>
            <div class="panel-body output" role="log" aria-live="polite">
                if let Some(problem) = props.problem.as_ref().filter(|_| at_end) {
                    <ProblemView problem={problem.clone()} />
                }
                { lines }
            </div>
        </section>
    }
}

fn lines(run: &Run, playhead: usize) -> Html {
    let tl = &run.timeline;
    let events = &run.reply.trace.events;
    let count = tl.outputs_before(playhead);
    let shown = &tl.outputs[count.saturating_sub(SHOWN)..count];
    // Lines printed after the recorded part of a very long run.
    let extra: &[crate::protocol::Line] = if playhead >= run.len() && run.reply.events_dropped > 0 {
        run.reply.output.get(tl.outputs.len()..).unwrap_or(&[])
    } else {
        &[]
    };
    if count == 0 && extra.is_empty() {
        let text = if run.reply.output.is_empty() && playhead >= run.len() { "The program printed nothing." } else { "Nothing printed yet at the playhead." };
        return html! { <p class="placeholder">{ text }</p> };
    }
    html! {
        <>
            if count > SHOWN {
                <p class="muted">{ format!("… {} earlier lines", crate::ui::run::thousands((count - SHOWN) as u64)) }</p>
            }
            <ol class="lines">
                { for shown.iter().map(|&i| {
                    let e = &events[i as usize];
                    let EventKind::Output { task, stream, text } = &e.kind else { return html! {} };
                    let who = task.map(|t| tl.task_name(t)).unwrap_or_else(|| "main".into());
                    html! {
                        <li class={classes!("line", (*stream == crate::trace::Stream::Stderr).then_some("stderr"))}>
                            <span class="line-meta">{ format!("{:>7.3}", e.t) }<span class="line-task">{ who }</span></span>
                            <span class="line-text">{ text.clone() }</span>
                        </li>
                    }
                }) }
                { for extra.iter().map(|l| html! {
                    <li class={classes!("line", (l.stream == crate::trace::Stream::Stderr).then_some("stderr"))}>
                        <span class="line-meta">{ format!("{:>7.3}", l.time) }</span>
                        <span class="line-text">{ l.text.clone() }</span>
                    </li>
                }) }
            </ol>
            if run.reply.events_dropped > 0 && playhead >= run.len() {
                <p class="muted">{ format!("The timeline shows the first {} events; {} more were not kept.",
                    crate::ui::run::thousands(run.len() as u64), crate::ui::run::thousands(run.reply.events_dropped)) }</p>
            }
        </>
    }
}
