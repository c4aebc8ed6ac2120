//! Byte offsets to 1-based line and column numbers, and source lines for tracebacks.

/// Start offsets of each line of a source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    text: std::rc::Rc<str>,
    /// For a text with non-ASCII characters: how many characters start before each
    /// `BLOCK`-byte boundary, so a column costs at most one block's count instead of a
    /// count from its line's start (quadratic over a 1 MB single-line literal). Empty for
    /// ASCII text, where a column is a byte offset.
    chars_before_block: Vec<u32>,
}

/// Bytes per entry of `LineIndex::chars_before_block`.
const BLOCK: usize = 256;

/// Characters that start in `bytes` (bytes that are not UTF-8 continuation bytes).
fn count_chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        let chars_before_block = if text.is_ascii() {
            Vec::new()
        } else {
            let mut total = 0;
            let mut table = Vec::with_capacity(text.len() / BLOCK + 1);
            for block in text.as_bytes().chunks(BLOCK) {
                table.push(total);
                total += count_chars(block);
            }
            table.push(total);
            table
        };
        LineIndex { starts, text: text.into(), chars_before_block }
    }

    /// Characters that start before byte `offset` (at most `text.len()`).
    fn chars_before(&self, offset: usize) -> u32 {
        if self.chars_before_block.is_empty() {
            return offset as u32;
        }
        let block = offset / BLOCK;
        self.chars_before_block[block] + count_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// 1-based (line, column); the column counts characters, as Python's messages do.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        let end = (offset as usize).min(self.text.len()).max(start);
        let col = self.chars_before(end) - self.chars_before(start);
        (line as u32 + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else { return "" };
        let end = self.starts.get(i + 1).map(|&e| e as usize).unwrap_or(self.text.len());
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let idx = LineIndex::new("ab\ncdé\nx");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(4), (2, 2));
        assert_eq!(idx.line_col(8), (3, 1));
        assert_eq!(idx.line_text(2), "cdé");
    }

    /// Columns count characters across the index's blocks, as a count from the line's
    /// start does.
    #[test]
    fn columns_on_long_non_ascii_lines() {
        let text = format!("{}\n{}", "é".repeat(300), "aé".repeat(400));
        let idx = LineIndex::new(&text);
        for offset in 0..=text.len() as u32 {
            let (line, col) = idx.line_col(offset);
            let start = if line == 1 { 0 } else { text.find('\n').unwrap() + 1 };
            let end = (offset as usize).max(start);
            let expected = String::from_utf8_lossy(&text.as_bytes()[start..end]).chars().count() as u32;
            // A split character counts once (lossy decoding makes it one replacement char).
            assert_eq!(col, expected + 1, "offset {offset}");
        }
    }
}
