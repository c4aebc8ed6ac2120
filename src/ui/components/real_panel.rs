//! "Measured on your cores": the real-mode toggle, and, when it is on, each child process of
//! the last run as it ran in a real Web Worker, the parallelism achieved and the speedup chart.

use yew::prelude::*;

use super::{ChildRow, SpeedupChart};
use crate::ui::state::RealMode;

/// Props of [`RealPanel`].
#[derive(Properties, PartialEq)]
pub struct RealPanelProps {
    /// Real mode's state: on or off, and what it measured.
    pub real: RealMode,
    /// Child processes the run shown started (0 with no run).
    pub children: usize,
    /// The browser's logical cores (`navigator.hardwareConcurrency`).
    pub cores: usize,
    /// Called when the toggle is switched, with its new value.
    pub ontoggle: Callback<bool>,
    /// Called to measure again.
    pub onmeasure: Callback<()>,
}

/// "Measured on your cores": the real-mode toggle and, when on, each child process as it ran in a
/// Web Worker.
#[function_component(RealPanel)]
pub fn real_panel(props: &RealPanelProps) -> Html {
    let real = &props.real;
    let ontoggle = props.ontoggle.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    let summary = real.measured.as_ref().and_then(|m| {
        let wall = m.wall_ms()?;
        let parallel = m.parallelism().map(|p| format!(" · ×{p:.2} parallel")).unwrap_or_default();
        Some(format!("wall {wall:.0} ms · own work {:.0} ms{parallel}", m.work_ms()))
    });
    let switch = html! {
        <label class="real-switch">
            <input type="checkbox" role="switch" checked={real.on} onchange={ontoggle} />
            <span class="switch-track" aria-hidden="true"></span>
            { "Real cores" }
        </label>
    };
    html! {
        <section class={classes!("panel", "real-panel", real.on.then_some("on"))} aria-labelledby="real-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="real-title">{ "Measured on your cores" }</h2>
                { switch }
                <span class="panel-hint real-summary" aria-live="polite">
                    { summary.unwrap_or_else(|| if real.on { String::new() } else { "Off: processes run only in the simulation".into() }) }
                </span>
            </div>
            if real.on {
                <div class="panel-body real-body">{ body(props) }</div>
            }
        </section>
    }
}

fn body(props: &RealPanelProps) -> Html {
    let real = &props.real;
    let problem = real.problem.as_ref().map(|p| html! { <p class="problem real-problem" role="alert">{ p.clone() }</p> });
    let Some(m) = &real.measured else {
        let text = if props.children == 0 {
            "This run started no child processes. Run a program that uses multiprocessing.Process or Pool: each child process runs again in a Web Worker of its own, and its time is measured."
        } else {
            "Waiting for the run…"
        };
        return html! { <>{ for problem }<p class="placeholder">{ text }</p></> };
    };
    let (t0, axis_ms, axis_seconds) = (m.first_sent().unwrap_or(0.0), m.axis_ms(), m.axis_seconds());
    let can_measure = m.done() && m.rows.iter().any(|r| r.report.is_some()) && !real.speedup.as_ref().is_some_and(|s| s.busy());
    let onmeasure = props.onmeasure.reform(|_| ());
    html! {
        <>
            { for problem }
            <p class="real-intro">{ format!(
                "{} child processes, each replayed up to its fork and run alone in one of {} Web Workers (separate memory). Bars: measured milliseconds (light: replaying the fork; solid: its own work), then the simulated span.",
                m.children.len(), m.workers) }</p>
            <ul class="child-rows">
                { for m.children.iter().zip(&m.rows).enumerate().map(|(i, (record, row))| html! {
                    <ChildRow record={record.clone()} row={row.clone()} same={m.same_results(i)} t0={t0} axis_ms={axis_ms}
                        axis_seconds={axis_seconds} stopped={m.stopped} />
                }) }
            </ul>
            <div class="speedup-bar">
                <button type="button" class="button" disabled={!can_measure} onclick={onmeasure}
                    title="Run the same children on 1, 2, … workers and time each">
                    { format!("Measure speedup (1–{} workers)", props.cores) }
                </button>
            </div>
            if let Some(speedup) = &real.speedup {
                <SpeedupChart speedup={speedup.clone()} />
            }
        </>
    }
}
