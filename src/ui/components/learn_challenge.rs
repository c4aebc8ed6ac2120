//! A lesson's challenge: the goal, the starting program, **Check** (the engine runs the
//! editor's program in the course's own worker, then the explorer when a goal is about every
//! schedule, and `Challenge::verdict` says pass or fail in one sentence), the solved mark, and
//! a challenge link that carries the learner's program to someone else.

use std::rc::Rc;

use yew::prelude::*;

use super::rich_text;
use crate::protocol::{ExploreRequest, FromWorker, RunReply, RunRequest};
use crate::ui::browser;
use crate::ui::explore::{CHECK_MAX, PREEMPTIONS, TIME_CAP_MS};
use crate::ui::learn::worker::LearnWorker;
use crate::ui::learn::{challenge_fragment, Lesson, Verdict};
use crate::ui::run::STEP_BUDGET;

/// Props of [`LearnChallenge`].
#[derive(Properties, PartialEq)]
pub struct LearnChallengeProps {
    /// The lesson, which has a challenge.
    pub lesson: &'static Lesson,
    /// The program in the editor (what Check checks).
    pub source: AttrValue,
    /// Solved before (from the learner's progress).
    pub solved: bool,
    /// Opened by a challenge link: scroll it into view.
    pub focus: bool,
    /// Loads a program into the editor and runs it.
    pub onload: Callback<AttrValue>,
    /// Runs the editor's program (so the timeline shows what was checked).
    pub onrun: Callback<()>,
    /// Called when a check passes.
    pub onsolved: Callback<usize>,
}

/// Where a check stands.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    /// Request `id` is running; "run" or "every schedule".
    Checking(u32, &'static str),
    /// The verdict of the check whose last request was `id` (shown in the page as
    /// `data-check`, so a test can wait for this check's verdict, not an earlier one).
    Done(u32, Verdict),
}

/// The challenge box.
#[function_component(LearnChallenge)]
pub fn learn_challenge(props: &LearnChallengeProps) -> Html {
    let lesson = props.lesson;
    let Some(challenge) = lesson.challenge.as_ref() else { return html! {} };
    let status = use_state(|| Status::Idle);
    let worker = use_mut_ref(LearnWorker::default);
    // The run of the program being checked, kept while the explorer works on it.
    let pending = use_mut_ref(|| None::<(u32, String, Option<Box<RunReply>>)>);
    let onsolved_now = use_mut_ref(|| props.onsolved.clone());
    *onsolved_now.borrow_mut() = props.onsolved.clone();
    let link = use_state(|| None::<(String, bool)>);
    let box_ref = use_node_ref();
    {
        let box_ref = box_ref.clone();
        use_effect_with((lesson.number, props.focus), move |&(_, focus)| {
            if focus {
                if let Some(el) = box_ref.cast::<web_sys::Element>() {
                    el.scroll_into_view_with_bool(true);
                }
            }
        });
    }

    let on_reply: Rc<dyn Fn(Result<FromWorker, String>)> = {
        let (status, pending, worker, onsolved_now) = (status.setter(), pending.clone(), worker.clone(), onsolved_now.clone());
        let number = lesson.number;
        Rc::new(move |m| {
            let finish = |verdict: Verdict| {
                let checked = pending.borrow_mut().take().map(|p| p.0).unwrap_or(0);
                if verdict.pass {
                    onsolved_now.borrow().emit(number);
                }
                status.set(Status::Done(checked, verdict));
            };
            let id = pending.borrow().as_ref().map(|p| p.0);
            match m {
                Ok(FromWorker::Reply(reply)) if Some(reply.id) == id => {
                    if challenge.needs_explorer() {
                        let source = pending.borrow().as_ref().map(|p| p.1.clone()).unwrap_or_default();
                        let next = worker.borrow_mut().next_id();
                        *pending.borrow_mut() = Some((next, source.clone(), Some(reply)));
                        status.set(Status::Checking(next, "every schedule"));
                        let request = ExploreRequest::Run { id: next, source, preemptions: PREEMPTIONS, max_schedules: CHECK_MAX, time_cap_ms: Some(TIME_CAP_MS) };
                        if !worker.borrow().post(request.to_json()) {
                            finish(Verdict { pass: false, sentence: "The check stopped: the engine's worker is gone; press Check again.".into() });
                        }
                    } else {
                        finish(challenge.verdict(&reply, None));
                    }
                }
                Ok(FromWorker::Explored { id: eid, report }) if Some(eid) == id => {
                    let run = pending.borrow_mut().as_mut().and_then(|p| p.2.take());
                    if let Some(run) = run {
                        finish(challenge.verdict(&run, Some(&report)));
                    }
                }
                Err(message) => finish(Verdict { pass: false, sentence: format!("The check stopped: {message}") }),
                _ => {}
            }
        })
    };

    let oncheck = {
        let (status, pending, worker, source, onrun, on_reply) = (status.clone(), pending.clone(), worker.clone(), props.source.clone(), props.onrun.clone(), on_reply.clone());
        Callback::from(move |_: MouseEvent| {
            let id = worker.borrow_mut().next_id();
            *pending.borrow_mut() = Some((id, source.to_string(), None));
            status.set(Status::Checking(id, "run"));
            onrun.emit(());
            let request = RunRequest { id, source: source.to_string(), max_steps: STEP_BUDGET, child: None };
            LearnWorker::send(&worker, request.to_json(), on_reply.clone());
        })
    };
    let onstart = {
        let (onload, start, status) = (props.onload.clone(), challenge.start.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(Status::Idle);
            onload.emit(start.clone().into());
        })
    };
    let onsolution = {
        let (onload, solution, status) = (props.onload.clone(), challenge.solution.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(Status::Idle);
            onload.emit(solution.clone().into());
        })
    };
    let onlink = {
        let (link, source, number) = (link.clone(), props.source.clone(), lesson.number);
        Callback::from(move |_: MouseEvent| {
            let url = format!("{}#{}", browser::base_url(true), challenge_fragment(number, &source));
            link.set(Some((url.clone(), false)));
            let (link2, url2) = (link.clone(), url.clone());
            browser::copy(&url, move |ok| {
                if ok {
                    link2.set(Some((url2, true)));
                }
            });
        })
    };

    let checking = matches!(*status, Status::Checking(..));
    let verdict = match &*status {
        Status::Idle => html! {},
        Status::Checking(_, what) => html! { <p class="challenge-verdict checking" role="status">{ format!("Checking the {what}…") }</p> },
        Status::Done(id, v) => html! {
            <p class={classes!("challenge-verdict", if v.pass { "pass" } else { "fail" })} role="status" data-pass={v.pass.to_string()} data-check={id.to_string()}>
                <strong>{ if v.pass { "✓ Solved. " } else { "✗ " } }</strong>{ rich_text(&v.sentence) }
            </p>
        },
    };
    html! {
        <section class="learn-challenge" ref={box_ref} aria-labelledby="challenge-title" data-solved={props.solved.to_string()}>
            <h3 id="challenge-title">
                <span class="learn-badge challenge">{ "Challenge" }</span>{ " " }{ challenge.title.clone() }
                if props.solved { <span class="challenge-solved" title="Solved">{ " ★ solved" }</span> }
            </h3>
            <p class="challenge-goal">{ rich_text(&challenge.goal) }</p>
            <div class="challenge-actions">
                <button type="button" class="button ghost challenge-start" onclick={onstart}>{ "Load the starting program" }</button>
                <button type="button" class="button challenge-check" onclick={oncheck} disabled={checking}>{ "Check" }</button>
                <button type="button" class="link-button challenge-link-button" onclick={onlink}>{ "Copy a challenge link" }</button>
                if props.solved {
                    <button type="button" class="link-button challenge-solution" onclick={onsolution}>{ "Show a solution" }</button>
                }
            </div>
            { verdict }
            if let Some((url, copied)) = &*link {
                <p class="challenge-link">
                    <a href={url.clone()}>{ "Challenge link" }</a>
                    { if *copied { " · copied: it opens this challenge with your program." } else { " · it opens this challenge with your program." } }
                </p>
            }
        </section>
    }
}
