//! The course keeps its word: every lesson program runs through the engine exactly as the page
//! runs it (`session::run` with the page's options, shaped into the worker's `RunReply`), and
//! each prediction question's declared answer is what that run says. A lesson whose program or
//! question drifts from the engine fails here, naming the lesson.

use interleave::protocol::RunReply;
use interleave::session::{run, RunOptions};
use interleave::trace::RunEnd;
use interleave::ui::learn::{lessons, Found, Lesson, RunFacts, FILES};

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
