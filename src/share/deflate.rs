//! Raw deflate (RFC 1951) with a preset dictionary, on top of `miniz_oxide`.
//!
//! A preset dictionary is text both sides know in advance: the compressor may point back into
//! it as if it had just been written, so `import asyncio` or `async def main():` cost a few
//! bits instead of their letters. zlib has `deflateSetDictionary`; miniz does not, so
//! [`compress`] gets the same stream another way: it feeds the dictionary first, ends it with
//! a sync flush (which byte-aligns the output and keeps the window), throws that output away,
//! then compresses the payload, whose matches can reach back into the dictionary.
//! [`decompress`] does the mirror image: it writes into a buffer that already holds the
//! dictionary, so back-references into it resolve.
//!
//! Decompression is capped: a link cannot make the page allocate more than `limit` bytes.

use miniz_oxide::deflate::core::{compress as deflate, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus};
use miniz_oxide::inflate::core::{decompress as inflate, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Why a stream did not inflate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// Not a deflate stream, or one cut short.
    Corrupt,
    /// It would inflate to more than the limit.
    TooLarge,
}

/// Compresses `data` as raw deflate (best compression) against `dict`.
pub fn compress(data: &[u8], dict: &[u8]) -> Vec<u8> {
    // Level 10 ("uber"), raw deflate (negative window bits), default strategy.
    let flags = create_comp_flags_from_zip_params(10, -15, 0);
    let mut c = CompressorOxide::new(flags);
    // The dictionary: compressed and discarded, but it stays in the window.
    if !dict.is_empty() {
        let mut sink = vec![0u8; dict.len() + 1024];
        let (status, used, _) = deflate(&mut c, dict, &mut sink, TDEFLFlush::Sync);
        debug_assert!(status == TDEFLStatus::Okay && used == dict.len());
    }
    let mut out = vec![0u8; data.len() + data.len() / 8 + 64];
    let mut in_pos = 0;
    let mut out_pos = 0;
    loop {
        let (status, used, written) = deflate(&mut c, &data[in_pos..], &mut out[out_pos..], TDEFLFlush::Finish);
        in_pos += used;
        out_pos += written;
        match status {
            TDEFLStatus::Done => break,
            TDEFLStatus::Okay => out.resize(out.len() * 2, 0),
            _ => unreachable!("miniz refused valid parameters"),
        }
    }
    out.truncate(out_pos);
    out
}

/// Inflates a raw deflate stream made by [`compress`] with the same `dict`, producing at most
/// `limit` bytes.
pub fn decompress(stream: &[u8], dict: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut d = DecompressorOxide::new();
    // The output buffer starts with the dictionary; the payload is written after it. It grows
    // as needed, up to the limit.
    let mut out = dict.to_vec();
    out.resize(dict.len() + (stream.len() * 4).max(1024).min(limit.max(1)), 0);
    let mut in_pos = 0;
    let mut out_pos = dict.len();
    loop {
        let (status, used, written) = inflate(&mut d, &stream[in_pos..], &mut out, out_pos, flags);
        in_pos += used;
        out_pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                let produced = out_pos - dict.len();
                if produced >= limit {
                    return Err(InflateError::TooLarge);
                }
                let grown = (produced * 2).min(limit) + dict.len();
                out.resize(grown.max(out.len() + 1), 0);
            }
            _ => return Err(InflateError::Corrupt),
        }
    }
    if out_pos - dict.len() > limit {
        return Err(InflateError::TooLarge);
    }
    out.truncate(out_pos);
    Ok(out.split_off(dict.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &[u8] = b"import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n";

    #[test]
    fn round_trip_with_and_without_a_dictionary() {
        let data = b"import asyncio\n\nasync def main():\n    print('hi')\n    await asyncio.sleep(2)\n\nasyncio.run(main())\n";
        for dict in [DICT, b"".as_slice()] {
            let packed = compress(data, dict);
            assert_eq!(decompress(&packed, dict, 1 << 20).unwrap(), data);
        }
    }

    #[test]
    fn the_dictionary_makes_typical_text_smaller() {
        let data = b"import asyncio\n\nasync def main():\n    await asyncio.sleep(3)\n\nasyncio.run(main())\n";
        assert!(compress(data, DICT).len() * 2 < compress(data, b"").len());
    }

    #[test]
    fn a_different_dictionary_does_not_give_back_the_text() {
        let data = b"async def main():\n    await asyncio.sleep(1)\n";
        let packed = compress(data, DICT);
        let other = b"some other dictionary text of about the same length, but different......";
        assert_ne!(decompress(&packed, other, 1 << 20).ok().as_deref(), Some(data.as_slice()));
    }

    #[test]
    fn empty_input_round_trips() {
        let packed = compress(b"", DICT);
        assert_eq!(decompress(&packed, DICT, 10).unwrap(), b"");
    }

    #[test]
    fn large_payloads_round_trip_and_the_cap_holds() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8 ^ (i / 997) as u8).collect();
        let packed = compress(&data, DICT);
        assert_eq!(decompress(&packed, DICT, 200_000).unwrap(), data);
        assert_eq!(decompress(&packed, DICT, 199_999), Err(InflateError::TooLarge));
        // A "zip bomb": a megabyte of one letter is a few hundred bytes compressed.
        let bomb = compress(&vec![b'a'; 1 << 20], b"");
        assert!(bomb.len() < 2000);
        assert_eq!(decompress(&bomb, b"", 64 * 1024), Err(InflateError::TooLarge));
    }

    #[test]
    fn garbage_and_truncated_streams_are_corrupt() {
        let data = b"import asyncio\nprint('a fairly long line of text to compress')\n".repeat(4);
        let packed = compress(&data, DICT);
        assert_eq!(decompress(&packed[..packed.len() / 2], DICT, 1 << 20), Err(InflateError::Corrupt));
        assert!(decompress(&[0xff, 0xff, 0xff, 0xff], DICT, 1 << 20).is_err());
        assert_eq!(decompress(&[], DICT, 1 << 20), Err(InflateError::Corrupt));
    }
}
