//! What the learner has done, kept in local storage as JSON: each answered lesson with the
//! answer given and whether it was right. The page reads it for the map's marks.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A lesson's mark on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Not answered yet.
    Open,
    /// Answered, and right.
    Right,
    /// Answered, and wrong (the run showed why).
    Wrong,
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answered {
    /// What the learner answered.
    pub answer: String,
    /// Was it right?
    pub right: bool,
}

/// Every answered lesson, by guide section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Lesson number → the answer.
    pub answers: BTreeMap<usize, Answered>,
    /// Lessons whose challenge the learner solved (absent from progress stored before
    /// challenges existed).
    #[serde(default)]
    pub solved: BTreeSet<usize>,
}

impl Progress {
    /// The local storage key.
    pub const KEY: &'static str = "interleave.learn.v1";

    /// Reads stored progress; anything unreadable is no progress.
    pub fn from_json(text: &str) -> Progress {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The lesson's mark.
    pub fn mark(&self, lesson: usize) -> Mark {
        match self.answers.get(&lesson) {
            None => Mark::Open,
            Some(a) if a.right => Mark::Right,
            Some(_) => Mark::Wrong,
        }
    }

    /// Records an answer (a later answer replaces an earlier one).
    pub fn answer(&mut self, lesson: usize, answer: String, right: bool) {
        self.answers.insert(lesson, Answered { answer, right });
    }

    /// Forgets a lesson's answer (to try it again).
    pub fn forget(&mut self, lesson: usize) {
        self.answers.remove(&lesson);
    }

    /// Marks a lesson's challenge solved.
    pub fn solve(&mut self, lesson: usize) {
        self.solved.insert(lesson);
    }

    /// How many lessons are answered.
    pub fn done(&self) -> usize {
        self.answers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_its_stored_form() {
        let mut p = Progress::default();
        p.answer(16, "Task 2".into(), true);
        p.answer(3, "6".into(), false);
        let back = Progress::from_json(&p.to_json());
        assert_eq!(back, p);
        assert_eq!(back.mark(16), Mark::Right);
        assert_eq!(back.mark(3), Mark::Wrong);
        assert_eq!(back.mark(1), Mark::Open);
        assert_eq!(Progress::from_json("garbage"), Progress::default());
        // Progress stored before challenges reads with none solved; a solved one survives.
        let old = Progress::from_json(r#"{"answers":{"16":{"answer":"Task 2","right":true}}}"#);
        assert_eq!(old.mark(16), Mark::Right);
        assert!(old.solved.is_empty());
        let mut p = old;
        p.solve(17);
        assert!(Progress::from_json(&p.to_json()).solved.contains(&17));
    }
}
