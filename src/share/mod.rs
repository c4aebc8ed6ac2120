//! Share links: a program, its knobs and the playhead, in the URL fragment, with no server.
//!
//! ```text
//! https://…/interleave/#v2=7VZNb9pAEL3zK0Y-NZIhhCQ9RGqllKZVpaZVQ6QeqqoaL2N7lfWutbsm8O87a5sAJWmjSD1U...
//!                       └┬┘└───────────────── base64url(deflate-raw(payload, dictionary v2)) ─┘
//!                     version
//! ```
//!
//! [`encode`] and [`decode`] are a pure pair. Every link names its format version. The
//! [`payload`] is compressed with raw deflate against a preset dictionary of typical
//! Interleave programs, and the dictionary *is* the version: v1's has asyncio and some
//! threading; v2's adds what the thread and process programs say. A new dictionary is a new
//! version, and the old ones keep decoding (a test holds a link of each and pins each
//! dictionary's hash). On the gallery programs links are well under half as long as
//! lz-string's (see the README).
//! Decompression is capped, and a damaged link is an error with a message, never a panic.
//!
//! [`scenario`] holds the gallery entries and their knobs, which edit the program text.

mod base64url;
mod deflate;
pub mod scenario;
pub mod payload;

use std::fmt;

/// What a share link carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenario {
    /// The program.
    pub source: String,
    /// The gallery entry it came from (its slug), whose knobs apply to it.
    pub example: Option<String>,
    /// Knob values as (anchor, literal): they are in the program too, so applying them to the
    /// decoded program changes nothing unless it was edited by hand.
    pub knobs: Vec<(String, String)>,
    /// How many events of the run the playhead had applied.
    pub playhead: Option<u32>,
    /// The selected lane: the task's id in the trace.
    pub lane: Option<u32>,
    /// The thread schedule to run it under (a `--schedule` value such as `explore:4-0.4-1`
    /// from the explorer); None for the default schedule. Links made before it existed
    /// decode with None.
    pub schedule: Option<String>,
}

/// Why a link could not be opened, in words for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Not `vN=…`: no share link at all.
    NotALink,
    /// `vN=` with a version this build does not know (a newer Interleave made it).
    UnknownVersion,
    /// Bad characters, a cut-off stream, an inconsistent payload.
    Damaged,
    /// It would decompress to more than the cap.
    TooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShareError::NotALink => "This address does not hold a shared program.",
            ShareError::UnknownVersion => {
                "This share link was made by a newer version of Interleave than this one, so it cannot be opened here."
            }
            ShareError::Damaged => {
                "This share link is damaged: part of it may have been cut off when it was copied."
            }
            ShareError::TooLarge => "This share link holds more than Interleave opens (256 KB of program).",
        })
    }
}

impl std::error::Error for ShareError {}

/// The version new links are written in.
pub const CURRENT_VERSION: u32 = 2;

/// The preset dictionary of each version: typical Interleave programs, the commonest idioms
/// last (the shortest distances are the cheapest to encode). Never edit one: add a version.
pub fn dictionary(version: u32) -> Option<&'static [u8]> {
    match version {
        1 => Some(include_bytes!("dict_v1.txt")),
        2 => Some(include_bytes!("dict_v2.txt")),
        _ => None,
    }
}

/// Links longer than this are not even decoded (a URL this long is not a real share link).
pub const MAX_LINK_LEN: usize = 512 * 1024;

/// The URL fragment for `scenario`, without the `#`: `v2=…`.
pub fn encode(scenario: &Scenario) -> String {
    let dict = dictionary(CURRENT_VERSION).expect("the current version has a dictionary");
    format!("v{CURRENT_VERSION}={}", payload::encode(scenario, dict))
}

/// Decodes a URL fragment made by [`encode`] of any version (a leading `#` is ignored).
pub fn decode(fragment: &str) -> Result<Scenario, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let (version, data) = fragment.split_once('=').ok_or(ShareError::NotALink)?;
    let version: u32 = version
        .strip_prefix('v')
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(ShareError::NotALink)?
        .parse()
        .map_err(|_| ShareError::UnknownVersion)?;
    if data.len() > MAX_LINK_LEN {
        return Err(ShareError::TooLarge);
    }
    let dict = dictionary(version).ok_or(ShareError::UnknownVersion)?;
    payload::decode(data, dict)
}

/// True if `fragment` looks like a share link (`vN=…`, of any version), damaged or not.
pub fn is_link(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split_once('=')
        .and_then(|(version, _)| version.strip_prefix('v'))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock_scenario() -> Scenario {
        Scenario {
            source: include_str!("../../tests/scenarios/guide/lock_counter.py").to_string(),
            example: Some("lock".into()),
            knobs: vec![("asyncio.sleep(".into(), "1".into())],
            playhead: Some(42),
            lane: Some(5),
            schedule: None,
        }
    }

    /// A link made by the first build of v1. It must decode to the same scenario forever: if
    /// this test fails, the change broke every v1 link ever shared.
    const V1_LINK: &str = "v1=jdixDQAgCADBYGysjBsYV7C2tLIwwcIVYP8FCAMQqH-Cv5o1twTlXzwbX18wY7TmsynxMBZAAA";

    /// The same scenario as a link of the first v2 build: it must decode the same forever.
    const V2_LINK: &str = "v2=jZmxDQAABMBCLCbxghc8xf8PiMUmfNCxaYWaQhF4TAT8dy_vMx1pS2Ut";

    #[test]
    fn links_from_the_past_still_decode() {
        assert_eq!(decode(V1_LINK).unwrap(), decode(V2_LINK).unwrap());
        let s = decode(V2_LINK).unwrap();
        assert_eq!(s.example.as_deref(), Some("lock"));
        assert_eq!(s.playhead, Some(17));
        assert_eq!(s.lane, Some(2));
        assert_eq!(s.knobs, [("WORKERS =".to_string(), "3".to_string())]);
        assert_eq!(s.source, "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print(\"hi\")\n\nasyncio.run(main())\n");
        assert_eq!(s.schedule, None);
    }

    #[test]
    fn a_link_can_carry_an_explored_schedule() {
        let s = Scenario { schedule: Some("explore:4-0.4-1".into()), ..lock_scenario() };
        let link = encode(&s);
        assert_eq!(decode(&link).unwrap(), s);
        // Without a schedule the payload is byte for byte what it was before the field.
        assert_eq!(decode(&encode(&lock_scenario())).unwrap().schedule, None);
    }

    /// dict_v2.txt's length and FNV-1a hash.
    const V2_DICT_HASH: (usize, u64) = (9539, 13044377275301886354);

    fn fnv1a(bytes: &[u8]) -> (usize, u64) {
        let mut h: u64 = 0xcbf29ce484222325;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        (bytes.len(), h)
    }

    #[test]
    fn no_dictionary_ever_changes() {
        // A dictionary is part of its format: editing one would make every link of that version
        // decode to garbage. Put a new dictionary in a new version instead.
        assert_eq!(fnv1a(dictionary(1).unwrap()), (7136, 0x344e_d716_890b_385c));
        assert_eq!(fnv1a(dictionary(2).unwrap()), V2_DICT_HASH);
        assert_eq!(dictionary(3), None);
    }

    #[test]
    fn round_trip_keeps_every_field() {
        let s = lock_scenario();
        let link = encode(&s);
        assert!(link.starts_with("v2="));
        assert!(link[3..].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(decode(&link).unwrap(), s);
        assert_eq!(decode(&format!("#{link}")).unwrap(), s);
        let bare = Scenario { source: "print('ü → ✓')\n".into(), ..Default::default() };
        assert_eq!(decode(&encode(&bare)).unwrap(), bare);
        assert_eq!(decode(&encode(&Scenario::default())).unwrap(), Scenario::default());
    }

    #[test]
    fn the_dictionary_makes_the_guide_programs_short() {
        let link = encode(&Scenario { source: lock_scenario().source, ..Default::default() });
        // The guide's lock program is in the dictionary nearly verbatim.
        assert!(link.len() < 60, "{} chars: {link}", link.len());
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode(&lock_scenario());
        assert_eq!(decode(&link[..link.len() / 2]), Err(ShareError::Damaged));
        assert_eq!(decode("v1=not*base64"), Err(ShareError::Damaged));
        assert_eq!(decode("v1="), Err(ShareError::Damaged));
        assert_eq!(decode("v1=AAAA"), Err(ShareError::Damaged));
        assert_eq!(decode("v9=AAAA"), Err(ShareError::UnknownVersion));
        assert_eq!(decode("v99999999999999999999=AAAA"), Err(ShareError::UnknownVersion));
        assert_eq!(decode("example=lock"), Err(ShareError::NotALink));
        assert_eq!(decode(""), Err(ShareError::NotALink));
        assert_eq!(decode("v=AAAA"), Err(ShareError::NotALink));
        assert!(is_link("#v1=garbage") && is_link("v7=x") && !is_link("#example=lock") && !is_link(""));
        assert!(ShareError::Damaged.to_string().contains("damaged"));
    }

    #[test]
    fn every_truncation_of_a_link_fails_cleanly_or_decodes() {
        let link = encode(&lock_scenario());
        for cut in 0..link.len() {
            // Never a panic; most prefixes are errors.
            let _ = decode(&link[..cut]);
        }
    }

    #[test]
    fn huge_payloads_are_refused() {
        let big = Scenario { source: "x".repeat(payload::MAX_PAYLOAD + 1), ..Default::default() };
        assert_eq!(decode(&encode(&big)), Err(ShareError::TooLarge));
        assert_eq!(decode(&format!("v1={}", "A".repeat(MAX_LINK_LEN + 1))), Err(ShareError::TooLarge));
        let fits = Scenario { source: "y".repeat(100_000), ..Default::default() };
        assert_eq!(decode(&encode(&fits)).unwrap(), fits);
    }
}

