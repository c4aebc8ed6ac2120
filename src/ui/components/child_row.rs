//! One child process in real mode: the worker that ran it, its measured span on the real
//! milliseconds axis (replaying the fork lighter, its own work solid) above its simulated span
//! on the virtual seconds axis, whether its results equal the simulation's, and what it printed.

use yew::prelude::*;

use crate::protocol::ChildRecord;
use crate::ui::real::measure::Row;

/// Props of [`ChildRow`].
#[derive(Properties, PartialEq)]
pub struct ChildRowProps {
    /// What the worker reported for the child.
    pub record: ChildRecord,
    /// Its spans and lanes, measured and simulated, on the two axes.
    pub row: Row,
    /// Results equal the simulation's (`None` until it replied, or when it failed).
    pub same: Option<bool>,
    /// `performance.now()` of the first child sent, and the axis length, in ms.
    pub t0: f64,
    /// The length of the real axis, in ms.
    pub axis_ms: f64,
    /// The simulated axis length, in virtual seconds.
    pub axis_seconds: f64,
    /// Stopped before it replied.
    pub stopped: bool,
}

/// A bar from `from` to `to` on an axis `len` long, as CSS percentages.
fn span_style(from: f64, to: f64, len: f64) -> String {
    let pct = |v: f64| if len > 0.0 { (v / len * 100.0).clamp(0.0, 100.0) } else { 0.0 };
    format!("left:{:.2}%;width:{:.2}%", pct(from), (pct(to) - pct(from)).max(0.4))
}

/// One child process of real mode: its measured and simulated spans, and what it printed.
#[function_component(ChildRow)]
pub fn child_row(props: &ChildRowProps) -> Html {
    let (rec, row) = (&props.record, &props.row);
    let worker = row.worker.map(|w| format!("worker {}", w + 1));
    let sim_end = rec.ended.unwrap_or(rec.started);
    let simulated = html! {
        <div class="child-bars sim" title="Simulated: virtual seconds">
            <span class="track" aria-hidden="true"><span class="bar sim" style={span_style(rec.started, sim_end, props.axis_seconds)}></span></span>
            <span class="figures">{ format!("simulated {:.3}–{:.3} s", rec.started, sim_end) }</span>
        </div>
    };
    let measured = match (&rec.inbox, &row.report) {
        (Err(why), _) => html! { <p class="child-why">{ format!("Cannot run in a worker of its own: {why}.") }</p> },
        (Ok(_), None) if props.stopped => html! { <p class="child-why">{ "Stopped before it finished." }</p> },
        (Ok(_), None) => html! { <p class="child-wait">{ if row.sent.is_some() { "Running…" } else { "Waiting for a free worker…" } }</p> },
        (Ok(_), Some(Err(why))) => html! { <p class="child-why">{ format!("It failed in its worker: {why}") }</p> },
        (Ok(_), Some(Ok(report))) => {
            let start = row.sent.unwrap_or(props.t0) - props.t0;
            let replay_end = start + report.replay_ms;
            let work_end = replay_end + report.work_ms;
            html! {
                <div class="child-bars real" title="Measured: real milliseconds">
                    <span class="track" aria-hidden="true">
                        <span class="bar replay" style={span_style(start, replay_end, props.axis_ms)}></span>
                        <span class="bar work" style={span_style(replay_end, work_end, props.axis_ms)}></span>
                    </span>
                    <span class="figures">{ format!("replay {:.0} ms · work {:.0} ms", report.replay_ms, report.work_ms) }</span>
                </div>
            }
        }
    };
    let verdict = props.same.map(|same| {
        let text = if same { "✓ results equal the simulation's" } else { "✗ results differ from the simulation's" };
        html! { <span class={classes!("child-verdict", if same { "same" } else { "differ" })}>{ text }</span> }
    });
    let printed = row.report.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.output.clone()).unwrap_or_default();
    html! {
        <li class="child-row" data-worker={row.worker.map(|w| w.to_string())} data-same={props.same.map(|s| s.to_string())}
            data-sent-ms={row.sent.map(|t| format!("{:.1}", t - props.t0))} data-reply-ms={row.received.map(|t| format!("{:.1}", t - props.t0))}>
            <div class="child-head">
                <span class="child-name">{ rec.name.clone() }</span>
                if let Some(worker) = worker { <span class="child-worker">{ worker }</span> }
                { for verdict }
            </div>
            { measured }
            { simulated }
            if !printed.is_empty() {
                <ul class="child-output" aria-label={format!("What {} printed", rec.name)}>
                    { for printed.iter().map(|l| html! {
                        <li class={classes!((l.stream == crate::trace::Stream::Stderr).then_some("stderr"))}>
                            <span class="line-meta">{ format!("{:>5.0} ms", l.ms) }</span>{ l.text.clone() }
                        </li>
                    }) }
                </ul>
            }
        </li>
    }
}
