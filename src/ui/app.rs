//! The page: a header, the editor with its Run button, the output panel and the timeline.

use yew::prelude::*;

use super::components::{Editor, Header, OutputPanel, RunButton, Timeline};
use super::state::{Action, State};

/// The whole playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    let onedit = {
        let state = state.dispatcher();
        Callback::from(move |source: AttrValue| state.dispatch(Action::Edit(source)))
    };
    let onrun = {
        let state = state.dispatcher();
        Callback::from(move |()| state.dispatch(Action::Run))
    };

    html! {
        <div class="app">
            <Header />
            <main class="workspace">
                <section class="panel editor-panel" aria-label="Program">
                    <div class="panel-bar">
                        <h2 class="panel-title file-name">{ state.file_name.clone() }</h2>
                        <RunButton onrun={onrun.clone()} />
                    </div>
                    <Editor value={state.source.clone()} {onedit} {onrun} />
                </section>
                <OutputPanel output={state.output.clone()} />
                <Timeline />
            </main>
        </div>
    }
}
