//! Compare two runs: two of a lesson's programs drawn on one axis of virtual seconds, with
//! each run's total, so "A + B" and "max(A, B)" can be read off side by side. Both run in the
//! course's own worker, one after the other; a compare link carries both programs.

use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::{FromWorker, RunRequest};
use crate::ui::browser;
use crate::ui::learn::compare::{compare_fragment, compared, Compared, COMPARE_STEPS};
use crate::ui::learn::worker::LearnWorker;
use crate::ui::learn::{format_number, Lesson};

/// Props of [`LearnCompare`].
#[derive(Properties, PartialEq)]
pub struct LearnCompareProps {
    /// The lesson, whose `compare` names the two programs.
    pub lesson: &'static Lesson,
    /// The two programs of a compare link, run at once instead of the lesson's.
    #[prop_or_default]
    pub programs: Option<(AttrValue, AttrValue)>,
}

/// What the comparison shows: (title, program) of each side.
type Sides = Rc<[(String, String); 2]>;

/// The comparison, run when first opened (at once for a compare link).
#[function_component(LearnCompare)]
pub fn learn_compare(props: &LearnCompareProps) -> Html {
    let shown = use_state(|| None::<Rc<[Compared; 2]>>);
    let running = use_state(|| false);
    let link = use_state(|| None::<String>);
    let worker = use_mut_ref(LearnWorker::default);
    // The request waited for, which side it is, and the first side's result.
    let pending = use_mut_ref(|| None::<(u32, usize, Option<Compared>)>);
    let lesson = props.lesson;
    let sides: Sides = {
        let programs = props.programs.clone();
        (*use_memo(programs, move |programs| {
            let (a, b) = lesson.compare.unwrap_or((0, 0));
            let title = |source: &str, fallback: &str| {
                lesson.programs.iter().find(|p| p.source == source).map_or_else(|| fallback.to_string(), |p| p.title.clone())
            };
            let side = |i: usize, linked: Option<&AttrValue>, fallback: &str| match linked {
                Some(s) => (title(s, fallback), s.to_string()),
                None => (lesson.programs[i].title.clone(), lesson.programs[i].source.clone()),
            };
            Rc::new([
                side(a, programs.as_ref().map(|p| &p.0), "First program"),
                side(b, programs.as_ref().map(|p| &p.1), "Second program"),
            ])
        }))
        .clone()
    };
    let start = {
        let (worker, pending, shown, running, sides) = (worker.clone(), pending.clone(), shown.clone(), running.clone(), sides.clone());
        Rc::new(move || {
            let on_reply: Rc<dyn Fn(Result<FromWorker, String>)> = {
                let (worker, pending, shown, running, sides) = (worker.clone(), pending.clone(), shown.setter(), running.setter(), sides.clone());
                Rc::new(move |m| {
                    let Ok(FromWorker::Reply(reply)) = m else {
                        running.set(false);
                        return;
                    };
                    let Some((id, side, first)) = pending.borrow_mut().take() else { return };
                    if id != reply.id {
                        *pending.borrow_mut() = Some((id, side, first));
                        return;
                    }
                    let this = compared(&sides[side].0, &reply);
                    match first {
                        None => {
                            let next = worker.borrow_mut().next_id();
                            *pending.borrow_mut() = Some((next, 1, Some(this)));
                            let request = RunRequest { id: next, source: sides[1].1.clone(), max_steps: COMPARE_STEPS, child: None };
                            if !worker.borrow().post(request.to_json()) {
                                running.set(false);
                            }
                        }
                        Some(first) => {
                            running.set(false);
                            shown.set(Some(Rc::new([first, this])));
                        }
                    }
                })
            };
            let id = worker.borrow_mut().next_id();
            *pending.borrow_mut() = Some((id, 0, None));
            running.set(true);
            let request = RunRequest { id, source: sides[0].1.clone(), max_steps: COMPARE_STEPS, child: None };
            LearnWorker::send(&worker, request.to_json(), on_reply);
        })
    };
    // A compare link runs its programs at once.
    {
        let start = start.clone();
        use_effect_with(props.programs.clone(), move |programs| {
            if programs.is_some() {
                start();
            }
        });
    }
    let Some(runs) = (*shown).clone() else {
        let onclick = Callback::from(move |_: MouseEvent| start());
        return html! {
            <button type="button" class="button ghost learn-compare-open" {onclick} disabled={*running}>
                { if *running { "Running both…".to_string() } else { format!("Compare two runs: {} and {}", sides[0].0, sides[1].0) } }
            </button>
        };
    };
    let onlink = {
        let (link, sides, number) = (link.clone(), sides.clone(), lesson.number);
        Callback::from(move |_: MouseEvent| {
            let url = format!("{}#{}", browser::base_url(true), compare_fragment(number, &sides[0].1, &sides[1].1));
            browser::copy(&url, |_| ());
            link.set(Some(url));
        })
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
            <p class="cmp-share">
                <button type="button" class="link-button cmp-link-button" onclick={onlink}>{ "Copy a compare link" }</button>
                if let Some(url) = &*link { { " · " }<a class="cmp-link" href={url.clone()}>{ "Compare link" }</a>{ " (both programs)" } }
            </p>
        </figure>
    }
}
