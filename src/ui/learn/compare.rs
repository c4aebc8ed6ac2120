//! Compare two runs: two of a lesson's programs on one axis of virtual seconds, each lane a row
//! of what it was doing, with each run's total ("A + B" against "max(A, B)").
//!
//! The page runs both in the course's own worker (`RunRequest` with [`COMPARE_STEPS`]), one
//! after the other, so the page stays responsive and the editor's runs do not queue behind
//! them; [`compared`] reduces each reply. A compare link (`#learn/12/compare&v2=…&v2=…`)
//! carries both programs.

use crate::protocol::RunReply;
use crate::session::{run, RunOptions};
use crate::trace::timeline::{Activity, LaneKind, Timeline};
use crate::trace::RunEnd;

/// The fragment of a compare link: lesson `n` with its comparison of these two programs.
pub fn compare_fragment(lesson: usize, a: &str, b: &str) -> String {
    let link = |source: &str| {
        let scenario = crate::share::Scenario { source: source.into(), example: None, knobs: vec![], playhead: None, lane: None, schedule: None };
        crate::share::encode(&scenario)
    };
    format!("learn/{lesson}/compare&{}&{}", link(a), link(b))
}

/// The two programs a compare link carries, if it is one.
pub fn compare_programs(hash: &str) -> Option<(String, String)> {
    let (_, links) = hash.strip_prefix("learn/")?.split_once("/compare&")?;
    let (a, b) = links.split_once('&')?;
    let decode = |l: &str| crate::share::decode(l).ok().map(|s| s.source);
    Some((decode(a)?, decode(b)?))
}

/// The step budget of a compared run (most lessons' programs take a few thousand steps; lesson
/// 10's CPU-bound workers need ~7M for their work to outweigh a process's start-up cost).
pub const COMPARE_STEPS: u64 = 8_000_000;

/// A stretch of a lane: from and to (virtual seconds), and what it was doing (a CSS class).
pub type Stretch = (f64, f64, &'static str);

/// One run, as the comparison draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The program's title.
    pub title: String,
    /// The virtual time of its last event, in seconds.
    pub total: f64,
    /// Did it run to its end?
    pub finished: bool,
    /// Its lanes in order (the runtime's own left out): a name and the stretches of virtual
    /// time with what the lane was doing (a CSS class: `running`, `sleeping`, `blocking`,
    /// `ready`, `gil`, `waiting`).
    pub lanes: Vec<(String, Vec<Stretch>)>,
}

/// The class a stretch is drawn with.
fn class_of(a: Activity) -> &'static str {
    match a {
        Activity::Running { .. } => "running",
        Activity::Ready => "ready",
        Activity::GilWait => "gil",
        Activity::Sleeping => "sleeping",
        Activity::Blocking => "blocking",
        Activity::Waiting(_) => "waiting",
    }
}

/// Runs `source` as the page's worker does for a comparison and reduces it (natively: tests).
pub fn compare(title: &str, source: &str) -> Compared {
    let mut options = RunOptions::default();
    options.limits.max_steps = COMPARE_STEPS;
    compared(title, &RunReply::new(0, run(source, &options), 0.0))
}

/// Reduces a run's timeline to stretches of virtual time.
pub fn compared(title: &str, result: &RunReply) -> Compared {
    let events = &result.trace.events;
    let time = |i: u32| events.get(i as usize).map_or(0.0, |e| e.t);
    let timeline = Timeline::build(&result.trace);
    // An asyncio program that calls `time.sleep` gets a lane for its main thread; alone, it
    // only repeats what the tasks' lanes show.
    let threads = timeline.lanes.iter().filter(|l| l.kind == LaneKind::Thread).count();
    let tasks = timeline.lanes.iter().any(|l| l.kind == LaneKind::Task);
    let lanes = timeline
        .lanes
        .iter()
        .filter(|l| !(l.internal || l.segments.is_empty() || (tasks && threads == 1 && l.kind == LaneKind::Thread)))
        .map(|l| {
            let name = l.task.map_or_else(|| l.name.clone(), |t| timeline.task_name(t));
            let spans = l.segments.iter().map(|s| (time(s.start), time(s.end), class_of(s.activity))).collect();
            (name, spans)
        })
        .collect();
    Compared {
        title: title.into(),
        total: events.last().map_or(0.0, |e| e.t),
        finished: matches!(result.end, RunEnd::Finished),
        lanes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_12_compares_a_plus_b_with_max_a_b() {
        let lesson = crate::ui::learn::lesson(12).unwrap();
        let (a, b) = lesson.compare.expect("lesson 12 compares two programs");
        let (pa, pb) = (&lesson.programs[a], &lesson.programs[b]);
        let blocking = compare(&pa.title, &pa.source);
        let non_blocking = compare(&pb.title, &pb.source);
        assert!(blocking.finished && non_blocking.finished);
        let names = |c: &Compared| c.lanes.iter().map(|l| l.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&blocking), ["main()", "task('A')", "task('B')"]);
        assert_eq!(names(&non_blocking), ["main()", "task('A')", "task('B')"]);
        assert!((blocking.total - 5.0).abs() < 1e-9, "A + B: {}", blocking.total);
        assert!((non_blocking.total - 3.0).abs() < 1e-9, "max(A, B): {}", non_blocking.total);
        // Blocking: task B does nothing but wait for the loop until A's sleep ends at 2 s;
        // async: both tasks sleep from 0.
        let first_work = |c: &Compared, lane: &str| {
            let (_, spans) = c.lanes.iter().find(|(n, _)| n.contains(lane)).unwrap_or_else(|| panic!("no lane {lane} in {c:?}"));
            spans.iter().find(|s| s.2 != "ready" && s.1 > s.0).map(|s| s.0)
        };
        assert_eq!(first_work(&blocking, "'A'"), Some(0.0));
        assert_eq!(first_work(&blocking, "'B'"), Some(2.0));
        assert_eq!(first_work(&non_blocking, "'A'"), Some(0.0));
        assert_eq!(first_work(&non_blocking, "'B'"), Some(0.0));
    }

    #[test]
    fn a_compare_link_carries_both_programs() {
        let f = compare_fragment(12, "print(1)\n", "print(2)\n");
        assert!(f.starts_with("learn/12/compare&v"), "{f}");
        assert_eq!(compare_programs(&f), Some(("print(1)\n".into(), "print(2)\n".into())));
        assert_eq!(compare_programs("learn/12"), None);
        assert_eq!(compare_programs("learn/12/compare&v2=%%%&v2=abc"), None);
    }

    #[test]
    fn lesson_10_compares_threads_with_processes_on_cpu_bound_work() {
        let lesson = crate::ui::learn::lesson(10).unwrap();
        let (a, b) = lesson.compare.expect("lesson 10 compares two programs");
        let threads = compare(&lesson.programs[a].title, &lesson.programs[a].source);
        let processes = compare(&lesson.programs[b].title, &lesson.programs[b].source);
        assert!(threads.finished && processes.finished);
        // The GIL makes the threads take turns: clearly slower than two processes on two cores
        // (0.040 s against 0.030 s: each worker's 500,000 additions take 20 ms of CPU, as in
        // CPython 3.11, and a process starts in 10 ms).
        assert!(processes.total * 1.25 < threads.total, "threads {} s, processes {} s", threads.total, processes.total);
        assert!(threads.lanes.iter().any(|(_, spans)| spans.iter().any(|s| s.2 == "gil" && s.1 > s.0)), "the threads wait for the GIL");
    }
}
