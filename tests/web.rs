//! Browser tests of the UI: the page's state rules, run views, drawing, and the app mounted into
//! a div of its own. Run by scripts/test with `cargo test --target wasm32-unknown-unknown --test
//! web` in headless Chromium; natively this file compiles to nothing. (The engine's worker and the
//! CodeMirror bundle are not on this test page: the end-to-end tests cover them.)
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use interleave::trace::{Event, EventKind, ResourceKind, RunEnd, TaskOutcome, Trace, Wait};
use interleave::ui::gallery;
use interleave::ui::paint::{self, Palette, Viewport};
use interleave::ui::run::{traceback_line, Problem, ProblemKind, RunView};
use interleave::ui::state::{Action, Running, State};
use interleave::ui::{mount_to, App};
use interleave::workers::RunReply;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::{AppHandle, Reducible};

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
    let created = |task, name: &str, parent| TaskCreated { task, name: name.into(), parent, coro: "worker".into(), line: 3 };
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

/// A state with `trace` run and shown.
fn ran(trace: Trace) -> Rc<State> {
    let s = Rc::new(State::default()).reduce(Action::RunStarted(Running { id: 7, started: 0.0 }));
    s.reduce(Action::RunFinished(Box::new(reply(7, trace))))
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
fn a_finished_run_puts_the_playhead_at_the_end_and_selects_the_main_task() {
    let s = ran(lock_trace());
    let run = s.run.as_ref().unwrap();
    assert_eq!(s.playhead, run.len());
    assert_eq!(s.lane, Some(1));
    assert!(s.running.is_none() && !s.stale);
    let names: Vec<&str> = run.lanes.iter().map(|&i| run.timeline.lanes[i].name.as_str()).collect();
    assert_eq!(names, ["Task-1", "Task-2", "Task-3"], "the empty program lane is hidden");
}

#[wasm_bindgen_test]
fn stepping_seeking_and_playing_stay_in_range() {
    let s = ran(lock_trace());
    let n = s.events();
    let s = s.reduce(Action::Step(1));
    assert_eq!(s.playhead, n);
    let s = s.reduce(Action::Step(-3));
    assert_eq!(s.playhead, n - 3);
    let s = s.reduce(Action::Seek(usize::MAX));
    assert_eq!(s.playhead, n);
    let s = s.reduce(Action::Seek(0)).reduce(Action::Step(-1));
    assert_eq!(s.playhead, 0);
    // Play from the end starts over; ticks advance until the end, then stop.
    let s = s.reduce(Action::Seek(n)).reduce(Action::TogglePlay);
    assert!(s.playing);
    assert_eq!(s.playhead, 0);
    let mut s = s.reduce(Action::Tick(0.5));
    assert!(s.playhead >= 1);
    for _ in 0..200 {
        s = s.reduce(Action::Tick(0.1));
    }
    assert_eq!(s.playhead, n);
    assert!(!s.playing);
}

#[wasm_bindgen_test]
fn stepping_in_a_lane_jumps_to_that_lanes_next_event() {
    let s = ran(lock_trace()).reduce(Action::SelectLane(Some(3))).reduce(Action::Seek(0));
    let s = s.reduce(Action::StepLane(1));
    // Task-3's first event is its creation (event 4): the playhead shows it.
    assert_eq!(s.playhead, 5);
    let s = s.reduce(Action::StepLane(1));
    assert_eq!(s.playhead, 11, "Task-3 starts running at event 10");
    let s = s.reduce(Action::StepLane(-1));
    assert_eq!(s.playhead, 5);
}

#[wasm_bindgen_test]
fn a_superseded_reply_is_ignored_and_editing_marks_the_run_stale() {
    let s = Rc::new(State::default()).reduce(Action::RunStarted(Running { id: 2, started: 0.0 }));
    let s2 = s.clone().reduce(Action::RunFinished(Box::new(reply(1, lock_trace()))));
    assert!(s2.run.is_none() && s2.running.is_some());
    let s3 = s.reduce(Action::RunFinished(Box::new(reply(2, lock_trace()))));
    assert!(s3.run.is_some());
    let s4 = s3.reduce(Action::Edit("print('x')\n".into()));
    assert!(s4.stale);
    assert_eq!(s4.source, "print('x')\n");
}

#[wasm_bindgen_test]
fn a_share_links_view_is_restored_after_its_run() {
    let s = Rc::new(State::default())
        .reduce(Action::RestoreView { playhead: 6, lane: Some(3) })
        .reduce(Action::RunStarted(Running { id: 1, started: 0.0 }))
        .reduce(Action::RunFinished(Box::new(reply(1, lock_trace()))));
    assert_eq!((s.playhead, s.lane), (6, Some(3)));
    assert!(s.pending_view.is_none());
}

#[wasm_bindgen_test]
fn knob_values_are_read_from_the_program() {
    let entry = gallery::find("semaphore").unwrap();
    let s = State::new(entry.program.clone(), Some(entry));
    let values = s.knob_values();
    assert!(values.contains(&("asyncio.Semaphore(".to_string(), "2".to_string())));
    assert!(values.contains(&("WORKERS =".to_string(), "4".to_string())));
}

#[wasm_bindgen_test]
fn every_gallery_file_parses() {
    assert_eq!(gallery::entries().len(), gallery::FILES.len());
    assert!(gallery::find("deadlock").is_some());
    assert_eq!(gallery::default_entry().slug, "lock");
}

#[wasm_bindgen_test]
fn problems_are_explained_in_plain_words() {
    let mut r = reply(1, Trace::default());
    r.end = RunEnd::CompileError { line: 3, col: 1, message: "SyntaxError: unexpected EOF while parsing".into() };
    let p = Problem::of(&r).unwrap();
    assert_eq!((p.kind, p.line, p.title.as_str()), (ProblemKind::Syntax, Some(3), "Syntax error on line 3"));
    r.end = RunEnd::CompileError { line: 4, col: 1, message: "'match' statements are not supported".into() };
    let p = Problem::of(&r).unwrap();
    assert_eq!((p.kind, p.line), (ProblemKind::Unsupported, Some(4)));
    assert!(p.title.starts_with("Not supported yet"));
    r.end = RunEnd::Exception { text: "ValueError: boom".into() };
    r.error_text = "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n    asyncio.run(f())\n  File \"prog.py\", line 2, in f\n    raise ValueError(\"boom\")\nValueError: boom\n".into();
    r.trace.file = "prog.py".into();
    let p = Problem::of(&r).unwrap();
    assert_eq!((p.kind, p.line), (ProblemKind::Exception, Some(2)));
    assert_eq!(p.title, "Uncaught exception: ValueError");
    assert!(p.detail.contains("Traceback"));
    r.end = RunEnd::Limit { message: "the program ran more than 10 steps (the step budget)".into() };
    r.steps = 12_345_678;
    let p = Problem::of(&r).unwrap();
    assert_eq!((p.kind, p.title.as_str()), (ProblemKind::StepBudget, "Stopped after 12,345,678 steps"));
    r.end = RunEnd::Deadlock { report: "Deadlock: ...".into(), cycle: vec![2, 3] };
    assert_eq!(Problem::of(&r).unwrap().kind, ProblemKind::Deadlock);
    r.end = RunEnd::Finished;
    assert!(Problem::of(&r).is_none());
    assert_eq!(traceback_line("  File \"other.py\", line 9, in x\n", "prog.py"), None);
}

#[wasm_bindgen_test]
fn a_deadlock_starts_the_playhead_at_the_moment_it_happened() {
    let mut trace = lock_trace();
    trace.events.truncate(13); // Task-3 waits for the lock Task-2 holds, for ever
    trace.events.push(ev(0.0, EventKind::CancelRequested { task: 3, by: None }));
    trace.end = Some(RunEnd::Deadlock { report: "r".into(), cycle: vec![3] });
    let view = RunView::new(reply(1, trace));
    assert_eq!(view.timeline.deadlock_at, Some(12));
    assert_eq!(view.initial_playhead, 13);
}

#[wasm_bindgen_test]
fn the_svg_export_escapes_what_the_program_printed_and_named() {
    let mut trace = lock_trace();
    if let EventKind::TaskCreated { name, .. } = &mut trace.events[3].kind {
        *name = "<script>alert(1)</script>".into();
    }
    let view = RunView::new(reply(1, trace));
    let svg = paint::export_svg(&view, view.len(), &Palette::light(), 1200.0);
    assert!(svg.starts_with("<svg"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;") || svg.contains("&lt;scrip"));
    assert!(svg.contains("Task-3"));
}

#[wasm_bindgen_test]
fn the_viewport_zooms_around_the_pointer_and_stays_over_the_run() {
    let mut v = Viewport::fit(100.0, 1000.0, 300.0);
    let at = v.px(50.0);
    v.zoom(4.0, at, 100.0);
    assert!((v.pos(at) - 50.0).abs() < 1e-6, "the point under the pointer stays put");
    assert!(v.x1 - v.x0 < 30.0);
    v.pan(1e6, 100.0);
    assert!(v.x1 <= 100.0 + (v.x1 - v.x0) * 0.05 + 1e-9);
    v.zoom(1e-6, at, 100.0);
    assert!(v.x1 - v.x0 <= 100.0 * 1.5 + 2.0 + 1e-9);
    v.set_rows(3);
    assert!(v.lane > paint::LANE, "few lanes grow to fill the height");
    v.set_rows(100);
    assert_eq!(v.lane, paint::LANE);
}

// Real mode: the pure model of what the page measured, the reducer's rules, and the panel.

mod real_mode {
    use std::collections::VecDeque;
    use std::rc::Rc;

    use super::{settle, wasm_bindgen_test};
    use interleave::runtime::processes::detached::{ChildLine, ChildRecord, ChildReport, ChildRun, Wire};
    use interleave::ui::components::{RealPanel, RealPanelProps};
    use interleave::ui::real::measure::{assign, detachable, ROUNDS};
    use interleave::ui::real::{ChartScale, Measured, Speedup};
    use interleave::ui::state::{Action, RealMode, Running, State};
    use yew::{Callback, Reducible};

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

    fn run(fork: u32) -> ChildRun {
        ChildRun { fork, inbox: vec![] }
    }

    #[wasm_bindgen_test]
    fn each_free_worker_takes_the_next_child_in_fork_order() {
        let mut pending: VecDeque<ChildRun> = (1..=5).map(run).collect();
        let mut free = vec![true, false, true];
        let sent: Vec<(usize, u32)> = assign(&mut free, &mut pending).into_iter().map(|(w, c)| (w, c.fork)).collect();
        assert_eq!(sent, [(0, 1), (2, 2)]);
        assert_eq!(free, [false, false, false]);
        free[1] = true;
        let sent: Vec<(usize, u32)> = assign(&mut free, &mut pending).into_iter().map(|(w, c)| (w, c.fork)).collect();
        assert_eq!(sent, [(1, 3)]);
        let mut all_free = vec![true; 4];
        assert_eq!(assign(&mut all_free, &mut pending).len(), 2, "only what is left is sent");
        assert_eq!(all_free, [false, false, true, true]);
    }

    #[wasm_bindgen_test]
    fn children_that_cannot_cross_to_a_worker_are_not_sent() {
        let children = [record(1, Ok(vec![None])), record(2, Err("a lambda".into())), record(3, Ok(vec![]))];
        let forks: Vec<u32> = detachable(&children).iter().map(|c| c.fork).collect();
        assert_eq!(forks, [1, 3]);
    }

    #[wasm_bindgen_test]
    fn measured_wall_time_parallelism_and_verdicts() {
        let children = Rc::new(vec![record(1, Ok(vec![])), record(2, Ok(vec![])), record(3, Err("a lambda".into()))]);
        let mut m = Measured::new(7, children, 2);
        assert!(m.busy());
        m.sent(1, 0, 100.0);
        m.sent(2, 1, 101.0);
        m.received(1, 150.0, Ok(report(1, 40.0, "10")));
        assert_eq!(m.wall_ms(), None, "not before every child replied");
        m.received(2, 200.0, Ok(report(2, 80.0, "not 20")));
        assert!(m.done() && !m.busy());
        assert_eq!(m.wall_ms(), Some(100.0));
        assert_eq!(m.work_ms(), 120.0);
        assert_eq!(m.parallelism(), Some(1.2));
        assert_eq!(m.same_results(0), Some(true));
        assert_eq!(m.same_results(1), Some(false));
        assert_eq!(m.same_results(2), None);
        assert_eq!(m.distinct_workers(), 2);
        assert_eq!(m.axis_ms(), 100.0);
        assert_eq!(m.axis_seconds(), 2.0);
    }

    #[wasm_bindgen_test]
    fn speedup_keeps_the_best_round_and_divides_by_one_workers_time() {
        let mut s = Speedup::new(3);
        assert!(s.points().is_empty());
        for _ in 0..ROUNDS {
            s.record(1, 300.0);
        }
        s.record(1, 240.0);
        s.record(2, 130.0);
        s.record(2, 120.0);
        s.record(9, 1.0); // out of range: ignored
        let points = s.points();
        assert_eq!(points.len(), 2);
        assert_eq!(points[0], (1, 240.0, 1.0));
        assert_eq!(points[1], (2, 120.0, 2.0));
        assert!(s.busy());
        for k in 2..=3 {
            for _ in 0..ROUNDS {
                s.record(k, 100.0);
            }
        }
        assert!(s.done() && !s.busy());
    }

    #[wasm_bindgen_test]
    fn the_chart_puts_one_worker_left_and_zero_speedup_at_the_bottom() {
        let scale = ChartScale::new(280.0, 160.0, 4, [1.0, 1.9, 3.7]);
        assert_eq!(scale.max_y, 4.0, "room for the ideal line");
        assert!(scale.x(1) < scale.x(2) && scale.x(4) <= 280.0 && scale.x(1) >= scale.left);
        assert_eq!(scale.y(0.0), 160.0 - scale.bottom);
        assert!(scale.y(4.0) < scale.y(1.0) && scale.y(4.0) >= 0.0);
        assert_eq!(scale.y(99.0), scale.y(4.0), "clamped to the plot");
        let wide = ChartScale::new(280.0, 160.0, 2, [5.2]);
        assert_eq!(wide.max_y, 6.0, "a measured speedup above the cores still fits");
        let one = ChartScale::new(280.0, 160.0, 1, [1.0]);
        assert!(one.x(1) > one.left + 50.0, "a single worker count sits in the middle");
    }

    #[wasm_bindgen_test]
    fn the_reducer_ignores_stale_real_replies_and_a_new_run_clears_them() {
        let children = Rc::new(vec![record(1, Ok(vec![]))]);
        let s = Rc::new(State::default()).reduce(Action::SetRealMode(true)).reduce(Action::RealStarted(Measured::new(3, children, 1)));
        let stale = s.clone().reduce(Action::RealSent { batch: 2, fork: 1, worker: 0, at: 1.0 });
        assert!(Rc::ptr_eq(&s, &stale), "a superseded batch changes nothing");
        let s = s
            .reduce(Action::RealSent { batch: 3, fork: 1, worker: 0, at: 1.0 })
            .reduce(Action::RealReceived { batch: 3, fork: 1, at: 9.0, report: Ok(report(1, 5.0, "10")) });
        assert!(!s.real.busy());
        assert_eq!(s.real.measured.as_ref().unwrap().wall_ms(), Some(8.0));
        let s = s.reduce(Action::SpeedupStarted { cores: 2 });
        assert!(s.real.busy());
        let stopped = s.clone().reduce(Action::RealStopped);
        assert!(!stopped.real.busy(), "Stop ends the measurement");
        let s = s.reduce(Action::RunStarted(Running { id: 9, started: 0.0 }));
        assert!(s.real.on && s.real.measured.is_none() && s.real.speedup.is_none());
        let off = s.reduce(Action::SetRealMode(false));
        assert_eq!(off.real, RealMode::default());
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
