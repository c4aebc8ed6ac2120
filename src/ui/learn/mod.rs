//! Learn: the guide as a course. Each of its 19 sections is a lesson, one file in `lessons/`
//! (listed in `files.rs`, included at compile time): a title, a short explanation in the guide's
//! analogies, one or more runnable programs, and one prediction question whose answer a run of
//! the engine decides. `tests/learn.rs` runs every program and holds each declared answer to
//! the run, so a lesson can never claim a wrong answer.
//!
//! This module is the pure model (parsing, checking, progress); it compiles natively. The
//! views are `components::learn_*` (wasm only).
//!
//! A lesson file:
//! ```text
//! title: Locks: the bathroom key
//! section: 16
//! guide: 16. asyncio.Lock
//!
//! A paragraph of explanation (`code` in backticks).
//!
//! === program: Three tasks, one key
//! import asyncio
//! ...
//! === program: The same, from the gallery
//! gallery: lock
//! === question
//! ask: Which task gets the lock second?
//! choices: Task 1 | Task 2 | Task 3
//! answer: Task 2
//! program: 1
//! check: line with "acquired lock" #2
//! why: One sentence.
//! === compare: 1, 2
//! === challenge: Limit it to 2 at once
//! goal: ...
//! check: at most 2 sleeping at once
//! done: ...
//! === start
//! (the program the learner starts from)
//! === solution
//! (a known solution)
//! === map
//! Event Loop @13
//!   Tasks @4
//! ```
//! A program block holding only `gallery: slug` is that gallery program (one text for both).
//! A question without `choices:` takes a number (`unit: s` names it). The checks are in
//! [`Check`]; a challenge's goals in [`challenge::Goal`].

pub mod challenge;
pub mod compare;
mod progress;
/// Progress in local storage (the page only).
#[cfg(target_arch = "wasm32")]
pub mod storage;
/// The course's own engine worker (the page only).
#[cfg(target_arch = "wasm32")]
pub mod worker;

pub use challenge::{Challenge, Verdict};
pub use progress::{Mark, Progress};

use crate::protocol::RunReply;
use crate::runtime::Stream;
use crate::trace::RunEnd;

/// Every lesson's file name and text, in the guide's order.
pub const FILES: &[(&str, &str)] = include!("files.rs");

/// One lesson: a section of the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The guide's section number (1–19), also the lesson's link (`#learn/16`).
    pub number: usize,
    /// The lesson's title.
    pub title: String,
    /// The guide section it follows ("16. asyncio.Lock").
    pub guide: String,
    /// The explanation, one string per paragraph.
    pub paragraphs: Vec<String>,
    /// The runnable programs, in order (at least one).
    pub programs: Vec<Program>,
    /// The prediction question.
    pub question: Question,
    /// The mental map (section 19 only): (depth, label, lesson number).
    pub map: Vec<(usize, String, Option<usize>)>,
    /// Two programs (0-based) to compare on one time axis after the answer (`=== compare: 1, 2`).
    pub compare: Option<(usize, usize)>,
    /// A challenge: a goal the engine checks against the learner's program.
    pub challenge: Option<Challenge>,
}

/// One runnable program of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Its short title ("Blocking: A + B").
    pub title: String,
    /// The Python source.
    pub source: String,
}

/// The prediction asked before the run is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The question.
    pub ask: String,
    /// The choices; empty for a number question.
    pub choices: Vec<String>,
    /// The declared answer: one of the choices, or a number.
    pub answer: String,
    /// The unit of a number answer ("s"), shown beside the input.
    pub unit: String,
    /// Which program the run that decides it is (0-based).
    pub program: usize,
    /// How the answer is read from the run.
    pub check: Check,
    /// One sentence on why.
    pub why: String,
}

/// How a question's answer is read from a run (or, for [`Check::Fastest`], from several).
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// The n-th (1-based) line of standard output that contains the text; a choice is right
    /// when that line contains it. (`line with "acquired lock" #2`; `first line` is `line with "" #1`.)
    LineWith(String, usize),
    /// The virtual time of the last event, in seconds (`total`).
    Total,
    /// The virtual time at which the first line containing the text printed (`time of "Done!"`).
    TimeOf(String),
    /// The number that ends the last line containing the text (`number after "counter = "`).
    NumberAfter(String),
    /// How many lines contain the first text before the first line containing the second
    /// (`count "Chopped" before "Water boiled"`).
    CountBefore(String, String),
    /// How the run ended: `finishes`, `deadlock` or `exception` (`end`); a choice is right
    /// when it starts with that word.
    End,
    /// Whether some output line contains the text: `yes` or `no` (`prints "Tea ready"`); a
    /// choice is right when it starts with that word.
    Prints(String),
    /// Of these programs (1-based), the title of the one with the smallest total
    /// (`fastest of 2, 3`); a choice is right when it equals that title.
    Fastest(Vec<usize>),
}

/// What a run says the answer is.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A line, word or title: a choice matches it as its [`Check`] says.
    Text(String),
    /// A number (seconds, a count, a counter's value).
    Number(f64),
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Found::Text(t) => write!(f, "{t}"),
            Found::Number(n) => write!(f, "{}", format_number(*n)),
        }
    }
}

/// A number as a learner would write it: `3`, `2.5`, `0.25`.
pub fn format_number(n: f64) -> String {
    let s = format!("{:.2}", n);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How close a number answer must be to the run's (threads and processes spend a little CPU
/// time, so "1 second" of waiting ends at 1.003).
pub const TOLERANCE: f64 = 0.1;

/// What the checks need from a run: its output lines with their times, how it ended, and the
/// virtual time of its last event.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFacts {
    /// Standard output: (virtual time, text).
    pub stdout: Vec<(f64, String)>,
    /// How the run ended.
    pub end: RunEnd,
    /// The virtual time of the last event.
    pub total: f64,
}

impl RunFacts {
    /// The facts of a reply from the engine (the same shape natively and in the page).
    pub fn of(reply: &RunReply) -> RunFacts {
        RunFacts {
            stdout: reply.output.iter().filter(|l| l.stream == Stream::Stdout).map(|l| (l.time, l.text.clone())).collect(),
            end: reply.end.clone(),
            total: reply.trace.events.last().map_or(0.0, |e| e.t),
        }
    }
}

impl Check {
    /// Parses a `check:` value.
    pub fn parse(text: &str) -> Result<Check, String> {
        let text = text.trim();
        let quoted = |s: &str| -> Result<(String, String), String> {
            let s = s.trim();
            let rest = s.strip_prefix('"').ok_or_else(|| format!("expected a quoted text in `{text}`"))?;
            let end = rest.find('"').ok_or_else(|| format!("unclosed quote in `{text}`"))?;
            Ok((rest[..end].to_string(), rest[end + 1..].trim().to_string()))
        };
        if text == "total" {
            return Ok(Check::Total);
        }
        if text == "end" {
            return Ok(Check::End);
        }
        if text == "first line" {
            return Ok(Check::LineWith(String::new(), 1));
        }
        if let Some(rest) = text.strip_prefix("line with ") {
            let (needle, rest) = quoted(rest)?;
            let n = rest.strip_prefix('#').and_then(|n| n.trim().parse().ok()).filter(|&n: &usize| n > 0);
            return n.map(|n| Check::LineWith(needle, n)).ok_or_else(|| format!("expected `#N` after the text in `{text}`"));
        }
        if let Some(rest) = text.strip_prefix("time of ") {
            return Ok(Check::TimeOf(quoted(rest)?.0));
        }
        if let Some(rest) = text.strip_prefix("number after ") {
            return Ok(Check::NumberAfter(quoted(rest)?.0));
        }
        if let Some(rest) = text.strip_prefix("prints ") {
            return Ok(Check::Prints(quoted(rest)?.0));
        }
        if let Some(rest) = text.strip_prefix("count ") {
            let (what, rest) = quoted(rest)?;
            let rest = rest.strip_prefix("before").ok_or_else(|| format!("expected `before` in `{text}`"))?;
            return Ok(Check::CountBefore(what, quoted(rest)?.0));
        }
        if let Some(rest) = text.strip_prefix("fastest of ") {
            let list: Result<Vec<usize>, _> = rest.split(',').map(|n| n.trim().parse::<usize>()).collect();
            return list.ok().filter(|l| l.len() >= 2 && !l.contains(&0)).map(Check::Fastest).ok_or_else(|| format!("expected program numbers in `{text}`"));
        }
        Err(format!("unknown check `{text}`"))
    }

    /// What the runs say. `runs` holds one entry per program of the lesson (None where a
    /// program was not run); only the programs the check reads must be there.
    pub fn read(&self, program: usize, runs: &[Option<RunFacts>], titles: &[String]) -> Option<Found> {
        if let Check::Fastest(list) = self {
            let mut best: Option<(f64, usize)> = None;
            for &n in list {
                let total = runs.get(n - 1)?.as_ref()?.total;
                if best.is_none_or(|(t, _)| total < t) {
                    best = Some((total, n));
                }
            }
            return best.and_then(|(_, n)| titles.get(n - 1)).map(|t| Found::Text(t.clone()));
        }
        let run = runs.get(program)?.as_ref()?;
        let lines = || run.stdout.iter();
        match self {
            Check::LineWith(needle, n) => lines().filter(|(_, l)| l.contains(needle.as_str())).nth(n - 1).map(|(_, l)| Found::Text(l.clone())),
            Check::Total => Some(Found::Number(run.total)),
            Check::TimeOf(needle) => lines().find(|(_, l)| l.contains(needle.as_str())).map(|(t, _)| Found::Number(*t)),
            Check::NumberAfter(needle) => {
                let (_, line) = run.stdout.iter().rev().find(|(_, l)| l.contains(needle.as_str()))?;
                let at = line.rfind(needle.as_str())? + needle.len();
                let digits: String = line[at..].trim().chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
                digits.parse().ok().map(Found::Number)
            }
            Check::CountBefore(what, before) => {
                let stop = lines().position(|(_, l)| l.contains(before.as_str()))?;
                Some(Found::Number(lines().take(stop).filter(|(_, l)| l.contains(what.as_str())).count() as f64))
            }
            Check::End => Some(Found::Text(
                match run.end {
                    RunEnd::Finished => "finishes",
                    RunEnd::Deadlock { .. } => "deadlock",
                    _ => "exception",
                }
                .into(),
            )),
            Check::Prints(needle) => Some(Found::Text(if lines().any(|(_, l)| l.contains(needle.as_str())) { "yes" } else { "no" }.into())),
            Check::Fastest(_) => None,
        }
    }

    /// Does this choice match what the run found?
    pub fn choice_matches(&self, choice: &str, found: &Found) -> bool {
        let Found::Text(found) = found else { return false };
        let choice_l = choice.to_lowercase();
        match self {
            Check::LineWith(..) => found.contains(choice),
            Check::End | Check::Prints(_) => choice_l.starts_with(found.as_str()),
            _ => choice == found,
        }
    }
}

impl Question {
    /// Is `given` (a choice, or a number as typed) the right answer according to `found`?
    pub fn is_right(&self, given: &str, found: &Found) -> bool {
        if self.choices.is_empty() {
            let (Ok(given), Found::Number(found)) = (given.trim().parse::<f64>(), found) else { return false };
            (given - found).abs() <= TOLERANCE
        } else {
            self.check.choice_matches(given, found)
        }
    }

    /// Is `given` the declared answer? (The tests hold the declared answer to the run, so this
    /// is what the page checks against when the program was edited.)
    pub fn is_declared(&self, given: &str) -> bool {
        if self.choices.is_empty() {
            match (given.trim().parse::<f64>(), self.answer.parse::<f64>()) {
                (Ok(g), Ok(a)) => (g - a).abs() <= TOLERANCE,
                _ => false,
            }
        } else {
            given == self.answer
        }
    }
}

impl Lesson {
    /// Parses a lesson file.
    pub fn parse(text: &str) -> Result<Lesson, String> {
        let mut blocks = text.split("\n=== ");
        let head = blocks.next().unwrap_or_default();
        let (mut title, mut number, mut guide) = (String::new(), 0, String::new());
        let mut paragraphs = vec![];
        let mut para = String::new();
        for line in head.lines() {
            if paragraphs.is_empty() && para.is_empty() {
                if let Some((k, v)) = line.split_once(": ").filter(|(k, _)| matches!(*k, "title" | "section" | "guide")) {
                    match k {
                        "title" => title = v.trim().into(),
                        "section" => number = v.trim().parse().map_err(|_| format!("bad section `{v}`"))?,
                        _ => guide = v.trim().into(),
                    }
                    continue;
                }
            }
            if line.trim().is_empty() {
                if !para.is_empty() {
                    paragraphs.push(std::mem::take(&mut para));
                }
            } else {
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(line.trim());
            }
        }
        if !para.is_empty() {
            paragraphs.push(para);
        }
        let (mut programs, mut question, mut map, mut compare) = (vec![], None, vec![], None);
        let mut challenge: Option<Challenge> = None;
        for block in blocks {
            let (kind, body) = block.split_once('\n').unwrap_or((block, ""));
            if let Some(name) = kind.strip_prefix("program:") {
                // `gallery: slug` instead of a program: the gallery's program, not a copy of it.
                let source = match body.trim().strip_prefix("gallery:") {
                    Some(slug) if !body.trim().contains('\n') => {
                        crate::ui::gallery::find(slug.trim()).ok_or_else(|| format!("no gallery program `{}`", slug.trim()))?.program.clone()
                    }
                    _ => body.to_string(),
                };
                programs.push(Program { title: name.trim().into(), source: source.trim_end().to_string() + "\n" });
            } else if let Some(pair) = kind.strip_prefix("compare:") {
                let n: Vec<usize> = pair.split(',').filter_map(|n| n.trim().parse().ok()).filter(|&n| n > 0).collect();
                let [a, b] = n[..] else { return Err(format!("expected `compare: A, B`, found `{kind}`")) };
                compare = Some((a - 1, b - 1));
            } else if let Some(title) = kind.strip_prefix("challenge:") {
                challenge = Some(Challenge::parse(title, body)?);
            } else if kind.trim() == "start" || kind.trim() == "solution" {
                let c = challenge.as_mut().ok_or("`=== start` and `=== solution` follow a `=== challenge`")?;
                let program = body.trim_end().to_string() + "\n";
                if kind.trim() == "start" { c.start = program } else { c.solution = program }
            } else if kind.trim() == "question" {
                question = Some(Question::parse(body)?);
            } else if kind.trim() == "map" {
                for line in body.lines().filter(|l| !l.trim().is_empty()) {
                    let depth = (line.len() - line.trim_start().len()) / 2;
                    let (label, link) = match line.trim().rsplit_once(" @") {
                        Some((l, n)) => (l.to_string(), Some(n.trim().parse().map_err(|_| format!("bad map link `{line}`"))?)),
                        None => (line.trim().to_string(), None),
                    };
                    map.push((depth, label, link));
                }
            } else {
                return Err(format!("unknown block `=== {kind}`"));
            }
        }
        let question = question.ok_or("no `=== question` block")?;
        if title.is_empty() || number == 0 || programs.is_empty() {
            return Err("a lesson needs a title, a section and at least one program".into());
        }
        if question.program >= programs.len() {
            return Err(format!("the question reads program {} of {}", question.program + 1, programs.len()));
        }
        if compare.is_some_and(|(a, b)| a.max(b) >= programs.len()) {
            return Err("`compare:` names a program the lesson does not have".into());
        }
        if challenge.as_ref().is_some_and(|c| c.start.trim().is_empty() || c.solution.trim().is_empty()) {
            return Err("a challenge needs `=== start` and `=== solution` programs".into());
        }
        Ok(Lesson { number, title, guide, paragraphs, programs, question, map, compare, challenge })
    }

    /// The program titles, for [`Check::read`].
    pub fn titles(&self) -> Vec<String> {
        self.programs.iter().map(|p| p.title.clone()).collect()
    }
}

impl Question {
    fn parse(body: &str) -> Result<Question, String> {
        let mut q = Question { ask: String::new(), choices: vec![], answer: String::new(), unit: String::new(), program: 0, check: Check::Total, why: String::new() };
        let mut check = None;
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let (k, v) = line.split_once(':').ok_or_else(|| format!("expected `key: value`, found `{line}`"))?;
            let v = v.trim();
            match k.trim() {
                "ask" => q.ask = v.into(),
                "choices" => q.choices = v.split(" | ").map(|c| c.trim().to_string()).collect(),
                "answer" => q.answer = v.into(),
                "unit" => q.unit = v.into(),
                "program" => q.program = v.parse::<usize>().ok().filter(|&n| n > 0).ok_or("bad program number")? - 1,
                "check" => check = Some(Check::parse(v)?),
                "why" => q.why = v.into(),
                other => return Err(format!("unknown question key `{other}`")),
            }
        }
        q.check = check.ok_or("a question needs `check:`")?;
        if q.ask.is_empty() || q.answer.is_empty() || q.why.is_empty() {
            return Err("a question needs ask, answer and why".into());
        }
        if !q.choices.is_empty() && !q.choices.contains(&q.answer) {
            return Err(format!("the answer `{}` is not one of the choices", q.answer));
        }
        if q.choices.is_empty() && q.answer.parse::<f64>().is_err() {
            return Err(format!("a number question's answer `{}` is not a number", q.answer));
        }
        Ok(q)
    }
}

/// Every lesson, in the guide's order (a file that does not parse is a build mistake that
/// `tests/learn.rs` catches; here it is skipped rather than taking the page down).
pub fn lessons() -> &'static [Lesson] {
    static LESSONS: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    LESSONS.get_or_init(|| FILES.iter().filter_map(|(_, text)| Lesson::parse(text).ok()).collect())
}

/// The lesson of this guide section.
pub fn lesson(number: usize) -> Option<&'static Lesson> {
    lessons().iter().find(|l| l.number == number)
}

/// Where a `#learn…` fragment points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `#learn`: the map of lessons.
    Map,
    /// `#learn/N`: one lesson, by guide section.
    Lesson(usize),
    /// `#learn/N/challenge`: a lesson opened at its challenge, with its starting program or,
    /// after `&`, a share link's program (`#learn/16/challenge&v2=…`).
    Challenge(usize),
    /// `#learn/N/compare&v2=…&v2=…`: a lesson with its comparison open on the two programs the
    /// link carries.
    Compare(usize),
}

impl Route {
    /// Reads a fragment (without `#`); None when it is not a Learn link.
    pub fn parse(hash: &str) -> Option<Route> {
        let rest = hash.strip_prefix("learn")?;
        if rest.is_empty() || rest == "/" {
            return Some(Route::Map);
        }
        let rest = rest.strip_prefix('/')?;
        let (n, challenge, compare) = match (rest.split_once("/challenge"), rest.split_once("/compare&")) {
            (Some((n, tail)), _) if tail.is_empty() || tail.starts_with('&') => (n, true, false),
            (_, Some((n, _))) => (n, false, true),
            (None, None) => (rest, false, false),
            _ => return None,
        };
        let n: usize = n.parse().ok()?;
        Some(match lesson(n) {
            Some(l) if challenge && l.challenge.is_some() => Route::Challenge(n),
            Some(l) if compare && l.compare.is_some() => Route::Compare(n),
            Some(_) => Route::Lesson(n),
            None => Route::Map,
        })
    }

    /// The lesson it opens, if any.
    pub fn lesson(self) -> Option<usize> {
        match self {
            Route::Lesson(n) | Route::Challenge(n) | Route::Compare(n) => Some(n),
            Route::Map => None,
        }
    }
}

/// The program a challenge link carries (the share link after `&`), if any.
pub fn challenge_program(hash: &str) -> Option<String> {
    let (_, link) = hash.strip_prefix("learn/")?.split_once("/challenge&")?;
    crate::share::decode(link).ok().map(|s| s.source)
}

/// The fragment of a challenge link carrying `source` (without `#`).
pub fn challenge_fragment(lesson: usize, source: &str) -> String {
    let scenario = crate::share::Scenario { source: source.into(), example: None, knobs: vec![], playhead: None, lane: None, schedule: None };
    format!("learn/{lesson}/challenge&{}", crate::share::encode(&scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_file_parses_in_order() {
        for (i, (name, text)) in FILES.iter().enumerate() {
            let lesson = Lesson::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(lesson.number, i + 1, "{name} is out of order");
        }
        assert_eq!(lessons().len(), 19);
    }

    #[test]
    fn routes() {
        assert_eq!(Route::parse("learn"), Some(Route::Map));
        assert_eq!(Route::parse("learn/16"), Some(Route::Lesson(16)));
        assert_eq!(Route::parse("learn/99"), Some(Route::Map));
        assert_eq!(Route::parse("example=lock"), None);
        assert_eq!(Route::parse("learning"), None);
        assert_eq!(Route::parse("learn/17/challenge"), Some(Route::Challenge(17)));
        assert_eq!(Route::parse("learn/1/challenge"), Some(Route::Lesson(1)), "lesson 1 has no challenge");
        assert_eq!(Route::parse("learn/17/challengeX"), None);
        let link = challenge_fragment(17, "print('mine')\n");
        assert_eq!(Route::parse(&link), Some(Route::Challenge(17)));
        assert_eq!(challenge_program(&link).as_deref(), Some("print('mine')\n"));
        assert_eq!(challenge_program("learn/17/challenge"), None);
        let link = compare::compare_fragment(12, "a = 1\n", "b = 2\n");
        assert_eq!(Route::parse(&link), Some(Route::Compare(12)));
        assert_eq!(Route::parse("learn/12/compare"), None);
    }

    #[test]
    fn a_lesson_program_can_name_a_gallery_program() {
        assert!(FILES[1].1.contains("\ngallery: restaurant\n"), "lesson 2 names the gallery's restaurant");
        let restaurant = crate::ui::gallery::find("restaurant").unwrap();
        assert_eq!(lesson(2).unwrap().programs[0].source.trim_end(), restaurant.program.trim_end());
        let err = Lesson::parse("title: T\nsection: 1\n\n=== program: P\ngallery: nope\n").unwrap_err();
        assert_eq!(err, "no gallery program `nope`");
    }

    #[test]
    fn checks_parse() {
        assert_eq!(Check::parse(r#"line with "acquired" #2"#), Ok(Check::LineWith("acquired".into(), 2)));
        assert_eq!(Check::parse(r#"count "a" before "b""#), Ok(Check::CountBefore("a".into(), "b".into())));
        assert_eq!(Check::parse("fastest of 2, 3"), Ok(Check::Fastest(vec![2, 3])));
        assert!(Check::parse("line with \"x\"").is_err());
        assert!(Check::parse("whatever").is_err());
    }

    #[test]
    fn a_number_answer_is_right_within_the_tolerance() {
        let q = Question { ask: "?".into(), choices: vec![], answer: "3".into(), unit: "s".into(), program: 0, check: Check::Total, why: ".".into() };
        assert!(q.is_right("3", &Found::Number(3.004)));
        assert!(q.is_right(" 3.0 ", &Found::Number(3.0)));
        assert!(!q.is_right("6", &Found::Number(3.0)));
        assert!(!q.is_right("three", &Found::Number(3.0)));
    }
}
