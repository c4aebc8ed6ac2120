//! Browser tests of the UI: what needs a DOM (the app mounted into a div of its own, the
//! real-mode panel) and the drawing (`paint`, wasm32 only). The UI's pure model (the reducer,
//! run views, the viewport, real mode's measurements) is tested natively beside its code.
//! Run by scripts/test with `cargo test --target wasm32-unknown-unknown --test
//! web` in headless Chromium; natively this file compiles to nothing. (The engine's worker and the
//! CodeMirror bundle are not on this test page: the end-to-end tests cover them.)
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use interleave::trace::{Event, EventKind, ResourceKind, RunEnd, TaskOutcome, Trace, Wait};
use interleave::ui::gallery;
use interleave::ui::paint::{self, Palette};
use interleave::ui::run::RunView;
use interleave::ui::{mount_to, App};
use interleave::protocol::RunReply;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// The app mounted into a fresh div; removed from the document on drop.
struct Mounted {
    root: Element,
    handle: Option<AppHandle<App>>,
}

impl Mounted {
    async fn new() -> Self {
        let window = web_sys::window().unwrap();
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.clear();
        }
        let document = window.document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = Some(mount_to(root.clone()));
        settle().await;
        Self { root, handle }
    }

    fn find(&self, selector: &str) -> Element {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector:?}"))
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Lets Yew's scheduler render pending updates.
async fn settle() {
    TimeoutFuture::new(0).await;
}

fn ev(t: f64, kind: EventKind) -> Event {
    Event { t, step: 0, kind }
}

/// Task-1 (main) starts Task-2 and Task-3; Task-2 holds the lock across a sleep while Task-3
/// waits for it, and both print.
fn lock_trace() -> Trace {
    use EventKind::*;
    let created = |task, name: &str, parent| TaskCreated { task, name: name.into(), parent, coro: "worker".into(), line: 3, args: String::new() };
    let events = vec![
        ev(0.0, ResourceCreated { resource: 1, kind: ResourceKind::Lock, name: "Lock #1".into(), capacity: None }),
        ev(0.0, created(1, "Task-1", None)),
        ev(0.0, TaskRunning { task: 1, line: 9 }),
        ev(0.0, created(2, "Task-2", Some(1))),
        ev(0.0, created(3, "Task-3", Some(1))),
        ev(0.0, TaskWaiting { task: 1, line: 10, wait: Wait::Future { future: 9, what: "gather".into() } }),
        ev(0.0, TaskRunning { task: 2, line: 4 }),
        ev(0.0, Acquired { resource: 1, task: Some(2), value: None }),
        ev(0.0, Output { task: Some(2), stream: interleave::trace::Stream::Stdout, text: "<b>two</b> has it".into() }),
        ev(0.0, TaskWaiting { task: 2, line: 5, wait: Wait::Sleep { until: 1.0 } }),
        ev(0.0, TaskRunning { task: 3, line: 4 }),
        ev(0.0, Blocked { resource: 1, task: 3 }),
        ev(0.0, TaskWaiting { task: 3, line: 4, wait: Wait::Lock { lock: 1 } }),
        ev(1.0, TaskRunning { task: 2, line: 5 }),
        ev(1.0, Released { resource: 1, task: Some(2), value: None }),
        ev(1.0, TaskDone { task: 2, outcome: TaskOutcome::Returned { value: "None".into() } }),
        ev(1.0, TaskRunning { task: 3, line: 4 }),
        ev(1.0, Acquired { resource: 1, task: Some(3), value: None }),
        ev(1.0, Output { task: Some(3), stream: interleave::trace::Stream::Stdout, text: "three has it".into() }),
        ev(1.0, TaskDone { task: 3, outcome: TaskOutcome::Returned { value: "None".into() } }),
        ev(1.0, TaskDone { task: 1, outcome: TaskOutcome::Returned { value: "None".into() } }),
    ];
    Trace { version: 1, file: "prog.py".into(), events, end: Some(RunEnd::Finished) }
}

fn reply(id: u32, trace: Trace) -> RunReply {
    let end = trace.end.clone().unwrap_or(RunEnd::Finished);
    RunReply {
        id,
        output: vec![],
        output_dropped: 0,
        trace,
        events_dropped: 0,
        end,
        exit_code: 0,
        error_text: String::new(),
        steps: 123,
        elapsed_ms: 1.0,
        children: vec![],
        child: None,
    }
}

#[wasm_bindgen_test]
async fn page_has_header_editor_run_output_state_and_timeline() {
    let app = Mounted::new().await;
    assert_eq!(app.text("header h1"), "Interleave");
    assert!(app.text("header .pitch").len() > 20);
    app.find("textarea.editor");
    // The page runs what it opened with at once, so the button may say Stop for a moment.
    assert!(["Run", "Stop"].contains(&app.text("button.run-button").trim()));
    app.find(".output-panel .output");
    app.find(".state-panel");
    app.find(".timeline-panel");
    assert_eq!(app.root.query_selector_all("select[aria-label='Example program'] option").unwrap().length() as usize, gallery::entries().len());
}

#[wasm_bindgen_test]
async fn the_page_opens_with_the_lock_example_and_its_knob() {
    let app = Mounted::new().await;
    let editor: HtmlTextAreaElement = app.find("textarea.editor").dyn_into().unwrap();
    assert_eq!(editor.value(), gallery::default_entry().program);
    assert!(editor.value().contains("lock = asyncio.Lock()"));
    assert_eq!(app.text(".file-name").trim(), "lock.py");
    assert!(app.text(".gallery-title").contains("Lock"));
    assert!(app.text(".knobs").contains("Work time"));
}

#[wasm_bindgen_test]
async fn run_without_a_worker_script_explains_instead_of_hanging() {
    // This test page has no interleave-worker_loader.js: the worker fails to load, and the page
    // says so rather than spinning forever.
    let app = Mounted::new().await;
    for _ in 0..150 {
        TimeoutFuture::new(20).await;
        if app.text(".output-panel .output").contains("The engine stopped unexpectedly") {
            let run: HtmlElement = app.find("button.run-button").dyn_into().unwrap();
            assert_eq!(run.text_content().unwrap().trim(), "Run", "not stuck running");
            return;
        }
    }
    panic!("no explanation; output is {:?}", app.text(".output-panel .output"));
}

#[wasm_bindgen_test]
fn the_svg_export_escapes_what_the_program_printed_and_named() {
    let mut trace = lock_trace();
    if let EventKind::TaskCreated { name, .. } = &mut trace.events[3].kind {
        *name = "<script>alert(1)</script>".into();
    }
    let view = RunView::new(reply(1, trace));
    let svg = paint::export_svg(&view, view.axis, view.len(), &Palette::light(), 1200.0);
    assert!(svg.starts_with("<svg"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;") || svg.contains("&lt;scrip"));
    assert!(svg.contains("Task-3"));
}

// Real mode: the panel (its model is tested natively in ui::real::measure and ui::state).

mod real_mode {
    use std::rc::Rc;

    use super::{settle, wasm_bindgen_test};
    use interleave::protocol::{ChildLine, ChildRecord, ChildReport, Wire};
    use interleave::ui::components::{RealPanel, RealPanelProps};
    use interleave::ui::real::{Measured, Speedup};
    use interleave::ui::state::RealMode;
    use yew::Callback;

    fn record(fork: u32, inbox: Result<Vec<Option<Wire>>, String>) -> ChildRecord {
        ChildRecord {
            fork,
            pid: fork + 1,
            name: format!("ForkPoolWorker-{fork}"),
            started: 0.01,
            ended: Some(2.0),
            cpu: 1.9,
            inbox,
            outbox: vec![format!("{}", fork * 10)],
        }
    }

    fn report(fork: u32, work_ms: f64, outbox: &str) -> ChildReport {
        ChildReport {
            fork,
            name: format!("ForkPoolWorker-{fork}"),
            replay_ms: 2.0,
            work_ms,
            exitcode: Some(0),
            outbox: vec![outbox.into()],
            output: vec![ChildLine { ms: 1.0, stream: interleave::trace::Stream::Stdout, text: "<b>hi</b>".into() }],
        }
    }

    #[wasm_bindgen_test]
    async fn the_panel_shows_each_child_its_verdict_and_the_speedup_figures() {
        let children = Rc::new(vec![record(1, Ok(vec![])), record(2, Err("the function <lambda> is not defined at the top level".into()))]);
        let mut m = Measured::new(1, children, 1);
        m.sent(1, 0, 10.0);
        m.received(1, 60.0, Ok(report(1, 40.0, "10")));
        let mut speedup = Speedup::new(2);
        speedup.record(1, 200.0);
        speedup.record(2, 110.0);
        let props = RealPanelProps {
            real: RealMode { on: true, measured: Some(m), speedup: Some(speedup), problem: None },
            children: 2,
            cores: 2,
            ontoggle: Callback::noop(),
            onmeasure: Callback::noop(),
        };
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<RealPanel>::with_root_and_props(root.clone(), props).render();
        settle().await;
        let text = root.text_content().unwrap();
        assert!(text.contains("✓ results equal the simulation's"), "{text}");
        assert!(text.contains("Cannot run in a worker of its own: the function <lambda> is not defined at the top level."), "{text}");
        assert!(text.contains("<b>hi</b>"), "printed text is text, not markup");
        assert!(root.query_selector(".child-output b").unwrap().is_none());
        assert!(text.contains("wall 50 ms · own work 40 ms · ×0.80 parallel"), "{text}");
        let rows = root.query_selector_all(".speedup-table tbody tr").unwrap();
        assert_eq!(rows.length(), 2);
        assert!(text.contains("1.82×"), "{text}");
        assert!(root.query_selector("input[role=switch]:checked").unwrap().is_some());
        handle.destroy();
        root.remove();
    }
}
