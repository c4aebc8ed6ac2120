//! Challenges: a lesson's program with a goal the engine checks. The learner edits the
//! starting program until every goal holds, then presses Check. A goal reads the run (its
//! output, how it ended, its virtual time, its trace) or, for the goals about every schedule,
//! the explorer's report (`crate::explore`, the same search as **Check every schedule**).
//!
//! In a lesson file, after the question:
//! ```text
//! === challenge: Limit it to 2 at once
//! goal: Four workers sleep 2 s each. Let at most two of them work at a time.
//! check: at most 2 sleeping at once
//! check: total at most 4
//! done: One sentence said when every goal holds.
//! === start
//! import asyncio
//! ...
//! === solution
//! import asyncio
//! ...
//! ```
//! `tests/learn.rs` holds every challenge to its word: the starting program fails a goal and
//! the solution meets them all.

use crate::protocol::{ExploreSummary, RunReply};
use crate::trace::timeline::{Activity, Timeline};
use crate::trace::RunEnd;

use super::{format_number, RunFacts, TOLERANCE};

/// A challenge of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    /// Its title ("Fix the race").
    pub title: String,
    /// What to achieve, in a sentence or two.
    pub goal: String,
    /// The goals, all of which must hold.
    pub checks: Vec<Goal>,
    /// Said when the program meets every goal.
    pub done: String,
    /// The program the learner starts from.
    pub start: String,
    /// A known solution (for the tests, and shown on request).
    pub solution: String,
}

/// One goal of a challenge.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// The run ends normally: no deadlock, no exception, no limit (`finishes`).
    Finishes,
    /// The last event is at most this many virtual seconds in (`total at most 2`).
    TotalAtMost(f64),
    /// Some output line contains the text (`prints "Consumed 2"`).
    Prints(String),
    /// No output line contains the text (`never prints "slow finished"`).
    NeverPrints(String),
    /// A line containing the first text prints before any containing the second
    /// (`"slow was cancelled" before "Handled"`).
    Before(String, String),
    /// At no moment do more than this many tasks or threads sleep at once
    /// (`at most 2 sleeping at once`), read from the trace.
    SleepingAtMost(usize),
    /// Every schedule the explorer tries ends normally and prints the text
    /// (`every schedule prints "4"`).
    EverySchedulePrints(String),
    /// Every schedule the explorer tries ends normally (`every schedule finishes`).
    EveryScheduleFinishes,
}

/// The outcome of a check: passed or not, and one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Every goal holds.
    pub pass: bool,
    /// The challenge's `done` sentence, or what the first unmet goal found.
    pub sentence: String,
}

fn quoted(s: &str) -> Option<(String, &str)> {
    let rest = s.trim().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some((rest[..end].to_string(), rest[end + 1..].trim()))
}

impl Goal {
    /// Parses a `check:` value of a challenge.
    pub fn parse(text: &str) -> Result<Goal, String> {
        let t = text.trim();
        let bad = || format!("unknown challenge check `{t}`");
        if t == "finishes" {
            return Ok(Goal::Finishes);
        }
        if t == "every schedule finishes" {
            return Ok(Goal::EveryScheduleFinishes);
        }
        if let Some(n) = t.strip_prefix("total at most ") {
            return n.trim().parse().map(Goal::TotalAtMost).map_err(|_| bad());
        }
        if let Some(rest) = t.strip_prefix("at most ") {
            let n = rest.strip_suffix(" sleeping at once").ok_or_else(bad)?;
            return n.trim().parse().map(Goal::SleepingAtMost).map_err(|_| bad());
        }
        if let Some(rest) = t.strip_prefix("every schedule prints ") {
            return quoted(rest).filter(|(_, r)| r.is_empty()).map(|(s, _)| Goal::EverySchedulePrints(s)).ok_or_else(bad);
        }
        if let Some(rest) = t.strip_prefix("never prints ") {
            return quoted(rest).filter(|(_, r)| r.is_empty()).map(|(s, _)| Goal::NeverPrints(s)).ok_or_else(bad);
        }
        if let Some(rest) = t.strip_prefix("prints ") {
            return quoted(rest).filter(|(_, r)| r.is_empty()).map(|(s, _)| Goal::Prints(s)).ok_or_else(bad);
        }
        let (a, rest) = quoted(t).ok_or_else(bad)?;
        let rest = rest.strip_prefix("before").ok_or_else(bad)?;
        let (b, rest) = quoted(rest).ok_or_else(bad)?;
        if !rest.is_empty() {
            return Err(bad());
        }
        Ok(Goal::Before(a, b))
    }

    /// Is this goal about every schedule (so the explorer must run)?
    pub fn needs_explorer(&self) -> bool {
        matches!(self, Goal::EverySchedulePrints(_) | Goal::EveryScheduleFinishes)
    }

    /// None when the goal holds, else what was found instead (a sentence without its full
    /// stop). `explored` is the explorer's report, needed only by the goals about every
    /// schedule.
    pub fn unmet(&self, run: &RunReply, explored: Option<&ExploreSummary>) -> Option<String> {
        let facts = RunFacts::of(run);
        let lines = || facts.stdout.iter().map(|(_, l)| l.as_str());
        let position = |needle: &str| lines().position(|l| l.contains(needle));
        match self {
            Goal::Finishes => match &run.end {
                RunEnd::Finished => None,
                RunEnd::Deadlock { .. } => Some("the program deadlocks: something waits for ever".into()),
                RunEnd::Limit { message } => Some(format!("the run hit a limit: {message}")),
                _ => Some(format!("the program raised {}", run.error_text.lines().last().unwrap_or("an exception").trim())),
            },
            Goal::TotalAtMost(max) => (facts.total > max + TOLERANCE)
                .then(|| format!("it takes {} s; the goal is at most {} s", format_number(facts.total), format_number(*max))),
            Goal::Prints(text) => position(text).is_none().then(|| format!("nothing printed “{text}”")),
            Goal::NeverPrints(text) => position(text).is_some().then(|| format!("it still prints “{text}”")),
            Goal::Before(a, b) => match (position(a), position(b)) {
                (Some(i), Some(j)) if i < j => None,
                (Some(_), Some(_)) => Some(format!("“{b}” printed before “{a}”")),
                (None, _) => Some(format!("nothing printed “{a}”")),
                (_, None) => Some(format!("nothing printed “{b}”")),
            },
            Goal::SleepingAtMost(max) => {
                let peak = sleeping_peak(run);
                (peak > *max).then(|| format!("{peak} were sleeping at once; the goal is at most {max}"))
            }
            Goal::EverySchedulePrints(_) | Goal::EveryScheduleFinishes => {
                let Some(r) = explored else { return Some("every schedule has not been checked yet".into()) };
                let bad = r.outcomes.iter().filter(|o| {
                    o.deadlock
                        || !o.error.is_empty()
                        || o.exit != 0
                        || matches!(self, Goal::EverySchedulePrints(t) if !o.stdout.lines().any(|l| l.contains(t.as_str())))
                });
                let bad_count: usize = bad.clone().map(|o| o.count).sum();
                if bad_count > 0 {
                    let first = bad.clone().next().expect("a bad outcome");
                    let what = crate::ui::explore::outcome_verb(first, first.count == 1);
                    let noun = if r.schedules == 1 { "schedule" } else { "schedules" };
                    Some(format!("{} of {} {noun} still go wrong ({} {what})", bad_count, r.schedules, first.count))
                } else if !r.exhaustive {
                    Some(format!("only {} schedules were checked before the cap; make the program smaller", r.schedules))
                } else {
                    None
                }
            }
        }
    }
}

/// The most lanes sleeping (`asyncio.sleep`, `time.sleep`) at the same moment of the run,
/// from its timeline: segments are ordered by event index, so a sleep that ends at an event
/// and another that starts at the same virtual time do not overlap.
pub fn sleeping_peak(run: &RunReply) -> usize {
    let timeline = Timeline::build(&run.trace);
    let mut edges: Vec<(u32, i32)> = timeline
        .lanes
        .iter()
        .flat_map(|l| l.segments.iter())
        .filter(|s| s.activity == Activity::Sleeping && s.end > s.start)
        .flat_map(|s| [(s.start, 1), (s.end, -1)])
        .collect();
    // At one index, ends before starts.
    edges.sort_unstable();
    let (mut now, mut peak) = (0i32, 0i32);
    for (_, d) in edges {
        now += d;
        peak = peak.max(now);
    }
    peak as usize
}

impl Challenge {
    /// Does checking it run the explorer?
    pub fn needs_explorer(&self) -> bool {
        self.checks.iter().any(Goal::needs_explorer)
    }

    /// The verdict on a run of the learner's program (and the explorer's report on it, when a
    /// goal is about every schedule).
    pub fn verdict(&self, run: &RunReply, explored: Option<&ExploreSummary>) -> Verdict {
        match self.checks.iter().find_map(|g| g.unmet(run, explored)) {
            None => Verdict { pass: true, sentence: self.done.clone() },
            Some(found) => Verdict { pass: false, sentence: format!("Not yet: {found}.") },
        }
    }

    /// Parses a `=== challenge: Title` block's body (the `start` and `solution` come from the
    /// blocks after it).
    pub(super) fn parse(title: &str, body: &str) -> Result<Challenge, String> {
        let mut c = Challenge { title: title.trim().into(), goal: String::new(), checks: vec![], done: String::new(), start: String::new(), solution: String::new() };
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let (k, v) = line.split_once(':').ok_or_else(|| format!("expected `key: value`, found `{line}`"))?;
            match k.trim() {
                "goal" => c.goal = v.trim().into(),
                "check" => c.checks.push(Goal::parse(v)?),
                "done" => c.done = v.trim().into(),
                other => return Err(format!("unknown challenge key `{other}`")),
            }
        }
        if c.title.is_empty() || c.goal.is_empty() || c.checks.is_empty() || c.done.is_empty() {
            return Err("a challenge needs a title, goal, at least one check and done".into());
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_parse() {
        assert_eq!(Goal::parse("finishes"), Ok(Goal::Finishes));
        assert_eq!(Goal::parse("total at most 2"), Ok(Goal::TotalAtMost(2.0)));
        assert_eq!(Goal::parse("at most 2 sleeping at once"), Ok(Goal::SleepingAtMost(2)));
        assert_eq!(Goal::parse(r#"prints "x""#), Ok(Goal::Prints("x".into())));
        assert_eq!(Goal::parse(r#"never prints "x""#), Ok(Goal::NeverPrints("x".into())));
        assert_eq!(Goal::parse(r#""a" before "b""#), Ok(Goal::Before("a".into(), "b".into())));
        assert_eq!(Goal::parse(r#"every schedule prints "4""#), Ok(Goal::EverySchedulePrints("4".into())));
        assert_eq!(Goal::parse("every schedule finishes"), Ok(Goal::EveryScheduleFinishes));
        assert!(Goal::parse("at most two sleeping at once").is_err());
        assert!(Goal::parse(r#""a" after "b""#).is_err());
        assert!(Goal::parse("whatever").is_err());
    }
}
