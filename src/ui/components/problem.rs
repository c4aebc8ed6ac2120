//! A problem explained: what happened, why and what to do, and the raw traceback or report.

use yew::prelude::*;

use crate::ui::run::{Problem, ProblemKind};

/// Props of [`ProblemView`].
#[derive(Properties, PartialEq)]
pub struct ProblemViewProps {
    /// The problem to show.
    pub problem: Problem,
}

/// The explanation of a problem.
#[function_component(ProblemView)]
pub fn problem_view(props: &ProblemViewProps) -> Html {
    let p = &props.problem;
    let kind = match p.kind {
        ProblemKind::Syntax => "syntax",
        ProblemKind::Unsupported => "unsupported",
        ProblemKind::Exception => "exception",
        ProblemKind::Deadlock => "deadlock",
        ProblemKind::StepBudget => "budget",
        ProblemKind::Limit => "limit",
        ProblemKind::Stopped => "stopped",
        ProblemKind::Crashed => "crashed",
    };
    html! {
        <div class={classes!("problem", kind)} role="alert">
            <p class="problem-title">{ p.title.clone() }</p>
            <p class="problem-advice">{ p.advice.clone() }</p>
            if !p.detail.is_empty() {
                <pre class="problem-detail">{ p.detail.clone() }</pre>
            }
        </div>
    }
}
