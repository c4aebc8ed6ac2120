//! The course keeps its word: every lesson program runs through the engine exactly as the page
//! runs it (`session::run` with the page's options, shaped into the worker's `RunReply`), and
//! each prediction question's declared answer is what that run says. A lesson whose program or
//! question drifts from the engine fails here, naming the lesson.

use interleave::protocol::RunReply;
use interleave::session::{run, RunOptions};
use interleave::trace::RunEnd;
use interleave::explore::{explore, ExploreOptions};
use interleave::protocol::ExploreSummary;
use interleave::ui::learn::{lessons, Challenge, Found, Lesson, RunFacts, Verdict, FILES};

/// Runs one program as the page's worker does.
fn facts(source: &str) -> RunFacts {
    let options = RunOptions::default();
    let result = run(source, &options);
    RunFacts::of(&RunReply::new(0, result, 0.0))
}

fn check_lesson(lesson: &Lesson) -> Result<String, String> {
    let runs: Vec<Option<RunFacts>> = lesson.programs.iter().map(|p| Some(facts(&p.source))).collect();
    for (program, run) in lesson.programs.iter().zip(&runs) {
        let run = run.as_ref().unwrap();
        if !matches!(run.end, RunEnd::Finished | RunEnd::Deadlock { .. }) {
            return Err(format!("program “{}” ended with {:?}", program.title, run.end));
        }
    }
    let q = &lesson.question;
    let found = q.check.read(q.program, &runs, &lesson.titles()).ok_or_else(|| format!("the run has no answer for {:?}", q.check))?;
    if !q.is_right(&q.answer, &found) {
        return Err(format!("declares “{}” but the run says “{found}”", q.answer));
    }
    if !q.choices.is_empty() {
        let matching: Vec<&String> = q.choices.iter().filter(|c| q.is_right(c, &found)).collect();
        if matching.len() != 1 {
            return Err(format!("{} choices match the run's “{found}”: {matching:?}", matching.len()));
        }
    }
    if let Found::Number(n) = found {
        // The declared number is what the run gives, not merely within the tolerance.
        let declared: f64 = q.answer.parse().unwrap();
        if (declared - n).abs() > 0.02 {
            return Err(format!("declares {declared} but the run gives {n}"));
        }
    }
    Ok(format!("{:>2}. {} → {found}", lesson.number, q.ask))
}

#[test]
fn every_lesson_parses_and_the_course_follows_the_guide() {
    assert_eq!(lessons().len(), FILES.len(), "a lesson file does not parse (see the unit test in ui::learn)");
    let numbers: Vec<usize> = lessons().iter().map(|l| l.number).collect();
    assert_eq!(numbers, (1..=19).collect::<Vec<_>>());
    // The map (section 19) links only to lessons that exist.
    let map = &lessons()[18].map;
    assert!(map.len() >= 10);
    for (_, label, link) in map {
        assert!(link.is_none_or(|n| (1..=19).contains(&n)), "{label} links to {link:?}");
    }
}

#[test]
fn every_question_is_answered_by_its_run() {
    let mut failures = vec![];
    for lesson in lessons() {
        match check_lesson(lesson) {
            Ok(line) => println!("{line}"),
            Err(e) => failures.push(format!("lesson {} ({}): {e}", lesson.number, lesson.title)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_declared_answer_is_caught() {
    // The check is not vacuous: change lesson 16's answer and the run disagrees.
    let mut lesson = lessons()[15].clone();
    assert!(check_lesson(&lesson).is_ok());
    lesson.question.answer = "Task 3".into();
    assert!(check_lesson(&lesson).is_err());
    let mut lesson = lessons()[2].clone();
    lesson.question.answer = "6".into();
    assert!(check_lesson(&lesson).is_err());
}

/// Every asyncio lesson program (no threads, processes or `time`, whose CPython timing is
/// real) is also a scenario under `tests/scenarios/learn/`, named
/// `lessonNN_<file>_<program>.py`, with CPython's stamped output beside it; this keeps those
/// copies equal to the lessons, so the lessons' output is CPython's.
#[test]
fn asyncio_lesson_programs_are_scenarios_checked_against_cpython() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/learn");
    let mut checked = 0;
    for ((file, _), lesson) in FILES.iter().zip(lessons()) {
        let stem = file.trim_end_matches(".txt").replace('-', "_");
        for (i, program) in lesson.programs.iter().enumerate() {
            let real_time = program.source.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with("import ") || l.starts_with("from "))
                    && ["threading", "multiprocessing", "queue", "concurrent", "time"].iter().any(|m| l.split([' ', ',', '.']).any(|w| w == *m))
            });
            let path = dir.join(format!("lesson{stem}_{}.py", i + 1));
            if real_time {
                continue;
            }
            let copy = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing (lesson {}, “{}”)", path.display(), lesson.number, program.title));
            assert_eq!(copy, program.source, "{} differs from lesson {}", path.display(), lesson.number);
            assert!(path.with_extension("expected").exists(), "{} has no CPython output", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} scenario copies");
}

/// Checks a program against a challenge as the page does: the run as the page's worker runs
/// it and, for a goal about every schedule, the explorer as **Check every schedule** runs it.
fn check_challenge(challenge: &Challenge, source: &str) -> Verdict {
    let reply = RunReply::new(0, run(source, &RunOptions::default()), 0.0);
    let explored = challenge.needs_explorer().then(|| {
        let options = ExploreOptions {
            preemptions: interleave::ui::explore::PREEMPTIONS,
            max_schedules: interleave::ui::explore::CHECK_MAX,
            ..Default::default()
        };
        ExploreSummary::from(&explore(source, &options, &mut |_| true))
    });
    challenge.verdict(&reply, explored.as_ref())
}

#[test]
fn every_challenge_fails_as_it_starts_and_passes_with_its_solution() {
    let mut failures = vec![];
    let mut count = 0;
    for lesson in lessons() {
        let Some(c) = &lesson.challenge else { continue };
        count += 1;
        let start = check_challenge(c, &c.start);
        let solved = check_challenge(c, &c.solution);
        println!("{:>2}. {}: start → {} / solution → {}", lesson.number, c.title, start.sentence, solved.sentence);
        if start.pass {
            failures.push(format!("lesson {}: the starting program already meets “{}”", lesson.number, c.title));
        }
        if !solved.pass {
            failures.push(format!("lesson {}: the solution of “{}” fails: {}", lesson.number, c.title, solved.sentence));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Finish sooner, TaskGroup cancels, limit to 2, fix the race, fix the deadlock, stop cleanly.
    assert!(count >= 6, "only {count} challenges");
}

#[test]
fn a_challenge_says_what_is_still_wrong() {
    let lesson = lessons().iter().find(|l| l.number == 17).unwrap();
    let c = lesson.challenge.as_ref().unwrap();
    let v = check_challenge(c, &c.start);
    assert_eq!(v.sentence, "Not yet: 4 were sleeping at once; the goal is at most 2.");
    // One at a time also keeps under 2 but takes 8 s.
    let one = c.solution.replace("Semaphore(2)", "Semaphore(1)");
    assert_eq!(check_challenge(c, &one).sentence, "Not yet: it takes 8 s; the goal is at most 4 s.");
    let lesson = lessons().iter().find(|l| l.number == 6).unwrap();
    let c = lesson.challenge.as_ref().unwrap();
    let v = check_challenge(c, &c.start);
    assert!(v.sentence.starts_with("Not yet: ") && v.sentence.contains("of 191 schedules still go wrong"), "{}", v.sentence);
    let lesson = lessons().iter().find(|l| l.number == 18).unwrap();
    let c = lesson.challenge.as_ref().unwrap();
    assert_eq!(check_challenge(c, &c.start).sentence, "Not yet: the program deadlocks: something waits for ever.");
}
