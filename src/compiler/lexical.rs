//! Limits CPython's tokenizer and parser enforce on the source text, which ruff's parser
//! does not: NUL bytes ("source code cannot contain null bytes"), more than 200 open
//! brackets (`MAXLEVEL` in `Parser/tokenizer.c`: "too many nested parentheses"), 100
//! indentation levels (`MAXINDENT`: "too many levels of indentation") and decimal
//! integer literals over 4300 digits (`sys.int_info.default_max_str_digits`, checked when
//! the parser converts the literal).
//!
//! The scan skips comments and strings (3.11 tokenizes an f-string as one string).

/// The first limit the source breaks: (byte offset, message with its exception class).
pub fn check(source: &str) -> Option<(u32, String)> {
    if let Some(at) = source.find('\0') {
        return Some((at as u32, "SyntaxError: source code cannot contain null bytes".into()));
    }
    Scanner { src: source.as_bytes(), pos: 0 }.run()
}

const MAX_LEVEL: usize = 200;
const MAX_INDENT: usize = 100;
const MAX_DIGITS: usize = 4300;

struct Scanner<'s> {
    src: &'s [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self, k: usize) -> u8 {
        self.src.get(self.pos + k).copied().unwrap_or(0)
    }

    fn run(&mut self) -> Option<(u32, String)> {
        let mut level = 0usize;
        let mut indents: Vec<usize> = vec![0];
        let mut at_line_start = true;
        let mut continued = false;
        while self.pos < self.src.len() {
            if at_line_start {
                at_line_start = false;
                if level == 0 && !continued {
                    let start = self.pos;
                    let width = self.indentation();
                    let c = self.peek(0);
                    let blank = matches!(c, b'\n' | b'\r' | b'#' | 0);
                    if !blank && width > *indents.last().unwrap_or(&0) {
                        if indents.len() >= MAX_INDENT {
                            return Some((start as u32, "IndentationError: too many levels of indentation".into()));
                        }
                        indents.push(width);
                    } else if !blank {
                        while indents.len() > 1 && width < *indents.last().unwrap_or(&0) {
                            indents.pop();
                        }
                    }
                }
                continued = false;
                continue;
            }
            let c = self.peek(0);
            match c {
                b'\n' => {
                    self.pos += 1;
                    at_line_start = true;
                }
                b'\\' if matches!(self.peek(1), b'\n' | b'\r') => {
                    self.pos += 1;
                    continued = true;
                }
                b'#' => {
                    while self.pos < self.src.len() && self.peek(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'(' | b'[' | b'{' => {
                    if level >= MAX_LEVEL {
                        return Some((self.pos as u32, "SyntaxError: too many nested parentheses".into()));
                    }
                    level += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    level = level.saturating_sub(1);
                    self.pos += 1;
                }
                b'"' | b'\'' => self.string(false),
                b'0'..=b'9' => {
                    if let Some(e) = self.number() {
                        return Some(e);
                    }
                }
                b'.' if self.peek(1).is_ascii_digit() => {
                    // `.5`: a float; skip its digits so they are not read as an int.
                    self.pos += 1;
                    self.skip_word();
                }
                _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                    // A word; a string prefix (`r"..."`, `f'...'`) starts a string.
                    let start = self.pos;
                    self.skip_word();
                    let word = &self.src[start..self.pos];
                    let q = self.peek(0);
                    if (q == b'"' || q == b'\'') && word.len() <= 2 && word.iter().all(|b| b"rRbBuUfF".contains(b)) {
                        self.string(word.iter().any(|b| matches!(b, b'r' | b'R')));
                    }
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    /// Width of the indentation at the start of a line (tabs to the next multiple of 8).
    fn indentation(&mut self) -> usize {
        let mut width = 0;
        loop {
            match self.peek(0) {
                b' ' => width += 1,
                b'\t' => width = (width / 8 + 1) * 8,
                b'\x0c' => width = 0,
                _ => return width,
            }
            self.pos += 1;
        }
    }

    fn skip_word(&mut self) {
        while self.pos < self.src.len() {
            let c = self.peek(0);
            if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Skip a string literal starting at the quote under the cursor.
    fn string(&mut self, raw: bool) {
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.pos += if triple { 3 } else { 1 };
        while self.pos < self.src.len() {
            let c = self.peek(0);
            if c == b'\\' {
                self.pos += 2;
                continue;
            }
            if c == q {
                if !triple {
                    self.pos += 1;
                    return;
                }
                if self.peek(1) == q && self.peek(2) == q {
                    self.pos += 3;
                    return;
                }
            }
            if c == b'\n' && !triple {
                // Unterminated: the parser reports it.
                return;
            }
            self.pos += 1;
        }
        let _ = raw;
    }

    /// A number literal; a decimal integer may not have more than 4300 digits.
    fn number(&mut self) -> Option<(u32, String)> {
        let start = self.pos;
        if self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            self.pos += 2;
            self.skip_word();
            return None;
        }
        let mut digits = 0;
        while self.peek(0).is_ascii_digit() || self.peek(0) == b'_' {
            digits += self.peek(0).is_ascii_digit() as usize;
            self.pos += 1;
        }
        let next = self.peek(0);
        if matches!(next, b'.' | b'e' | b'E' | b'j' | b'J') {
            // A float or an imaginary number: not limited.
            self.pos += 1;
            while self.peek(0).is_ascii_alphanumeric() || matches!(self.peek(0), b'_' | b'.') {
                let c = self.peek(0);
                self.pos += 1;
                if matches!(c, b'e' | b'E') && matches!(self.peek(0), b'+' | b'-') {
                    self.pos += 1;
                }
            }
            return None;
        }
        if digits > MAX_DIGITS {
            return Some((
                start as u32,
                format!(
                    "SyntaxError: Exceeds the limit ({MAX_DIGITS} digits) for integer string conversion: value has \
                     {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal \
                     for huge integer literals to avoid decimal conversion limits."
                ),
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn brackets_strings_and_comments() {
        let deep = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
        assert_eq!(check(&deep), Some((204, "SyntaxError: too many nested parentheses".into())));
        let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
        assert_eq!(check(&ok), None);
        let quoted = format!("x = '{}' # {}\ny = \"\"\"{}\"\"\"\n", "(".repeat(300), "[".repeat(300), "{".repeat(300));
        assert_eq!(check(&quoted), None);
    }

    #[test]
    fn indentation_levels() {
        let nest = |n: usize| (0..n).map(|i| format!("{}if 1:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(n) + "pass\n";
        assert_eq!(check(&nest(99)), None);
        let (at, msg) = check(&nest(100)).unwrap();
        assert_eq!(msg, "IndentationError: too many levels of indentation");
        assert_eq!(at as usize, nest(100).rfind("\n ").unwrap() + 1);
    }

    #[test]
    fn integer_digits_and_nul() {
        assert_eq!(check(&format!("x = {}\n", "7".repeat(4300))), None);
        assert!(check(&format!("x = {}\n", "7".repeat(4301))).unwrap().1.contains("value has 4301 digits"));
        assert_eq!(check(&format!("x = {}.5 + 0x{}\n", "7".repeat(5000), "f".repeat(5000))), None);
        assert_eq!(check("a = 1\nb = 2\0\n").map(|e| e.0), Some(11));
    }
}
