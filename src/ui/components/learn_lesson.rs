//! One lesson of the course (`#learn/N`), above the editor: the guide section, the
//! explanation, the lesson's programs, the prediction question and, once answered, the verdict
//! with what the run says and why; Previous / Next and the map.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::rich_text;
use crate::ui::learn::{lessons, Found, Lesson, Progress, RunFacts};
use crate::ui::run::Run;

/// Props of [`LearnLesson`].
#[derive(Properties, PartialEq)]
pub struct LearnLessonProps {
    /// The lesson shown.
    pub lesson: &'static Lesson,
    /// What the learner has answered so far.
    pub progress: Progress,
    /// The program in the editor (to tell which of the lesson's programs it is).
    pub source: AttrValue,
    /// The last finished run, and whether the program was edited since.
    pub run: Option<Run>,
    /// True when the run is of an older program text.
    pub stale: bool,
    /// Called with the learner's answer.
    pub onanswer: Callback<String>,
    /// Called to forget the answer and predict again.
    pub onretry: Callback<()>,
    /// Called with the index of the program to load and run.
    pub onprogram: Callback<usize>,
    /// Opened by a challenge link (`#learn/N/challenge`): the challenge is in view.
    pub challenge_focus: bool,
    /// Loads a program into the editor and runs it (the challenge's start or solution).
    pub onload: Callback<AttrValue>,
    /// Runs the editor's program.
    pub onrun: Callback<()>,
    /// Called with the lesson's number when its challenge is solved.
    pub onsolved: Callback<usize>,
    /// The two programs of a compare link: the comparison is open on them.
    #[prop_or_default]
    pub compare_link: Option<(AttrValue, AttrValue)>,
}

/// What the run in the page says the answer is, when that run is of the question's program
/// as the lesson wrote it (else the declared answer stands, which the tests hold to the run).
pub fn found_in_page(lesson: &Lesson, source: &str, run: Option<&Run>, stale: bool) -> Option<Found> {
    let q = &lesson.question;
    let program = lesson.programs.get(q.program)?;
    let run = run.filter(|_| !stale && source == program.source)?;
    let mut runs: Vec<Option<RunFacts>> = vec![None; lesson.programs.len()];
    runs[q.program] = Some(RunFacts::of(&run.reply));
    q.check.read(q.program, &runs, &lesson.titles())
}

/// A lesson.
#[function_component(LearnLesson)]
pub fn learn_lesson(props: &LearnLessonProps) -> Html {
    let lesson = props.lesson;
    let q = &lesson.question;
    let number_input = use_node_ref();
    let answered = props.progress.answers.get(&lesson.number).cloned();
    let current = lesson.programs.iter().position(|p| p.source == props.source.as_str());
    let total = lessons().len();
    // Bring the verdict into view when the learner answers (not when an answered lesson opens).
    let question_ref = use_node_ref();
    {
        let (question_ref, was) = (question_ref.clone(), use_mut_ref(|| answered.is_some()));
        use_effect_with((lesson.number, answered.is_some()), move |&(_, now)| {
            if now && !*was.borrow() {
                if let Some(el) = question_ref.cast::<web_sys::Element>() {
                    el.scroll_into_view_with_bool(false);
                }
            }
            *was.borrow_mut() = now;
        });
    }

    let tabs = (lesson.programs.len() > 1).then(|| html! {
        <div class="learn-programs" role="group" aria-label="Programs of this lesson">
            { for lesson.programs.iter().enumerate().map(|(i, p)| {
                let onclick = props.onprogram.reform(move |_| i);
                html! {
                    <button type="button" class={classes!("learn-tab", (current == Some(i)).then_some("active"))}
                        aria-pressed={(current == Some(i)).to_string()} {onclick}>
                        { p.title.clone() }
                        if i == q.program { <span class="learn-tab-note">{ " · the question" }</span> }
                    </button>
                }
            }) }
        </div>
    });

    let question = match &answered {
        None if q.choices.is_empty() => {
            let onsubmit = {
                let (input, onanswer) = (number_input.clone(), props.onanswer.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if let Some(input) = input.cast::<HtmlInputElement>() {
                        let value = input.value();
                        if value.trim().parse::<f64>().is_ok() {
                            onanswer.emit(value.trim().to_string());
                        }
                    }
                })
            };
            html! {
                <form class="learn-answer" {onsubmit}>
                    <label for="learn-number" class="visually-hidden">{ "Your answer" }</label>
                    <input id="learn-number" ref={number_input} type="number" step="any" inputmode="decimal" required=true placeholder="?" />
                    if !q.unit.is_empty() { <span class="learn-unit">{ q.unit.clone() }</span> }
                    <button type="submit" class="button">{ "Check" }</button>
                </form>
            }
        }
        None => html! {
            <div class="learn-choices" role="group" aria-label="Choices">
                { for q.choices.iter().map(|c| {
                    let choice = c.clone();
                    let onclick = props.onanswer.reform(move |_| choice.clone());
                    html! { <button type="button" class="button ghost learn-choice" {onclick}>{ c.clone() }</button> }
                }) }
            </div>
        },
        Some(a) => {
            let found = found_in_page(lesson, &props.source, props.run.as_ref(), props.stale);
            let says = match &found {
                Some(f) => format!("The run says: {f}{}.", if q.choices.is_empty() && !q.unit.is_empty() { format!(" {}", q.unit) } else { String::new() }),
                None => format!("The answer: {}{}.", q.answer, if q.unit.is_empty() { String::new() } else { format!(" {}", q.unit) }),
            };
            html! {
                <div class={classes!("learn-verdict", if a.right { "right" } else { "wrong" })} role="status">
                    <p class="verdict-line">
                        <strong>{ if a.right { "✓ Right" } else { "✗ Not quite" } }</strong>
                        { format!(" — you said {}{}. ", a.answer, if q.choices.is_empty() && !q.unit.is_empty() { format!(" {}", q.unit) } else { String::new() }) }
                        { says }
                    </p>
                    <p class="verdict-why">{ rich_text(&q.why) }</p>
                    <button type="button" class="link-button" onclick={props.onretry.reform(|_| ())}>{ "Predict again" }</button>
                    if lesson.compare.is_some() && props.compare_link.is_none() { <super::LearnCompare lesson={lesson} /> }
                </div>
            }
        }
    };

    html! {
        <section class="gallery-card learn-card" aria-labelledby="learn-title">
            <div class="gallery-scroll">
                <nav class="learn-crumbs" aria-label="Course">
                    <a href="#learn">{ "Learn" }</a>
                    <span>{ format!(" · Lesson {} of {} · Guide {}", lesson.number, total, lesson.guide) }</span>
                </nav>
                <h2 id="learn-title" class="gallery-title">{ lesson.title.clone() }</h2>
                <div class="gallery-text">
                    { for lesson.paragraphs.iter().map(|p| html! { <p>{ rich_text(p) }</p> }) }
                </div>
                if !lesson.map.is_empty() {
                    <super::LearnMindMap map={lesson.map.clone()} progress={props.progress.clone()} />
                }
                { for tabs }
                <div class="learn-question" ref={question_ref}>
                    <p class="learn-ask"><span class="learn-badge">{ "Predict" }</span>{ " " }{ rich_text(&q.ask) }</p>
                    { question }
                </div>
                if props.compare_link.is_some() {
                    <super::LearnCompare lesson={lesson} programs={props.compare_link.clone()} />
                }
                if lesson.challenge.is_some() {
                    <super::LearnChallenge key={lesson.number} lesson={lesson} source={props.source.clone()}
                        solved={props.progress.solved.contains(&lesson.number)} focus={props.challenge_focus}
                        onload={props.onload.clone()} onrun={props.onrun.clone()} onsolved={props.onsolved.clone()} />
                }
            </div>
            <nav class="learn-nav" aria-label="Lessons">
                if lesson.number > 1 {
                    <a class="button ghost" rel="prev" href={format!("#learn/{}", lesson.number - 1)}>{ "← Previous" }</a>
                } else { <span /> }
                <a class="learn-map-link" href="#learn">{ format!("Map · {} of {} done", props.progress.done(), total) }</a>
                if lesson.number < total {
                    <a class="button" rel="next" href={format!("#learn/{}", lesson.number + 1)}>{ "Next →" }</a>
                } else { <span /> }
            </nav>
        </section>
    }
}
