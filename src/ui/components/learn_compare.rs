//! Compare two runs: two of a lesson's programs drawn on one axis of virtual seconds, with
//! each run's total, so "A + B" and "max(A, B)" can be read off side by side.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::learn::compare::{compare, Compared};
use crate::ui::learn::{format_number, Lesson};

/// Props of [`LearnCompare`].
#[derive(Properties, PartialEq)]
pub struct LearnCompareProps {
    /// The lesson, whose `compare` names the two programs.
    pub lesson: &'static Lesson,
}

/// The comparison, run when first opened.
#[function_component(LearnCompare)]
pub fn learn_compare(props: &LearnCompareProps) -> Html {
    let shown = use_state(|| None::<Rc<[Compared; 2]>>);
    let Some((a, b)) = props.lesson.compare else { return html! {} };
    let (pa, pb) = (&props.lesson.programs[a], &props.lesson.programs[b]);
    let Some(runs) = (*shown).clone() else {
        let onclick = {
            let shown = shown.clone();
            Callback::from(move |_| shown.set(Some(Rc::new([compare(&pa.title, &pa.source), compare(&pb.title, &pb.source)]))))
        };
        return html! {
            <button type="button" class="button ghost learn-compare-open" {onclick}>
                { format!("Compare two runs: {} and {}", pa.title, pb.title) }
            </button>
        };
    };
    let axis = runs.iter().map(|r| r.total).fold(1.0_f64, f64::max);
    let pct = |t: f64| format!("{:.3}%", 100.0 * t / axis);
    let ticks = (0..=axis.ceil() as usize).filter(|&s| (s as f64) <= axis);
    html! {
        <figure class="learn-compare" aria-label="Two runs on one time axis">
            { for runs.iter().map(|run| html! {
                <div class="cmp-run">
                    <figcaption class="cmp-title">
                        <strong>{ run.title.clone() }</strong>
                        <span class="cmp-total">{ format!("total {} s", format_number(run.total)) }</span>
                    </figcaption>
                    { for run.lanes.iter().map(|(name, spans)| html! {
                        <div class="cmp-lane">
                            <span class="cmp-name" title={name.clone()}>{ name.clone() }</span>
                            <span class="cmp-track">
                                { for spans.iter().filter(|s| s.1 > s.0).map(|&(from, to, class)| html! {
                                    <span class={classes!("cmp-bar", class)} title={format!("{class} {}–{} s", format_number(from), format_number(to))}
                                        style={format!("left: {}; width: {}", pct(from), pct(to - from))} />
                                }) }
                                <span class="cmp-end" style={format!("left: {}", pct(run.total))} />
                            </span>
                        </div>
                    }) }
                </div>
            }) }
            <div class="cmp-lane cmp-axis" aria-hidden="true">
                <span class="cmp-name" />
                <span class="cmp-track">
                    { for ticks.map(|s| html! { <span class="cmp-tick" style={format!("left: {}", pct(s as f64))}>{ format!("{s} s") }</span> }) }
                </span>
            </div>
            <p class="cmp-legend">
                <span class="cmp-key running" />{ " running: holding the loop, even inside a blocking time.sleep · " }
                <span class="cmp-key sleeping" />{ " sleeping: others may run · " }
                <span class="cmp-key ready" />{ " ready, waiting for its turn · " }
                <span class="cmp-key waiting" />{ " waiting for other tasks" }
            </p>
        </figure>
    }
}
