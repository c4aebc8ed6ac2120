//! The course map (`#learn`): the 19 lessons in the guide's order with the learner's marks,
//! and the guide's mental map (its section 19), each node linking to its lesson.

use yew::prelude::*;

use crate::ui::learn::{lesson, lessons, Mark, Progress};

/// Props of [`LearnMap`].
#[derive(Properties, PartialEq)]
pub struct LearnMapProps {
    /// What the learner has answered so far.
    pub progress: Progress,
    /// Called to forget every answer.
    pub onreset: Callback<()>,
}

/// The mark's symbol and its words for screen readers.
fn mark_of(progress: &Progress, n: usize) -> (&'static str, &'static str, &'static str) {
    match progress.mark(n) {
        Mark::Open => ("○", "not yet answered", "open"),
        Mark::Right => ("✓", "answered right", "right"),
        Mark::Wrong => ("✗", "answered, wrong at first", "wrong"),
    }
}

/// The course map.
#[function_component(LearnMap)]
pub fn learn_map(props: &LearnMapProps) -> Html {
    let p = &props.progress;
    let next = lessons().iter().find(|l| p.mark(l.number) == Mark::Open).map_or(1, |l| l.number);
    let roadmap = lesson(19).map(|l| l.map.clone()).unwrap_or_default();
    html! {
        <main class="learn-map" aria-labelledby="learn-map-title">
            <div class="learn-map-head">
                <h2 id="learn-map-title">{ "Learn: the guide as a course" }</h2>
                <p class="learn-map-intro">
                    { "Nineteen short lessons, in the guide's order. Each explains one idea, runs a program you can edit, \
                       and asks you to predict what the run will do before it shows you." }
                </p>
                <p class="learn-progress" data-done={p.done().to_string()} data-solved={p.solved.len().to_string()}>
                    { format!("{} of {} lessons answered, {} right; {} of {} challenges solved. ", p.done(), lessons().len(),
                        p.answers.values().filter(|a| a.right).count(), p.solved.len(), lessons().iter().filter(|l| l.challenge.is_some()).count()) }
                    <a class="button" href={format!("#learn/{next}")}>{ if p.done() == 0 { "Start".to_string() } else { format!("Continue with lesson {next}") } }</a>
                    if p.done() > 0 {
                        <button type="button" class="link-button" onclick={props.onreset.reform(|_| ())}>{ "Start over" }</button>
                    }
                </p>
            </div>
            <div class="learn-map-body">
                <ol class="learn-lessons">
                    { for lessons().iter().map(|l| {
                        let (symbol, words, class) = mark_of(p, l.number);
                        html! {
                            <li class={classes!("learn-lesson-item", class)}>
                                <a href={format!("#learn/{}", l.number)}>
                                    <span class="learn-mark" aria-label={words} title={words}>{ symbol }</span>
                                    <span class="learn-number">{ l.number }</span>
                                    <span class="learn-lesson-title">{ l.title.clone() }</span>
                                    if let Some(c) = &l.challenge {
                                        if p.solved.contains(&l.number) {
                                            <span class="learn-challenge-mark solved" title={format!("Challenge solved: {}", c.title)}>{ "★" }</span>
                                        } else {
                                            <span class="learn-challenge-mark" title={format!("Challenge: {}", c.title)}>{ "☆" }</span>
                                        }
                                    }
                                </a>
                            </li>
                        }
                    }) }
                </ol>
                <section class="learn-roadmap" aria-label="The mental map">
                    <h3>{ "The mental map" }</h3>
                    <LearnMindMap map={roadmap} progress={p.clone()} />
                    <p class="learn-map-note">{ "From the guide's last section: " }<a href="#learn/19">{ "19. The roadmap" }</a></p>
                </section>
            </div>
        </main>
    }
}

/// Props of [`LearnMindMap`].
#[derive(Properties, PartialEq)]
pub struct LearnMindMapProps {
    /// (depth, label, lesson) in order.
    pub map: Vec<(usize, String, Option<usize>)>,
    /// Marks the nodes whose lesson is answered.
    pub progress: Progress,
}

/// The guide's mental map as an indented list of links.
#[function_component(LearnMindMap)]
pub fn learn_mind_map(props: &LearnMindMapProps) -> Html {
    html! {
        <ul class="learn-mindmap">
            { for props.map.iter().map(|(depth, label, link)| {
                let style = format!("--depth: {depth}");
                match link {
                    Some(n) => {
                        let (symbol, words, class) = mark_of(&props.progress, *n);
                        html! {
                            <li {style} class={class}>
                                <a href={format!("#learn/{n}")}>{ label.clone() }</a>
                                <span class="learn-mark small" aria-label={words} title={words}>{ format!(" {symbol} {n}") }</span>
                            </li>
                        }
                    }
                    None => html! { <li {style}>{ label.clone() }</li> },
                }
            }) }
        </ul>
    }
}
