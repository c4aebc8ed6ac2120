//! The payload every share-link version carries, and its compression: base64url of the
//! raw-deflate stream (against the version's preset dictionary) of
//!
//! ```text
//! flags        1 byte: 1 example, 2 playhead, 4 lane, 8 knobs, 16 schedule (which follow)
//! example      varint length + UTF-8 slug                       (if flag 1)
//! playhead     varint: events applied                           (if flag 2)
//! lane         varint: the selected task's id                   (if flag 4)
//! knobs        varint count, then per knob: varint length + anchor, varint length + value
//! schedule     varint length + a `--schedule` value                 (if flag 16)
//! source       the rest: the program, UTF-8
//! ```
//!
//! Varints are LEB128 (7 bits a byte, low first). Versions differ only in their dictionary
//! (`super::dictionary`); this layout is frozen, so a link of any version decodes the same
//! forever. The schedule field came later: no older link sets its flag, so adding it changed
//! no old link's meaning.

use super::{deflate, Scenario, ShareError};

/// Decompressed payloads larger than this are refused (the editor holds programs, not books).
pub const MAX_PAYLOAD: usize = 256 * 1024;

const EXAMPLE: u8 = 1;
const PLAYHEAD: u8 = 2;
const LANE: u8 = 4;
const KNOBS: u8 = 8;
const SCHEDULE: u8 = 16;

/// The text after `vN=`, compressed against `dict`.
pub fn encode(s: &Scenario, dict: &[u8]) -> String {
    let mut p = Vec::with_capacity(s.source.len() + 32);
    let flags = if s.example.is_some() { EXAMPLE } else { 0 }
        | if s.playhead.is_some() { PLAYHEAD } else { 0 }
        | if s.lane.is_some() { LANE } else { 0 }
        | if s.knobs.is_empty() { 0 } else { KNOBS }
        | if s.schedule.is_some() { SCHEDULE } else { 0 };
    p.push(flags);
    if let Some(example) = &s.example {
        put_str(&mut p, example);
    }
    if let Some(playhead) = s.playhead {
        put_varint(&mut p, u64::from(playhead));
    }
    if let Some(lane) = s.lane {
        put_varint(&mut p, u64::from(lane));
    }
    if !s.knobs.is_empty() {
        put_varint(&mut p, s.knobs.len() as u64);
        for (anchor, value) in &s.knobs {
            put_str(&mut p, anchor);
            put_str(&mut p, value);
        }
    }
    if let Some(schedule) = &s.schedule {
        put_str(&mut p, schedule);
    }
    p.extend_from_slice(s.source.as_bytes());
    super::base64url::encode(&deflate::compress(&p, dict))
}

/// Decodes the text after `vN=`, compressed against `dict`.
pub fn decode(data: &str, dict: &[u8]) -> Result<Scenario, ShareError> {
    let bytes = super::base64url::decode(data).ok_or(ShareError::Damaged)?;
    let p = deflate::decompress(&bytes, dict, MAX_PAYLOAD).map_err(|e| match e {
        deflate::InflateError::Corrupt => ShareError::Damaged,
        deflate::InflateError::TooLarge => ShareError::TooLarge,
    })?;
    let mut r = Reader { p: &p, at: 0 };
    let flags = r.byte()?;
    if flags & !(EXAMPLE | PLAYHEAD | LANE | KNOBS | SCHEDULE) != 0 {
        return Err(ShareError::Damaged);
    }
    let example = if flags & EXAMPLE != 0 { Some(r.string()?) } else { None };
    let playhead = if flags & PLAYHEAD != 0 { Some(r.u32()?) } else { None };
    let lane = if flags & LANE != 0 { Some(r.u32()?) } else { None };
    let mut knobs = Vec::new();
    if flags & KNOBS != 0 {
        let count = r.varint()?;
        if count > 64 {
            return Err(ShareError::Damaged);
        }
        for _ in 0..count {
            knobs.push((r.string()?, r.string()?));
        }
    }
    let schedule = if flags & SCHEDULE != 0 { Some(r.string()?) } else { None };
    let source = String::from_utf8(p[r.at..].to_vec()).map_err(|_| ShareError::Damaged)?;
    Ok(Scenario { source, example, knobs, playhead, lane, schedule })
}

fn put_varint(p: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            p.push(byte);
            return;
        }
        p.push(byte | 0x80);
    }
}

fn put_str(p: &mut Vec<u8>, s: &str) {
    put_varint(p, s.len() as u64);
    p.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    p: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let b = *self.p.get(self.at).ok_or(ShareError::Damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, ShareError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShareError::Damaged)
    }

    fn u32(&mut self) -> Result<u32, ShareError> {
        u32::try_from(self.varint()?).map_err(|_| ShareError::Damaged)
    }

    fn string(&mut self) -> Result<String, ShareError> {
        let len = usize::try_from(self.varint()?).map_err(|_| ShareError::Damaged)?;
        let end = self.at.checked_add(len).filter(|&e| e <= self.p.len()).ok_or(ShareError::Damaged)?;
        let s = std::str::from_utf8(&self.p[self.at..end]).map_err(|_| ShareError::Damaged)?;
        self.at = end;
        Ok(s.to_string())
    }
}
