//! "Every schedule": Explore (outcomes as a bar chart, a run of each loadable into the
//! timeline and narrated), Check every schedule, and Be the scheduler (pick which thread goes
//! next, Undo, goals, challenge links). The model is `ui::explore`; the engine's side runs in
//! the explorer's own worker.

use std::rc::Rc;

use yew::prelude::*;

use crate::explore::interactive::{Goal, Step, Turn};
use crate::protocol::{ExploreRequest, FromWorker};
use crate::share::{self, Scenario};
use crate::ui::browser;
use crate::ui::explore::worker::ExploreWorker;
use crate::ui::explore::{self as model, Exploring, Panel, PanelAction, Tab};
use crate::ui::state::{Action, Running};

/// Props of [`ExplorePanel`].
#[derive(Properties, PartialEq)]
pub struct ExplorePanelProps {
    /// The program in the editor.
    pub source: AttrValue,
    /// The gallery entry's slug, if the program is one.
    pub example: Option<AttrValue>,
    /// The page's actions (a loaded run goes to the timeline through them).
    pub dispatch: Callback<Action>,
    /// The editor lines to highlight for the scheduler's runnable threads, each with its
    /// thread's colour (`--task-N`): (line, colour), the running thread's first; empty for none.
    pub online: Callback<Rc<Vec<(u32, u32)>>>,
}

struct PanelState(Panel);

impl Reducible for PanelState {
    type Action = PanelAction;
    fn reduce(self: Rc<Self>, action: PanelAction) -> Rc<Self> {
        Rc::new(PanelState(self.0.clone().apply(action)))
    }
}

/// Ids of runs loaded from the explorer: far above the engine's own, so they never meet.
const LOADED_RUN_IDS: u32 = 3_000_000_000;

/// The explorer panel.
#[function_component(ExplorePanel)]
pub fn explore_panel(props: &ExplorePanelProps) -> Html {
    let state = use_reducer(|| {
        // A challenge link or a gallery entry says which half to open, with which goal.
        let hash = browser::hash();
        let (goal, _) = model::split_challenge(&hash);
        let mut p = Panel::default();
        if let Some(g) = goal {
            p.tab = Tab::Scheduler;
            p.goal = Some(g);
        }
        PanelState(p)
    });
    let worker = use_mut_ref(ExploreWorker::default);
    let dispatch_now = use_mut_ref(|| props.dispatch.clone());
    *dispatch_now.borrow_mut() = props.dispatch.clone();
    let p = &state.0;

    // Replies from the worker.
    let on_reply: Rc<dyn Fn(Result<FromWorker, String>)> = {
        let (panel, dispatch_now) = (state.dispatcher(), dispatch_now.clone());
        Rc::new(move |m| match m {
            Ok(FromWorker::ExploreProgress { id, schedules, .. }) => panel.dispatch(PanelAction::Progress { id, schedules }),
            Ok(FromWorker::Explored { id, report }) => panel.dispatch(PanelAction::Explored { id, report }),
            Ok(FromWorker::Turn { id, turn }) => panel.dispatch(PanelAction::Turned { id, turn: *turn }),
            Ok(FromWorker::Replayed { id, replay, mut run }) => {
                let d = dispatch_now.borrow().clone();
                run.id = LOADED_RUN_IDS + id;
                let preemptions = model::preemption_events(&run.trace);
                d.emit(Action::RunStarted(Running { id: run.id, started: browser::now() }));
                d.emit(Action::RunFinished(run));
                panel.dispatch(PanelAction::Replayed { id, replay: *replay, preemptions });
            }
            Ok(_) => {}
            Err(_) => panel.dispatch(PanelAction::Stop),
        })
    };
    let send = {
        let (worker, on_reply) = (worker.clone(), on_reply.clone());
        Rc::new(move |make: &dyn Fn(u32) -> ExploreRequest| -> u32 {
            let id = worker.borrow_mut().next_id();
            ExploreWorker::send(&worker, &make(id), on_reply.clone());
            id
        })
    };

    // The scheduler asks for a turn.
    let ask_with: Rc<dyn Fn(Vec<u32>, Option<Goal>)> = {
        let (send, panel, source) = (send.clone(), state.dispatcher(), props.source.clone());
        Rc::new(move |picks: Vec<u32>, goal: Option<Goal>| {
            let (source, picks2) = (source.to_string(), picks.clone());
            let id = send(&move |id| ExploreRequest::Turn { id, source: source.clone(), picks: picks2.clone(), goal });
            panel.dispatch(PanelAction::Ask { id, picks });
        })
    };
    let ask: Rc<dyn Fn(Vec<u32>)> = {
        let (ask_with, goal) = (ask_with.clone(), p.goal);
        Rc::new(move |picks| ask_with(picks, goal))
    };

    // A new program: forget what was found; the scheduler starts again; a gallery entry
    // opens in its mode.
    {
        let (panel, ask_with, worker, tab, goal, example) = (state.dispatcher(), ask_with.clone(), worker.clone(), p.tab, p.goal, props.example.clone());
        use_effect_with(props.source.clone(), move |_| {
            worker.borrow_mut().stop();
            panel.dispatch(PanelAction::Edited);
            let mode = example.as_deref().and_then(model::start_mode);
            let (tab, goal) = match mode {
                Some((t, g)) if !browser::hash().starts_with("goal=") => {
                    panel.dispatch(PanelAction::Tab(t));
                    panel.dispatch(PanelAction::Goal(g));
                    (t, g)
                }
                _ => (tab, goal),
            };
            if tab == Tab::Scheduler {
                ask_with(vec![], goal);
            }
        });
    }
    // The editor highlights each runnable thread's line in its colour, the one that would
    // go on first.
    {
        let lines = match (&p.tab, &p.turn) {
            (Tab::Scheduler, Some(t)) => model::runnable_lines(t),
            _ => vec![],
        };
        let online = props.online.clone();
        use_effect_with(lines, move |lines| online.emit(Rc::new(lines.clone())));
    }

    let explore = |check: bool| {
        let (send, panel, source) = (send.clone(), state.dispatcher(), props.source.clone());
        Callback::from(move |_: MouseEvent| {
            let (preemptions, cap) = (model::PREEMPTIONS, if check { model::CHECK_MAX } else { model::EXPLORE_MAX });
            let source = source.to_string();
            let id = send(&move |id| ExploreRequest::Run {
                id,
                source: source.clone(),
                preemptions,
                max_schedules: cap,
                time_cap_ms: Some(model::TIME_CAP_MS),
            });
            panel.dispatch(PanelAction::Start(Exploring { id, check, schedules: 0, cap }));
        })
    };
    let onstop = {
        let (worker, panel) = (worker.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            worker.borrow_mut().stop();
            panel.dispatch(PanelAction::Stop);
        })
    };
    let tab = |t: Tab| {
        let (panel, ask, has_turn) = (state.dispatcher(), ask.clone(), p.turn.is_some() || p.turn_pending.is_some());
        Callback::from(move |_: MouseEvent| {
            panel.dispatch(PanelAction::Tab(t));
            if t == Tab::Scheduler && !has_turn {
                ask(vec![]);
            }
        })
    };
    let body = match p.tab {
        Tab::Explore => explore_view(p, props.dispatch.clone(), explore(false), explore(true), onstop, {
            let (send, panel, source) = (send.clone(), state.dispatcher(), props.source.clone());
            Callback::from(move |(k, schedule): (usize, String)| {
                let source = source.to_string();
                let id = send(&move |id| ExploreRequest::Replay { id, source: source.clone(), schedule: schedule.clone() });
                panel.dispatch(PanelAction::Select { outcome: k, id });
            })
        }),
        Tab::Scheduler => scheduler_view(p, props, ask.clone(), ask_with.clone(), state.dispatcher(), send.clone()),
    };
    html! {
        <section class="panel explore-panel" aria-labelledby="explore-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="explore-title">{ "Every schedule" }</h2>
                <div class="explore-tabs" role="tablist" aria-label="Explorer mode">
                    <button type="button" role="tab" class="explore-tab" aria-selected={(p.tab == Tab::Explore).to_string()}
                        onclick={tab(Tab::Explore)}>{ "Explore" }</button>
                    <button type="button" role="tab" class="explore-tab" aria-selected={(p.tab == Tab::Scheduler).to_string()}
                        onclick={tab(Tab::Scheduler)}>{ "Be the scheduler" }</button>
                </div>
            </div>
            <div class="panel-body explore-body">{ body }</div>
        </section>
    }
}

fn explore_view(p: &Panel, dispatch: Callback<Action>, onexplore: Callback<MouseEvent>, oncheck: Callback<MouseEvent>, onstop: Callback<MouseEvent>, onpick: Callback<(usize, String)>) -> Html {
    let busy = p.exploring.is_some();
    let progress = p.exploring.as_ref().map(|e| {
        let what = if e.check { "Checking" } else { "Exploring" };
        html! {
            <div class="explore-progress" role="status">
                <progress max={e.cap.to_string()} value={e.schedules.to_string()} aria-label="Schedules run"></progress>
                <span class="explore-count">{ format!("{what}… {} schedules", model::thousands(e.schedules)) }</span>
                <button type="button" class="button explore-stop" onclick={onstop}>{ "Stop" }</button>
            </div>
        }
    });
    let stopped = p.stopped.map(|n| html! {
        <p class="explore-verdict muted" role="status">{ format!("Stopped after {} schedules.", model::thousands(n)) }</p>
    });
    let report = p.report.as_ref().map(|(r, check)| {
        let total = r.schedules.max(1);
        let verdict = if *check {
            model::check_sentence(r)
        } else {
            if r.exhaustive {
                format!("{}{}.", model::chart_sentence(r), model::bound_text(r))
            } else {
                format!("{} (not exhaustive: stopped after {} schedules).", model::chart_sentence(r), model::thousands(r.schedules))
            }
        };
        let bars = r.outcomes.iter().enumerate().map(|(k, o)| {
            let width = format!("width: {:.1}%", (o.count as f64 / total as f64 * 100.0).max(1.5));
            let schedule = o.schedule.clone();
            let onclick = onpick.reform(move |_: MouseEvent| (k, schedule.clone()));
            let bad = k > 0;
            html! {
                <li>
                    <button type="button" class={classes!("outcome", bad.then_some("different"), (p.selected == Some(k)).then_some("selected"))}
                        onclick={onclick} aria-pressed={(p.selected == Some(k)).to_string()}
                        title="Load one of these runs into the timeline">
                        <span class="outcome-label">{ model::outcome_verb(o, false) }</span>
                        <span class="outcome-bar"><span class="outcome-fill" style={width}></span></span>
                        <span class="outcome-count">{ model::thousands(o.count) }</span>
                    </button>
                </li>
            }
        });
        html! {
            <>
                <p class={classes!("explore-verdict", check.then_some("check"))} role="status">{ verdict }</p>
                <ol class="outcomes" aria-label="Outcomes">{ for bars }</ol>
            </>
        }
    });
    let narration = match (&p.replay, p.replay_pending) {
        (_, Some(_)) => html! { <p class="explore-narration muted">{ "Loading that run…" }</p> },
        (Some(r), None) => {
            // The k-th preemption is the k-th preempting `schedule_choice` of the loaded trace:
            // its button moves the playhead there, where the lane shows its mark.
            let mut k = 0;
            let switches = r.switches.iter().map(|s| {
                let event = if s.preemption {
                    k += 1;
                    p.preemptions.get(k - 1).copied()
                } else {
                    None
                };
                let show = event.map(|e| {
                    let onclick = dispatch.reform(move |_: MouseEvent| Action::Seek(e + 1));
                    html! { <button type="button" class="button ghost small explore-preemption" onclick={onclick}
                        title="Move the playhead to this preemption on the timeline">{ "Show" }</button> }
                });
                html! { <li class={classes!(s.preemption.then_some("preemption"))}>{ model::switch_sentence(s) }{ " " }{ for show }</li> }
            });
            html! {
                <div class="explore-replay">
                    <p class="explore-narration" role="status">{ r.narration.clone() }</p>
                    if !r.switches.is_empty() {
                        <p class="muted explore-switches-title">{ "Where the schedule switched threads (⚡ on the lanes marks each preemption):" }</p>
                        <ul class="explore-switches">{ for switches }</ul>
                    }
                </div>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="explore-view">
            <div class="explore-actions">
                <button type="button" class="button explore-run" disabled={busy} onclick={onexplore}
                    title="Run the program under every schedule with up to 2 preemptions">{ "Explore" }</button>
                <button type="button" class="button ghost explore-check" disabled={busy} onclick={oncheck}
                    title="Prove a fix: run every schedule with at most 2 preemptions and say whether they all agree">{ "Check every schedule" }</button>
            </div>
            { for progress }
            { for stopped }
            { for report }
            { narration }
            if p.report.is_none() && !busy && p.stopped.is_none() {
                <p class="muted explore-hint">{ "Explore runs this program under every way its threads can take turns, and groups the runs by what they print. Click an outcome to see one of its runs." }</p>
            }
        </div>
    }
}

fn step_view(s: &Step) -> Html {
    if s.parts.len() < 2 {
        return html! { <span class="step-text">{ s.text.clone() }</span> };
    }
    let parts = s.parts.iter().enumerate().map(|(i, part)| {
        let current = i == s.part;
        let text = if current { s.text.clone() } else { part.clone() };
        html! {
            <>
                if i > 0 { <span class="step-arrow" aria-hidden="true">{ " → " }</span> }
                <span class={classes!("step-part", current.then_some("current"), (i < s.part).then_some("done"))}>{ text }</span>
            </>
        }
    });
    html! { <span class="step-split" title="This statement is not atomic: it takes these steps">{ for parts }</span> }
}

fn scheduler_view(p: &Panel, props: &ExplorePanelProps, ask: Rc<dyn Fn(Vec<u32>)>, ask_with: Rc<dyn Fn(Vec<u32>, Option<Goal>)>, panel: UseReducerDispatcher<PanelState>, send: Rc<dyn Fn(&dyn Fn(u32) -> ExploreRequest) -> u32>) -> Html {
    let pending = p.turn_pending.is_some();
    let goal_select = {
        let (panel, picks) = (panel.clone(), p.picks.clone());
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let goal = Goal::from_slug(&v);
            panel.dispatch(PanelAction::Goal(goal));
            ask_with(picks.clone(), goal);
        });
        html! {
            <label class="goal-select">{ "Goal " }
                <select aria-label="Goal" onchange={onchange}>
                    <option value="" selected={p.goal.is_none()}>{ "None: just explore" }</option>
                    { for Goal::ALL.iter().map(|g| html! {
                        <option value={g.slug()} selected={p.goal == Some(*g)}>{ g.describe() }</option>
                    }) }
                </select>
            </label>
        }
    };
    let undo = {
        let (ask, picks) = (ask.clone(), p.picks.clone());
        Callback::from(move |_: MouseEvent| {
            let mut picks = picks.clone();
            picks.pop();
            ask(picks);
        })
    };
    let restart = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| ask(vec![]))
    };
    let lines: Vec<&str> = props.source.lines().collect();
    let code_at = |line: u32| lines.get((line as usize).wrapping_sub(1)).map(|l| l.trim().to_string()).unwrap_or_default();
    let turn: Option<&Turn> = p.turn.as_ref();
    let body = match turn {
        None => html! { <p class="muted">{ "Starting the run…" }</p> },
        Some(t) if t.ending.is_none() => {
            let threads = t.runnable.iter().enumerate().map(|(k, s)| {
                let (ask, picks, thread) = (ask.clone(), p.picks.clone(), s.thread);
                let onclick = Callback::from(move |_: MouseEvent| {
                    let mut picks = picks.clone();
                    picks.push(thread);
                    ask(picks);
                });
                let colour = model::thread_colour(t, s.thread);
                let online = props.online.clone();
                let line = s.line;
                let onfocus = Callback::from(move |_: FocusEvent| online.emit(Rc::new(vec![(line, colour)])));
                let where_ = if s.line > 0 { format!("line {}: {}", s.line, code_at(s.line)) } else { String::new() };
                html! {
                    <li>
                        <button type="button" class={classes!("runnable", format!("task-{colour}"), (k == t.running).then_some("running"))} disabled={pending}
                            onclick={onclick} onfocus={onfocus} aria-label={format!("Run {} next: {}", s.name, s.text)}>
                            <span class="runnable-name">{ s.name.clone() }
                                if k == t.running { <span class="runnable-tag">{ " (running)" }</span> }
                            </span>
                            <code class="runnable-line">{ where_ }</code>
                            <span class="runnable-next">{ "next: " }{ step_view(s) }</span>
                        </button>
                    </li>
                }
            });
            html! {
                <>
                    <p class="scheduler-prompt" role="status">{ format!("Step {}: which thread goes next?", p.picks.len() + 1) }</p>
                    <ul class="runnables" aria-label="Runnable threads">{ for threads }</ul>
                </>
            }
        }
        Some(t) => {
            let e = t.ending.clone().unwrap_or_default();
            let how = if e.deadlock {
                "The threads deadlocked.".to_string()
            } else if !e.error.is_empty() {
                format!("It ended with {}.", e.error)
            } else {
                format!("It printed {}.", e.stdout.trim_end().replace('\n', " / "))
            };
            let show = {
                let (send, dispatch_panel, source, schedule) = (send.clone(), panel.clone(), props.source.to_string(), t.schedule.clone());
                Callback::from(move |_: MouseEvent| {
                    let (source, schedule) = (source.clone(), schedule.clone());
                    let id = send(&move |id| ExploreRequest::Replay { id, source: source.clone(), schedule: schedule.clone() });
                    dispatch_panel.dispatch(PanelAction::Select { outcome: usize::MAX, id });
                })
            };
            let challenge = p.goal.filter(|_| t.reached).map(|g| {
                let scenario = Scenario {
                    source: props.source.to_string(),
                    example: props.example.as_ref().map(|s| s.to_string()),
                    knobs: vec![],
                    playhead: None,
                    lane: None,
                    schedule: None,
                };
                let url = format!("{}#{}", browser::base_url(true), model::challenge_fragment(g, &share::encode(&scenario)));
                let onclick = {
                    let url = url.clone();
                    Callback::from(move |_: MouseEvent| browser::copy(&url, |_| ()))
                };
                html! {
                    <div class="celebrate" role="alert">
                        <p class="celebrate-title">{ "✓ Goal reached: " }{ g.describe().to_lowercase() }{ "!" }</p>
                        <p>{ "Challenge a friend to find it too:" }</p>
                        <div class="challenge">
                            <input class="challenge-url" readonly=true value={url} aria-label="Challenge link" />
                            <button type="button" class="button" onclick={onclick}>{ "Copy challenge link" }</button>
                        </div>
                    </div>
                }
            });
            html! {
                <>
                    <p class="scheduler-end" role="status">{ format!("The run is over after {} picks. {how}", p.picks.len()) }</p>
                    { for challenge }
                    if p.goal.is_some() && !t.reached {
                        <p class="muted">{ "Not this time: Undo and try another thread." }</p>
                    }
                    <button type="button" class="button ghost" onclick={show}>{ "Show this run in the timeline" }</button>
                    if let Some(r) = &p.replay {
                        <p class="explore-narration">{ r.narration.clone() }</p>
                    }
                </>
            }
        }
    };
    let history = turn.map(|t| {
        let recent = t.history.iter().rev().take(6).collect::<Vec<_>>();
        let items = recent.into_iter().rev().map(|s| html! {
            <li><span class="history-name">{ s.name.clone() }</span>{ format!(" line {}: {}", s.line, s.text) }</li>
        });
        html! {
            if !t.history.is_empty() {
                <details class="scheduler-history">
                    <summary>{ format!("{} shared steps so far", t.history.len()) }</summary>
                    <ol>{ for items }</ol>
                </details>
            }
        }
    });
    html! {
        <div class="scheduler-view">
            <div class="explore-actions">
                { goal_select }
                <button type="button" class="button ghost scheduler-undo" disabled={p.picks.is_empty() || pending} onclick={undo}>{ "Undo" }</button>
                <button type="button" class="button ghost" disabled={p.picks.is_empty() || pending} onclick={restart}>{ "Restart" }</button>
            </div>
            if let Some(g) = p.goal { <p class="scheduler-goal">{ "Goal: " }<strong>{ g.describe() }</strong></p> }
            { body }
            { for history }
        </div>
    }
}
