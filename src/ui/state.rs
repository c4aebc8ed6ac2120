//! The UI state and the actions that change it, kept apart from the components so the rules
//! read in one place and tests can drive them without a DOM.

use std::rc::Rc;

use yew::{AttrValue, Reducible};

use super::examples::{self, Example};

/// What the output panel says when Run is pressed before the engine exists.
pub const NOT_BUILT: &str = "Running is not built yet.";

/// Everything the page shows that can change.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The name shown on the editor's tab.
    pub file_name: AttrValue,
    /// The program in the editor.
    pub source: AttrValue,
    /// What the output panel shows.
    pub output: Output,
}

/// The output panel's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Nothing has run yet.
    Empty,
    /// A message from the playground itself rather than from the program.
    Notice(AttrValue),
}

/// A change the user asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The editor's text changed.
    Edit(AttrValue),
    /// Run the program in the editor.
    Run,
}

impl State {
    /// The state the page opens with: the given example in the editor, no output.
    pub fn with_example(example: Example) -> Self {
        Self {
            file_name: AttrValue::Static(example.file_name),
            source: AttrValue::Static(example.source),
            output: Output::Empty,
        }
    }
}

impl Default for State {
    fn default() -> Self {
        Self::with_example(examples::DEFAULT)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(source) => next.source = source,
            Action::Run => next.output = Output::Notice(AttrValue::Static(NOT_BUILT)),
        }
        Rc::new(next)
    }
}
