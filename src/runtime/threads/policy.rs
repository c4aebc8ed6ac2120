//! Scheduling choices: which waiting thread gets the GIL.
//!
//! Every choice goes through `Policy::choose`. The default takes the thread that has
//! waited longest (deterministic); `Random` picks with a seeded generator (xorshift), so a
//! seed names a schedule; `Replay` follows a list of recorded choices (the trace's
//! `schedule_choice` events), so any run can be reproduced exactly.

/// How the scheduler picks which waiting thread takes a GIL.
#[derive(Debug, Clone)]
pub enum Policy {
    /// First come, first served.
    Fifo,
    /// Seeded pseudo-random choice.
    Random {
        /// The generator's state (xorshift).
        state: u64,
    },
    /// Replay recorded choices; falls back to FIFO when they run out.
    Replay {
        /// The recorded indices.
        choices: Vec<u32>,
        /// The next one to use.
        next: usize,
    },
    /// Explore mode: choice points before every instruction that touches shared state,
    /// decided by a schedule (`explore:` values); see `threads::explore`.
    Explore(super::explore::ExploreHandle),
}

impl Default for Policy {
    fn default() -> Self {
        Policy::Fifo
    }
}

impl Policy {
    /// A seeded random policy.
    pub fn random(seed: u64) -> Policy {
        Policy::Random { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1 }
    }

    /// Parse a `--schedule` value: `fifo`, `random:SEED`, `replay:C1,C2,...` or
    /// `explore:GAP-OPTION.GAP-OPTION...` (a schedule the explorer printed).
    pub fn parse(s: &str) -> Result<Policy, String> {
        if s == "fifo" {
            return Ok(Policy::Fifo);
        }
        if let Some(seed) = s.strip_prefix("random:") {
            return seed.parse().map(Policy::random).map_err(|_| "random:SEED takes a whole number".to_string());
        }
        if let Some(list) = s.strip_prefix("replay:") {
            let choices: Result<Vec<u32>, _> = list.split(',').filter(|c| !c.is_empty()).map(|c| c.parse()).collect();
            return choices
                .map(|choices| Policy::Replay { choices, next: 0 })
                .map_err(|_| "replay:C1,C2,... takes whole numbers".to_string());
        }
        if s.starts_with("explore:") {
            let plan = super::explore::Schedule::parse(s)?;
            return Ok(Policy::Explore(super::explore::ExploreHandle::new(plan)));
        }
        Err("--schedule is fifo, random:SEED, replay:C1,C2,... or explore:... (from `interleave explore`)".into())
    }

    /// Pick one of `n` (≥ 2) options, ordered by how long they have waited.
    pub fn choose(&mut self, n: usize) -> usize {
        match self {
            Policy::Fifo => 0,
            Policy::Random { state } => {
                let mut x = *state;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *state = x;
                (x % n as u64) as usize
            }
            // Explore mode decides in `assign_gils` (`explore::free_choice`), which logs
            // each choice with what the options are about to do.
            Policy::Explore(_) => 0,
            Policy::Replay { choices, next } => {
                let c = choices.get(*next).copied().unwrap_or(0) as usize;
                *next += 1;
                c.min(n - 1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_is_reproducible_and_replay_follows_choices() {
        let mut a = Policy::random(7);
        let mut b = Policy::random(7);
        let xs: Vec<usize> = (0..20).map(|_| a.choose(3)).collect();
        let ys: Vec<usize> = (0..20).map(|_| b.choose(3)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().any(|&x| x != xs[0]));
        let mut r = Policy::Replay { choices: vec![2, 1, 0], next: 0 };
        assert_eq!((r.choose(3), r.choose(3), r.choose(3), r.choose(3)), (2, 1, 0, 0));
        assert_eq!(Policy::Fifo.choose(5), 0);
    }
}
