//! What the page opens: a share link in the fragment (`#v2=…`; a damaged one says so and falls
//! back), a gallery entry (`#example=lock`), a lesson (`#learn/16`), the program saved in this browser, or the default
//! example; and the same when the fragment changes later (a pasted link, the menu).

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use super::browser;
use super::engine::{start_run, Engine};
use super::gallery::{self, Entry};
use super::learn::{self, Route};
use super::state::{Action, Notice, State};
use crate::share::{self, Scenario};

/// What the page was opened with.
pub struct Opening {
    /// The page's initial state.
    pub state: State,
    /// A share link's view to restore after the first run.
    pub view: Option<(usize, Option<u32>)>,
}

/// Reads the fragment and local storage to decide what the page opens with.
pub fn opening() -> Opening {
    let hash = browser::hash();
    // A challenge link is a goal before a share link (the explorer panel reads the goal).
    let (_, hash) = super::explore::split_challenge(&hash);
    let saved_or_default = || match browser::load_saved() {
        Some(saved) => {
            // The card only for a program that is still the example's.
            let example = gallery::example_of(saved.example.as_deref(), &saved.source);
            State::new(saved.source, example)
        }
        None => State::default(),
    };
    if share::is_link(&hash) {
        return match share::decode(&hash) {
            Ok(scenario) => {
                let example = scenario.example.as_deref().and_then(gallery::find);
                let source = apply_knobs(&scenario, example);
                let example = example.filter(|e| gallery::is_example_text(e, &source));
                Opening {
                    state: State::new(source, example),
                    view: scenario.playhead.map(|p| (p as usize, scenario.lane)),
                }
            }
            Err(error) => {
                let mut state = saved_or_default();
                state.notice = Some(Notice {
                    text: format!("{error} Here is your last saved program instead.").into(),
                    error: true,
                });
                Opening { state, view: None }
            }
        };
    }
    if let Some(route) = Route::parse(&hash) {
        // A lesson opens with the program its question is about; the map keeps the editor's.
        let state = match route {
            Route::Map => None,
            _ => route_program(route, &hash).map(|source| State::new(source, None)),
        };
        return Opening { state: state.unwrap_or_else(saved_or_default), view: None };
    }
    if let Some(slug) = hash.strip_prefix("example=") {
        return match gallery::find(slug) {
            Some(entry) => Opening { state: State::new(entry.program.clone(), Some(entry)), view: None },
            None => {
                let mut state = saved_or_default();
                state.notice = Some(Notice { text: format!("There is no example called “{slug}”.").into(), error: true });
                Opening { state, view: None }
            }
        };
    }
    Opening { state: saved_or_default(), view: None }
}

/// The program a lesson link opens with: the question's program; for a challenge link, the
/// program it carries or else the challenge's starting program.
fn route_program(route: Route, hash: &str) -> Option<String> {
    let lesson = learn::lesson(route.lesson()?)?;
    match (route, &lesson.challenge) {
        (Route::Challenge(_), Some(c)) => Some(learn::challenge_program(hash).unwrap_or_else(|| c.start.clone())),
        _ => Some(lesson.programs[lesson.question.program].source.clone()),
    }
}

/// The program of a share link, with its knob values applied (a no-op for links the page made,
/// whose program already has them).
fn apply_knobs(scenario: &Scenario, example: Option<&'static Entry>) -> String {
    let mut source = scenario.source.clone();
    if let Some(entry) = example {
        for (anchor, value) in &scenario.knobs {
            if let Some(knob) = entry.knobs.iter().find(|k| &k.anchor == anchor) {
                if let Some(edited) = knob.apply(&source, value) {
                    source = edited;
                }
            }
        }
    }
    source
}

/// Opens what the fragment names (after the page has loaded: a pasted link, the menu).
pub fn open_fragment(engine: &Rc<RefCell<Engine>>, dispatch: &Callback<Action>) {
    let hash = browser::hash();
    // A challenge link is a goal before a share link (the explorer panel reads the goal).
    let (_, hash) = super::explore::split_challenge(&hash);
    if share::is_link(&hash) {
        match share::decode(&hash) {
            Ok(scenario) => {
                let example = scenario.example.as_deref().and_then(gallery::find);
                let source = apply_knobs(&scenario, example);
                let example = example.filter(|e| gallery::is_example_text(e, &source));
                dispatch.emit(Action::Replace { source: source.clone().into(), example });
                if let Some(p) = scenario.playhead {
                    dispatch.emit(Action::RestoreView { playhead: p as usize, lane: scenario.lane });
                }
                start_run(engine, dispatch, &source);
            }
            Err(error) => dispatch.emit(Action::Notify(Notice {
                text: format!("{error} The program in the editor was kept.").into(),
                error: true,
            })),
        }
    } else if let Some(route) = Route::parse(&hash).filter(|r| r.lesson().is_some()) {
        if let Some(source) = route_program(route, &hash) {
            dispatch.emit(Action::Replace { source: source.clone().into(), example: None });
            start_run(engine, dispatch, &source);
        }
    } else if let Some(slug) = hash.strip_prefix("example=") {
        match gallery::find(slug) {
            Some(entry) => {
                dispatch.emit(Action::LoadExample(entry));
                start_run(engine, dispatch, &entry.program);
            }
            None => dispatch.emit(Action::Notify(Notice { text: format!("There is no example called “{slug}”.").into(), error: true })),
        }
    }
}
