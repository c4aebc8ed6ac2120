//! The page: wires the state to the components and to the outside world (the engine's worker,
//! the URL, local storage, the clipboard, downloads, the keyboard). Whatever the page opens
//! (`links`) is run at once: runs are deterministic and fast, and the timeline is the point.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::browser::{self, Saved};
use super::components::*;
use super::engine::{spawn_worker, start_run, stop_run, Engine};
use super::gallery;
use super::learn::{self, Route};
use super::links::{open_fragment, opening};
use super::paint::{self, Palette};
use super::real::{pool::cores, RealPool};
use super::state::{Action, State};
use crate::share::{self, Scenario};
use crate::trace::state::State as TraceState;

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    let embed = *use_memo((), |_| browser::is_embed());
    let first_view = use_mut_ref(|| None::<(usize, Option<u32>)>);
    let state = {
        let first_view = first_view.clone();
        use_reducer(move || {
            let mut o = opening();
            *first_view.borrow_mut() = o.view;
            o.state.internals = browser::load_internals();
            o.state
        })
    };
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };
    let engine = use_mut_ref(Engine::default);
    // The latest program, for callbacks that outlive a render (keyboard, hashchange).
    let source_now = use_mut_ref(|| state.source.clone());
    *source_now.borrow_mut() = state.source.clone();
    let share = use_state(|| None::<(AttrValue, bool)>);
    let pool: Rc<std::cell::RefCell<RealPool>> = {
        let dispatch = dispatch.clone();
        (*use_memo((), move |_| RealPool::shared(dispatch))).clone()
    };
    let cores = *use_memo((), |_| cores());
    // Learn: where a `#learn…` fragment points, and the learner's answers.
    let route = use_state(|| Route::parse(&browser::hash()));
    let progress = use_state(learn::storage::load);

    // Start the engine and run what the page opened with; listen to the fragment and the keys.
    {
        let (engine, dispatch, source_now, first_view) = (engine.clone(), dispatch.clone(), source_now.clone(), first_view.clone());
        let set_route = route.setter();
        use_effect_with((), move |_| {
            spawn_worker(&engine, &dispatch);
            if let Some((playhead, lane)) = first_view.borrow_mut().take() {
                dispatch.emit(Action::RestoreView { playhead, lane });
            }
            let first = source_now.borrow().clone();
            start_run(&engine, &dispatch, &first);

            let (engine2, dispatch2) = (engine.clone(), dispatch.clone());
            browser::on_hash_change(move || {
                set_route.set(Route::parse(&browser::hash()));
                open_fragment(&engine2, &dispatch2);
            });

            let (engine3, dispatch3, source3) = (engine.clone(), dispatch.clone(), source_now.clone());
            browser::on_key_down(move |e| {
                let run = (e.ctrl_key() || e.meta_key()) && e.key() == "Enter";
                if run {
                    e.prevent_default();
                    let src = source3.borrow().clone();
                    start_run(&engine3, &dispatch3, &src);
                    return;
                }
                if browser::is_typing_target(e.target()) || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let action = match (e.key().as_str(), e.shift_key()) {
                    ("ArrowLeft", false) => Action::Step(-1),
                    ("ArrowRight", false) => Action::Step(1),
                    ("ArrowLeft", true) => Action::StepLane(-1),
                    ("ArrowRight", true) => Action::StepLane(1),
                    ("Home", _) => Action::Seek(0),
                    ("End", _) => Action::Seek(usize::MAX),
                    (" ", _) | ("k", _) => Action::TogglePlay,
                    _ => return,
                };
                e.prevent_default();
                dispatch3.emit(action);
            });
            || ()
        });
    }

    // Save the program as the user types.
    {
        let example = state.example.map(|e| e.slug.clone());
        use_effect_with((state.source.clone(), example), |(source, example)| {
            browser::save(&Saved { source: source.to_string(), example: example.clone() });
        });
    }

    // Playback: advance while playing.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.playing, move |&playing| {
            let interval = playing.then(|| {
                let mut last = browser::now();
                Interval::new(33, move || {
                    let now = browser::now();
                    dispatch.emit(Action::Tick((now - last) / 1000.0));
                    last = now;
                })
            });
            move || drop(interval)
        });
    }

    // Information notices fade after a few seconds.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.notice.clone(), move |notice| {
            let timeout = notice
                .as_ref()
                .filter(|n| !n.error)
                .map(|_| gloo_timers::callback::Timeout::new(4000, move || dispatch.emit(Action::DismissNotice)));
            move || drop(timeout)
        });
    }

    // Real mode: each finished run's children go to the real-mode workers; off ends them all.
    {
        let (pool, engine, run) = (pool.clone(), engine.clone(), state.run.clone());
        let key = run.as_ref().map(|r| Rc::as_ptr(r) as usize);
        use_effect_with((key, state.real.on), move |&(_, on)| {
            match &run {
                _ if !on => RealPool::shut_down(&pool),
                Some(run) if !run.reply.children.is_empty() => {
                    if let Some(source) = engine.borrow().source_of(run.reply.id) {
                        RealPool::show(&pool, source, Rc::new(run.reply.children.clone()));
                    }
                }
                _ => {}
            }
        });
    }
    // A new run supersedes the real-mode work of the last one.
    {
        let pool = pool.clone();
        use_effect_with(state.running.as_ref().map(|r| r.id), move |id| {
            if id.is_some() {
                RealPool::stop(&pool);
            }
        });
    }

    // The state at the playhead, rebuilt from the trace.
    let at: Rc<TraceState> = {
        let run = state.run.clone();
        let playhead = state.playhead;
        use_memo((run.as_ref().map(|r| Rc::as_ptr(r) as usize), playhead), move |_| match &run {
            Some(r) => r.state_at(playhead),
            None => TraceState::default(),
        })
    };

    let onrun = {
        let (engine, dispatch, source_now) = (engine.clone(), dispatch.clone(), source_now.clone());
        Callback::from(move |()| {
            let src = source_now.borrow().clone();
            start_run(&engine, &dispatch, &src);
        })
    };
    let onrun_learn = onrun.clone();
    let onstop = {
        let (engine, dispatch, pool) = (engine.clone(), dispatch.clone(), pool.clone());
        let running = state.running.as_ref().map(|r| (r.id, r.started));
        Callback::from(move |()| {
            if RealPool::stop(&pool) {
                dispatch.emit(Action::RealStopped);
            }
            let Some((id, started)) = running else { return }; // only real-mode work was running
            stop_run(&engine, &dispatch, id, (browser::now() - started) / 1000.0);
        })
    };
    let onreal = dispatch.reform(Action::SetRealMode);
    let oninternals = dispatch.reform(|on| {
        browser::save_internals(on);
        Action::SetInternals(on)
    });
    let onmeasure = {
        let (engine, pool, run) = (engine.clone(), pool.clone(), state.run.clone());
        Callback::from(move |()| {
            let Some(run) = &run else { return };
            if let Some(source) = engine.borrow().source_of(run.reply.id) {
                RealPool::measure_speedup(&pool, source, &run.reply.children);
            }
        })
    };
    let onedit = {
        let source_now = source_now.clone();
        dispatch.reform(move |source: AttrValue| {
            // Ctrl+Enter right after a keystroke must run what was typed, before the page has
            // re-rendered with it (on a busy machine the run took the text minus its last keys).
            *source_now.borrow_mut() = source.clone();
            // A lesson stays open while its program is edited.
            if Route::parse(&browser::hash()).is_none() {
                browser::clear_hash();
            }
            Action::Edit(source)
        })
    };
    let onexample = Callback::from(|slug: AttrValue| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&format!("example={slug}"));
        }
    });
    let onknob = {
        let (engine, dispatch) = (engine.clone(), dispatch.clone());
        let (source, example) = (state.source.clone(), state.example);
        Callback::from(move |(index, value): (usize, String)| {
            // Knobs turn the example's program only, never a program of the user's own.
            let Some(entry) = example.filter(|e| gallery::is_example_text(e, &source)) else { return };
            let Some(edited) = entry.knobs.get(index).and_then(|k| k.apply(&source, &value)) else { return };
            browser::clear_hash();
            dispatch.emit(Action::Replace { source: edited.clone().into(), example: Some(entry) });
            start_run(&engine, &dispatch, &edited);
        })
    };
    let onshare = {
        let share = share.clone();
        let scenario = Scenario {
            source: state.source.to_string(),
            example: state.example.map(|e| e.slug.clone()),
            knobs: state.knob_values(),
            playhead: state.run.as_ref().map(|_| state.playhead as u32),
            lane: state.lane,
            schedule: None,
        };
        Callback::from(move |()| {
            let fragment = share::encode(&scenario);
            browser::replace_hash(&fragment);
            let url = format!("{}#{fragment}", browser::base_url(true));
            share.set(Some((url.clone().into(), false)));
            let share2 = share.clone();
            let url2: AttrValue = url.clone().into();
            browser::copy(&url, move |ok| {
                if ok {
                    share2.set(Some((url2, true)));
                }
            });
        })
    };
    let onexport_trace = {
        let run = state.run.clone();
        Callback::from(move |()| {
            if let Some(run) = &run {
                browser::download("interleave-trace.json", "application/json", &crate::trace::chrome::export(&run.reply.trace));
            }
        })
    };
    let onexport_svg = {
        let (run, playhead, axis) = (state.run.clone(), state.playhead, state.axis());
        Callback::from(move |()| {
            if let Some(run) = &run {
                let palette = Palette::from_lookup(browser::css_variable);
                browser::download("interleave-timeline.svg", "image/svg+xml", &paint::export_svg(run, axis, playhead, &palette, 1600.0));
            }
        })
    };

    // The editor's marks: the problem's line, and the line the selected lane is at.
    let problem = state.current_problem().cloned();
    let (error_line, error_text) = match &problem {
        Some(p) if !state.stale => (p.line.unwrap_or(0), p.line_message.clone()),
        _ => (0, String::new()),
    };
    // The line of the event at the playhead (not where the selected lane last resumed).
    // In its task's colour; every other live task's line faintly, in theirs.
    let (exec_line, exec_colour, frames) = match &state.run {
        Some(run) if !state.stale => {
            let (line, colour) = run.current_line(state.playhead).map_or((0, 0), |(lane, line)| (line, run.colour_of(lane)));
            (line, colour, Rc::new(run.frame_lines(state.playhead, 24)))
        }
        _ => (0, 0, Rc::default()),
    };
    // The scheduler's runnable threads' lines, each in its colour, while one is being picked.
    let scheduler_lines = use_state(|| Rc::new(Vec::<(u32, u32)>::new()));
    let (exec_line, exec_colour, frames) = match scheduler_lines.split_first() {
        Some((&(line, colour), rest)) => (line, colour, Rc::new(rest.to_vec())),
        None => (exec_line, exec_colour, frames),
    };

    let running = state.running.is_some();
    let status = status_text(&state);
    let editor_panel = html! {
        <section class="panel editor-panel" aria-label="Program">
            <div class="panel-bar">
                <h2 class="panel-title file-name">
                    { state.example.map(|e| format!("{}.py", e.slug)).unwrap_or_else(|| "program.py".into()) }
                    if state.stale { <span class="edited" title="Edited since the last run">{ " •" }</span> }
                </h2>
                <span class="run-status" aria-live="polite">{ status }</span>
                <RunButton running={running || state.real.busy()} onrun={onrun.clone()} onstop={onstop} />
            </div>
            <Editor value={state.source.clone()} revision={state.revision} onedit={onedit} onrun={onrun}
                error_line={error_line} error_text={AttrValue::from(error_text)} exec_line={exec_line} exec_colour={exec_colour} frames={frames} />
            <p class="editor-hint">{ "Ctrl+Enter runs · Tab indents · Esc then Tab leaves the editor" }</p>
        </section>
    };
    let notice = state.notice.clone().map(|n| {
        let close = dispatch.reform(|_| Action::DismissNotice);
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                <span>{ n.text.clone() }</span>
                <button type="button" class="icon-button" aria-label="Dismiss" onclick={close}>{ "×" }</button>
            </div>
        }
    });
    let share_box = share.as_ref().map(|(url, copied)| {
        let share = share.clone();
        html! { <ShareBox url={url.clone()} copied={*copied} onclose={Callback::from(move |()| share.set(None))} /> }
    });
    let timeline = html! {
        <TimelinePanel run={state.run.clone()} playhead={state.playhead} playing={state.playing} speed={state.speed}
            lane={state.lane} at={at.clone()} running={running} dispatch={dispatch.clone()} internals={state.internals}
            axis={state.axis()} />
    };
    let children = state.run.as_ref().map_or(0, |r| r.reply.children.len());
    let real_panel = (!embed && (state.real.on || children > 0 || state.source.contains("multiprocessing"))).then(|| {
        html! { <RealPanel real={state.real.clone()} children={children} cores={cores} ontoggle={onreal} onmeasure={onmeasure} /> }
    });
    let explore_panel = (!embed && crate::session::uses_threads_or_processes(&state.source)).then(|| {
        let online = { let l = scheduler_lines.clone(); Callback::from(move |lines: Rc<Vec<(u32, u32)>>| l.set(lines)) };
        html! { <ExplorePanel source={state.source.clone()} example={state.example.map(|e| AttrValue::from(e.slug.clone()))}
            dispatch={dispatch.clone()} online={online} /> }
    });
    let output = html! {
        <OutputPanel run={state.run.clone()} playhead={state.playhead} problem={problem} running={running && state.run.is_none()} />
    };

    let lesson_now = route.and_then(Route::lesson).and_then(learn::lesson);
    // A challenge link opens on the challenge, not on the question's veil.
    let challenge_route = matches!(*route, Some(Route::Challenge(_)));
    // A compare link opens on its two runs.
    let compare_link = matches!(*route, Some(Route::Compare(_)))
        .then(|| learn::compare::compare_programs(&browser::hash()))
        .flatten()
        .map(|(a, b)| (AttrValue::from(a), AttrValue::from(b)));
    let veiled = !challenge_route && compare_link.is_none() && lesson_now.is_some_and(|l| !progress.answers.contains_key(&l.number));

    let learn_card = lesson_now.map(|lesson| {
        let onanswer = {
            let (progress, dispatch) = (progress.clone(), dispatch.clone());
            let (source, run, stale) = (state.source.clone(), state.run.clone(), state.stale);
            Callback::from(move |given: String| {
                let q = &lesson.question;
                let right = match found_in_page(lesson, &source, run.as_ref(), stale) {
                    Some(found) => q.is_right(&given, &found),
                    None => q.is_declared(&given),
                };
                let mut p = (*progress).clone();
                p.answer(lesson.number, given, right);
                learn::storage::save(&p);
                progress.set(p);
                // The reveal: the run plays from its start.
                dispatch.emit(Action::Seek(0));
                dispatch.emit(Action::TogglePlay);
            })
        };
        let onretry = {
            let progress = progress.clone();
            Callback::from(move |()| {
                let mut p = (*progress).clone();
                p.forget(lesson.number);
                learn::storage::save(&p);
                progress.set(p);
            })
        };
        let onprogram = {
            let (engine, dispatch) = (engine.clone(), dispatch.clone());
            Callback::from(move |i: usize| {
                let source = lesson.programs[i].source.clone();
                dispatch.emit(Action::Replace { source: source.clone().into(), example: None });
                start_run(&engine, &dispatch, &source);
            })
        };
        let onload = {
            let (engine, dispatch) = (engine.clone(), dispatch.clone());
            Callback::from(move |source: AttrValue| {
                dispatch.emit(Action::Replace { source: source.clone(), example: None });
                start_run(&engine, &dispatch, &source);
            })
        };
        let onsolved = {
            let progress = progress.clone();
            Callback::from(move |n: usize| {
                let mut p = (*progress).clone();
                p.solve(n);
                learn::storage::save(&p);
                progress.set(p);
            })
        };
        html! {
            <LearnLesson lesson={lesson} progress={(*progress).clone()} source={state.source.clone()} run={state.run.clone()}
                stale={state.stale} {onanswer} {onretry} {onprogram} challenge_focus={challenge_route} {onload}
                onrun={onrun_learn.clone()} {onsolved} compare_link={compare_link.clone()} />
        }
    });
    let onreset = {
        let progress = progress.clone();
        Callback::from(move |()| {
            learn::storage::save(&Default::default());
            progress.set(Default::default());
        })
    };
    let learn_map = (*route == Some(Route::Map)).then(|| html! { <LearnMap progress={(*progress).clone()} {onreset} /> });

    html! {
        <div class={classes!("app", embed.then_some("embed"))} data-runs={state.finished.to_string()}
            data-running={running.to_string()} data-playhead={state.playhead.to_string()} data-events={state.events().to_string()}>
            <Header example={state.example.map(|e| AttrValue::from(e.slug.clone()))} onexample={onexample}
                onshare={onshare} onexport_trace={onexport_trace} onexport_svg={onexport_svg}
                can_export={state.run.as_ref().is_some_and(|r| !r.is_empty())}
                embed={embed} full_url={AttrValue::from(format!("{}#{}", browser::base_url(true), browser::hash()))} />
            <div class="notices">{ for notice }{ for share_box }</div>
            if let Some(map) = learn_map { { map } } else {
            <main class={classes!("workspace", lesson_now.is_some().then_some("learning"))}>
                <div class="pane pane-code">
                    if let Some(card) = learn_card { { card } } else if !embed {
                        <GalleryCard entry={state.example} source={state.source.clone()} onknob={onknob} />
                    }
                    { editor_panel }
                </div>
                <div class={classes!("pane", "pane-run", veiled.then_some("veiled"))} inert={veiled}>
                    if veiled {
                        <div class="learn-veil" role="note">
                            <p><strong>{ "Predict first." }</strong>{ " Answer the question to see the run: its timeline, state and output." }</p>
                        </div>
                    }
                    { timeline }
                    { for real_panel }
                    { for explore_panel }
                    <div class="below">
                        if !embed {
                            <div class="state-stack">
                                <StatePanel run={state.run.clone()} state={at.clone()} playhead={state.playhead}
                                    internals={state.internals} oninternals={oninternals} />
                                <ValuesPanel run={state.run.clone()} state={at} playhead={state.playhead} lane={state.lane} />
                            </div>
                        }
                        { output }
                    </div>
                </div>
            </main>
            }
        </div>
    }
}

/// The line beside the Run button.
fn status_text(state: &State) -> String {
    if state.running.is_some() {
        return "Running…".into();
    }
    match &state.run {
        Some(run) if state.stale => format!("Edited · last run {} events", super::run::thousands(run.len() as u64)),
        Some(run) => format!("{} events · {} tasks", super::run::thousands(run.len() as u64), run.lanes.len().saturating_sub(1)),
        None => String::new(),
    }
}
