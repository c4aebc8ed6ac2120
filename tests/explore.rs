//! The schedule explorer on the pinned programs of `tests/explore/`: the outcomes it must
//! find, that the search is exhaustive where it should be, and that each outcome's
//! `--schedule` value replays it exactly (through the library and through the CLI).

use interleave::explore::{explore, ExploreOptions, ExploreReport, Outcome};
use interleave::runtime::threads::explore::Schedule;
use interleave::runtime::threads::policy::Policy;
use interleave::session::{run, RunOptions, RunResult};
use interleave::trace::{EventKind, RunEnd};
use std::process::Command;

fn program(name: &str) -> String {
    let path = format!("{}/tests/explore/{name}.py", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn explore_program(name: &str) -> ExploreReport {
    let options = ExploreOptions { filename: format!("{name}.py"), ..Default::default() };
    explore(&program(name), &options, &mut |_| true)
}

fn run_with(name: &str, schedule: &str) -> RunResult {
    let options = RunOptions {
        filename: format!("{name}.py"),
        schedule: Policy::parse(schedule).expect("schedule"),
        ..Default::default()
    };
    run(&program(name), &options)
}

/// Every outcome's schedule, run again (with the trace on), ends the same way.
fn assert_replays(name: &str, report: &ExploreReport) {
    for o in &report.outcomes {
        let r = run_with(name, &o.schedule);
        assert_eq!(r.stdout(false), o.stdout, "{name}: replay of {} printed something else", o.schedule);
        assert_eq!(r.exit_code, o.exit, "{name}: replay of {}", o.schedule);
        assert_eq!(matches!(r.end, RunEnd::Deadlock { .. }), o.deadlock, "{name}: replay of {}", o.schedule);
        let last = r.stderr().lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string();
        assert_eq!(last, o.error, "{name}: replay of {}", o.schedule);
    }
}

fn stdouts(report: &ExploreReport) -> Vec<&str> {
    let mut v: Vec<&str> = report.outcomes.iter().map(|o| o.stdout.as_str()).collect();
    v.sort();
    v
}

fn default_stdout(name: &str) -> String {
    run(&program(name), &RunOptions::default()).stdout(false)
}

#[test]
fn lost_update_finds_2_3_and_4() {
    assert_eq!(default_stdout("lost_update"), "4\n", "the default schedule loses nothing");
    let report = explore_program("lost_update");
    assert!(report.exhaustive);
    assert_eq!(report.preemptions, 2);
    assert_eq!(stdouts(&report), ["2\n", "3\n", "4\n"]);
    // The default schedule comes first and is the empty deviation list.
    assert_eq!(report.outcomes[0].stdout, "4\n");
    assert_eq!(report.outcomes[0].schedule, "explore:");
    assert_replays("lost_update", &report);
}

#[test]
fn with_a_lock_there_is_one_outcome() {
    let report = explore_program("lost_update_lock");
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), ["4\n"]);
    assert!(report.schedules > 1);
}

#[test]
fn opposite_lock_order_deadlocks_under_some_schedule() {
    let default = run(&program("lock_order"), &RunOptions::default());
    assert_eq!(default.exit_code, 0, "no deadlock under the default schedule");
    let report = explore_program("lock_order");
    assert!(report.exhaustive);
    let deadlock: &Outcome = report.outcomes.iter().find(|o| o.deadlock).expect("a deadlock found");
    assert_eq!(deadlock.exit, 3);
    assert_replays("lock_order", &report);
    // The replay ends in the deadlock report, trace included.
    let r = run_with("lock_order", &deadlock.schedule);
    assert!(matches!(r.end, RunEnd::Deadlock { .. }));
    assert!(r.stderr().contains("Deadlock"), "{}", r.stderr());
    assert!(r.trace.events.iter().any(|e| matches!(e.kind, EventKind::ScheduleChoice { .. })));
}

#[test]
fn condition_checked_with_if_raises_index_error_under_some_schedule() {
    assert_eq!(default_stdout("condition_if"), "[0, 1]\n");
    // The whole space under two preemptions is large; stop at the second outcome (the
    // search goes by increasing preemptions, and the bug needs one).
    let options = ExploreOptions { filename: "condition_if.py".into(), ..Default::default() };
    let report = explore(&program("condition_if"), &options, &mut |p| p.outcomes < 2);
    let bad = report.outcomes.iter().find(|o| o.error.contains("IndexError")).expect("an IndexError");
    assert_eq!(bad.error, "IndexError: pop from empty list");
    assert_replays("condition_if", &report);
}

#[test]
fn check_then_act_on_a_dict_creates_twice() {
    let report = explore_program("check_then_act");
    assert!(report.exhaustive);
    let out = stdouts(&report);
    assert!(out.contains(&"1 a\n") && out.iter().any(|o| o.starts_with("2 ")), "{out:?}");
    assert_replays("check_then_act", &report);
}

#[test]
fn barrier_for_two_with_three_workers_always_strands_one() {
    let options = ExploreOptions { preemptions: 1, ..Default::default() };
    let report = explore(&program("barrier_misuse"), &options, &mut |_| true);
    assert!(report.exhaustive);
    assert!(report.outcomes.iter().all(|o| o.deadlock && o.exit == 3));
    // Which two pass depends on the schedule.
    assert!(report.outcomes.len() >= 3, "{:?}", stdouts(&report));
    assert_replays("barrier_misuse", &report);
}

#[test]
fn without_sleep_sets_the_same_outcomes_from_more_schedules() {
    for (name, bound) in [("lost_update", 2), ("check_then_act", 1), ("lock_order", 1)] {
        let options = ExploreOptions { preemptions: bound, ..Default::default() };
        let with = explore(&program(name), &options, &mut |_| true);
        let options = ExploreOptions { sleep_sets: false, ..options };
        let without = explore(&program(name), &options, &mut |_| true);
        assert!(without.exhaustive);
        let key = |r: &ExploreReport| {
            let mut v: Vec<(String, i32, bool)> = r.outcomes.iter().map(|o| (o.stdout.clone(), o.exit, o.deadlock)).collect();
            v.sort();
            v
        };
        assert_eq!(key(&with), key(&without), "{name}");
        assert!(without.schedules >= with.schedules, "{name}");
    }
}

#[test]
fn zero_preemptions_is_the_default_schedule_and_its_free_choices() {
    let options = ExploreOptions { preemptions: 0, ..Default::default() };
    let report = explore(&program("lost_update"), &options, &mut |_| true);
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), ["4\n"]);
}

#[test]
fn caps_and_stop_are_reported_honestly() {
    let options = ExploreOptions { max_schedules: 5, ..Default::default() };
    let report = explore(&program("lost_update"), &options, &mut |_| true);
    assert!(!report.exhaustive);
    assert_eq!(report.schedules, 5);
    let mut calls = 0;
    let report = explore(&program("lost_update"), &ExploreOptions::default(), &mut |p| {
        calls += 1;
        p.schedules < 3
    });
    assert!(!report.exhaustive);
    assert_eq!(report.stopped, Some(interleave::explore::Stopped::Cancelled));
    assert_eq!(calls, 3);
}

#[test]
fn asyncio_programs_run_once() {
    let src = "import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print('hi')\nasyncio.run(main())\n";
    let report = explore(src, &ExploreOptions::default(), &mut |_| true);
    assert!(report.deterministic_asyncio && report.exhaustive);
    assert_eq!(report.schedules, 1);
    assert_eq!(report.outcomes[0].stdout, "hi\n");
}

#[test]
fn schedule_text_round_trips_and_is_url_safe() {
    let s = Schedule { deviations: vec![(3, 1), (4, 0), (20, 2)] };
    let text = s.to_string();
    assert_eq!(text, "explore:3-1.0-0.15-2");
    assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || "-._:".contains(c)));
    assert_eq!(Schedule::parse(&text), Ok(s));
    assert!(Schedule::parse("explore:x-1").is_err());
    assert_eq!(Schedule::parse("explore:"), Ok(Schedule::default()));
}

fn cli(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_interleave")).args(args).output().expect("interleave");
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code().unwrap_or(-1))
}

#[test]
fn cli_explore_json_and_run_schedule_replay() {
    let file = format!("{}/tests/explore/lock_order.py", env!("CARGO_MANIFEST_DIR"));
    let (json, code) = cli(&["explore", &file, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["exhaustive"], true);
    assert_eq!(v["preemptions"], 2);
    assert!(v["schedules"].as_u64().unwrap() > 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 4);
    let deadlock = v["outcomes"].as_array().unwrap().iter().find(|o| o["exit"] == 3).expect("deadlock outcome");
    assert_eq!(deadlock.as_object().unwrap().len(), 5);
    let (stdout, code) = cli(&["run", &file, "--schedule", deadlock["schedule"].as_str().unwrap()]);
    assert_eq!(code, 3);
    assert_eq!(stdout, deadlock["stdout"].as_str().unwrap());
    let (text, code) = cli(&["explore", &file, "--preemptions", "1"]);
    assert_eq!(code, 0);
    assert!(text.contains("exhaustive with at most 1 preemption"), "{text}");
    assert!(text.contains("deadlock") && text.contains("--schedule explore:"), "{text}");
}

#[test]
fn the_losing_run_of_the_lost_update_marks_its_preemption_on_counter_and_says_so() {
    use interleave::explore::interactive::replay;
    use interleave::trace::timeline::{Mark, Timeline};
    let report = explore_program("lost_update");
    let losing = report.outcomes.iter().find(|o| o.stdout == "2\n").expect("a run printing 2");
    // The trace: a preemption, of a thread about to touch `counter`, marked on its lane.
    let options = RunOptions {
        filename: "lost_update.py".into(),
        trace: true,
        schedule: Policy::parse(&losing.schedule).expect("schedule"),
        ..Default::default()
    };
    let r = run(&program("lost_update"), &options);
    assert_eq!(r.stdout(false), "2\n");
    let tl = Timeline::build(&r.trace);
    let marks: Vec<(&str, u32, Option<u32>)> = tl
        .lanes
        .iter()
        .flat_map(|l| l.markers.iter().map(move |m| (l.name.as_str(), m.at, m.mark)))
        .filter_map(|(lane, at, mark)| match mark {
            Mark::Preemption { clash, .. } => Some((lane, at, clash)),
            _ => None,
        })
        .collect();
    assert!(!marks.is_empty(), "a preemption mark on a lane");
    assert_eq!(tl.preemptions, marks.len());
    let on_counter = marks.iter().find(|(lane, at, clash)| {
        let EventKind::ScheduleChoice { preempted: Some(_), shared: Some(s), .. } = &r.trace.events[*at as usize].kind else {
            return false;
        };
        // The other thread wrote `counter` before the preempted one ran again.
        lane.starts_with("Thread-") && s.var == "counter" && clash.is_some()
    });
    assert!(on_counter.is_some(), "{marks:?}");
    // The preemption survives the trace's JSON (the page reads it there).
    let back = interleave::trace::Trace::from_json(&r.trace.to_json()).unwrap();
    assert_eq!(back, r.trace);
    // The explanation: one sentence on who read what when, and the switch that did it.
    let replay = replay(&program("lost_update"), &losing.schedule, 1_000_000);
    let n = &replay.narration;
    let re = |s: &str| s.starts_with("Thread-") && s.contains(" (work) read `counter` (") && s.contains(" read it and before Thread-");
    assert!(re(n), "{n}");
    assert!(n.contains(" wrote "), "{n}");
    let switch = replay.switches.iter().find(|s| s.preemption && s.var.as_deref() == Some("counter")).expect("a preemption on counter");
    assert!(switch.next.as_deref().is_some_and(|t| t.starts_with("write `counter`")), "{switch:?}");
    assert!(switch.meanwhile.as_deref().is_some_and(|t| t.contains("`counter`")), "{switch:?}");
}

#[test]
fn processes_are_explored_and_asyncio_said_deterministic_in_one_line() {
    let procs = "import multiprocessing\ndef f(q):\n    q.put(1)\nif __name__ == '__main__':\n    q = multiprocessing.Queue()\n    p = multiprocessing.Process(target=f, args=(q,))\n    p.start()\n    print(q.get())\n    p.join()\n";
    let report = explore(procs, &ExploreOptions::default(), &mut |_| true);
    assert!(report.processes && report.exhaustive, "{report:?}");
    assert_eq!(stdouts(&report), ["1\n"]);
    // Threads alone: no processes.
    assert!(!explore_program("lost_update").processes);
    let dir = std::env::temp_dir().join(format!("interleave-explore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (p, a) = (dir.join("procs.py"), dir.join("aio.py"));
    std::fs::write(&p, procs).unwrap();
    std::fs::write(&a, "import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print('hi')\nasyncio.run(main())\n").unwrap();
    let (text, code) = cli(&["explore", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(!text.contains("not explored"), "{text}");
    assert_eq!(text.lines().filter(|l| *l == interleave::explore::PROCESSES_EXPLORED).count(), 1, "{text}");
    assert!(text.contains("exhaustive with at most 2 preemptions"), "{text}");
    let (text, _) = cli(&["explore", a.to_str().unwrap()]);
    assert_eq!(text.lines().next(), Some("asyncio only: deterministic on the virtual clock, so one run is every run"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains("deterministic")).count(), 1, "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_processes_incrementing_a_value_without_its_lock_lose_updates() {
    assert_eq!(default_stdout("process_lost_update"), "4\n", "the default schedule loses nothing");
    let report = explore_program("process_lost_update");
    assert!(report.processes && report.exhaustive, "{report:?}");
    assert_eq!(stdouts(&report), ["2\n", "3\n", "4\n"]);
    assert_eq!(report.outcomes[0].schedule, "explore:");
    assert_replays("process_lost_update", &report);
    // The switch between processes is in the replay's trace, on the shared `.value`.
    let lost = report.outcomes.iter().find(|o| o.stdout == "2\n").expect("a run printing 2");
    let options = RunOptions {
        filename: "process_lost_update.py".into(),
        trace: true,
        schedule: Policy::parse(&lost.schedule).expect("schedule"),
        ..Default::default()
    };
    let r = run(&program("process_lost_update"), &options);
    assert_eq!(r.stdout(false), "2\n");
    assert!(
        r.trace.events.iter().any(|e| matches!(&e.kind, EventKind::ScheduleChoice { preempted: Some(_), shared: Some(s), .. } if s.var == ".value")),
        "a preemption before `v.value`"
    );
    // And the replay is exact: the same trace twice.
    // The timeline marks the preemption on the lane of the process set aside.
    let tl = interleave::trace::timeline::Timeline::build(&r.trace);
    let marked: Vec<&str> = tl
        .lanes
        .iter()
        .filter(|l| l.markers.iter().any(|m| matches!(m.mark, interleave::trace::timeline::Mark::Preemption { .. })))
        .map(|l| l.name.as_str())
        .collect();
    assert!(tl.preemptions >= 1 && marked.iter().all(|n| n.starts_with("Process-")) && !marked.is_empty(), "{marked:?}");
    // (A schedule's controller is used up by its run: parse it again.)
    let options = RunOptions { schedule: Policy::parse(&lost.schedule).expect("schedule"), ..options };
    assert_eq!(run(&program("process_lost_update"), &options).trace, r.trace);
}

#[test]
fn with_the_values_lock_two_processes_have_one_outcome() {
    let report = explore_program("process_lost_update_lock");
    assert!(report.exhaustive, "{report:?}");
    assert_eq!(stdouts(&report), ["4\n"]);
    assert!(report.schedules > 1);
}

#[test]
fn which_process_puts_first_on_a_queue_is_explored() {
    assert_eq!(default_stdout("process_queue_order"), "a b\n");
    let report = explore_program("process_queue_order");
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), ["a b\n", "b a\n"]);
    assert_replays("process_queue_order", &report);
}

#[test]
fn two_processes_taking_multiprocessing_locks_in_opposite_order_can_deadlock() {
    let default = run(&program("process_lock_order"), &RunOptions::default());
    assert_eq!(default.exit_code, 0, "no deadlock under the default schedule");
    let report = explore_program("process_lock_order");
    assert!(report.exhaustive);
    let deadlock = report.outcomes.iter().find(|o| o.deadlock).expect("a deadlock found");
    assert_eq!(deadlock.exit, 3);
    assert!(report.outcomes.iter().any(|o| o.stdout == "p2 done\np1 done\nboth done\n"));
    assert_replays("process_lock_order", &report);
    let r = run_with("process_lock_order", &deadlock.schedule);
    assert!(matches!(r.end, RunEnd::Deadlock { .. }));
    assert!(r.stderr().contains("Deadlock"), "{}", r.stderr());
    // Each process has a MainThread: the report says whose.
    assert!(r.stderr().contains("MainThread of Process-1 is waiting for "), "{}", r.stderr());
    assert!(r.stderr().contains("wait-for cycle: MainThread of Process-"), "{}", r.stderr());
    // Through the CLI too.
    let file = format!("{}/tests/explore/process_lock_order.py", env!("CARGO_MANIFEST_DIR"));
    let (stdout, code) = cli(&["run", &file, "--schedule", &deadlock.schedule]);
    assert_eq!((stdout.as_str(), code), ("", 3));
}

#[test]
fn the_scheduler_offers_processes_by_name_and_the_narration_names_them() {
    use interleave::explore::interactive::{replay, turn};
    let src = program("process_lost_update");
    // Follow the default until both children can go.
    let mut picks = vec![];
    let t = loop {
        let t = turn(&src, &picks, None, 1_000_000);
        assert!(t.ending.is_none());
        if t.runnable.iter().any(|s| s.name == "Process-2") && t.runnable.iter().any(|s| s.text == "read `.value`") {
            break t;
        }
        picks.push(t.runnable[t.running].thread);
    };
    let names: Vec<&str> = t.runnable.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Process-1", "Process-2"]);
    let report = explore_program("process_lost_update");
    let lost = report.outcomes.iter().find(|o| o.stdout == "2\n").expect("a run printing 2");
    let n = replay(&src, &lost.schedule, 1_000_000).narration;
    assert!(n.starts_with("Process-") && n.contains(" read `.value` after Process-") && n.contains(" overwrote "), "{n}");
}

#[test]
fn pipes_managers_and_events_under_spawn_are_explored_too() {
    // Which child's message a pipe delivers first.
    let report = explore_program("process_pipe_order");
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), ["x y\n", "y x\n"]);
    assert_replays("process_pipe_order", &report);
    // Which child writes a manager's dict last.
    let report = explore_program("process_manager_dict");
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), ["x\n", "y\n"]);
    assert_replays("process_manager_dict", &report);
    // An event set after an increment under the value's lock (spawned children): one outcome.
    let report = explore_program("process_event_spawn");
    assert!(report.exhaustive && report.schedules > 1);
    assert_eq!(stdouts(&report), ["11\n"]);
}

#[test]
fn the_gallery_homemade_lock_lets_two_in_and_the_real_lock_never_does() {
    let entry = include_str!("../src/ui/gallery/critical-section.py");
    let src: String = entry.lines().filter(|l| !l.starts_with("#|")).map(|l| format!("{l}\n")).collect();
    let options = ExploreOptions { filename: "critical-section.py".into(), ..Default::default() };
    let report = explore(&src, &options, &mut |p| p.outcomes < 2);
    assert_eq!(report.outcomes[0].stdout, "", "the normal run never has both inside");
    assert!(report.outcomes.iter().any(|o| o.stdout == "both inside!\n"), "{report:?}");
    let fixed = src.replace("USE_LOCK = False", "USE_LOCK = True");
    let options = ExploreOptions { preemptions: 1, ..options };
    let report = explore(&fixed, &options, &mut |_| true);
    assert!(report.exhaustive);
    assert_eq!(stdouts(&report), [""]);
}

#[test]
fn leaving_a_with_on_a_python_level_primitive_touches_only_that_primitive() {
    use interleave::runtime::threads::explore::{Access, ExploreHandle};
    // A `Semaphore` is a class of threading.py, so its `__exit__` is a bound Python method:
    // leaving the `with` is an operation on the semaphore (it commutes with a write of `n`),
    // not an unknown step.
    let src = "import threading\nsem = threading.Semaphore(1)\nn = 0\ndef f():\n    global n\n    with sem:\n        n += 1\n\
               ts = [threading.Thread(target=f) for _ in range(2)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(n)\n";
    let handle = ExploreHandle::new(Schedule::default());
    let r = run(src, &RunOptions { schedule: Policy::Explore(handle.clone()), ..Default::default() });
    assert_eq!(r.stdout(false), "2\n");
    let log = std::mem::take(&mut handle.lock().log);
    let main = log.iter().flat_map(|c| c.options.iter()).min().copied().expect("choice points");
    let worker_steps: Vec<&Access> = log
        .iter()
        .filter(|c| c.preemptive && c.options[c.chosen as usize] != main)
        .map(|c| &c.accesses[c.chosen as usize])
        .collect();
    assert!(!worker_steps.is_empty());
    assert!(worker_steps.iter().all(|a| !matches!(a, Access::Unknown)), "{worker_steps:?}");
    assert!(worker_steps.iter().filter(|a| matches!(a, Access::Sync(..))).count() >= 2, "{worker_steps:?}");
}
