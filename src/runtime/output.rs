//! Program output, split into lines and stamped with the virtual time at which each
//! line's first character was written (the oracle's `--stamp` rule).

/// The trace's stream type is the runtime's: a line is recorded as it is written.
pub use crate::trace::Stream;

/// One finished line of output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputLine {
    /// Which stream.
    pub stream: Stream,
    /// Virtual time of the line's first character.
    pub time: f64,
    /// The line, without its newline.
    pub text: String,
}

/// What the program printed, split into lines with their virtual times.
#[derive(Debug, Default)]
pub struct Output {
    /// Finished lines, in order.
    pub lines: Vec<OutputLine>,
    /// Unfinished lines per stream: (time of first character, text).
    partial: [Option<(f64, String)>; 2],
}

impl Output {
    /// Append text; returns the lines it completed.
    pub fn write(&mut self, stream: Stream, text: &str, now: f64) -> Vec<String> {
        let slot = stream as usize;
        let mut done = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let (piece, newline) = match rest.find('\n') {
                Some(i) => (&rest[..i], true),
                None => (rest, false),
            };
            let entry = self.partial[slot].get_or_insert_with(|| (now, String::new()));
            entry.1.push_str(piece);
            if newline {
                let (time, text) = self.partial[slot].take().expect("partial line");
                done.push(text.clone());
                self.lines.push(OutputLine { stream, time, text });
                rest = &rest[piece.len() + 1..];
            } else {
                rest = "";
            }
        }
        done
    }

    /// End of run: a final partial line counts as a line.
    pub fn flush(&mut self) -> Vec<String> {
        let mut done = Vec::new();
        for (slot, stream) in [(0, Stream::Stdout), (1, Stream::Stderr)] {
            if let Some((time, text)) = self.partial[slot].take() {
                done.push(text.clone());
                self.lines.push(OutputLine { stream, time, text });
            }
        }
        done
    }

    /// Standard output lines, `[%8.3f] text` when stamped.
    pub fn render_stdout(&self, stamp: bool) -> String {
        let mut s = String::new();
        for l in self.lines.iter().filter(|l| l.stream == Stream::Stdout) {
            if stamp {
                s.push_str(&format!("[{:8.3}] ", l.time));
            }
            s.push_str(&l.text);
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_stamped_by_their_first_character() {
        let mut o = Output::default();
        o.write(Stream::Stdout, "a", 0.0);
        o.write(Stream::Stdout, "b\nc\n", 1.5);
        o.write(Stream::Stdout, "tail", 2.0);
        o.flush();
        assert_eq!(o.render_stdout(true), "[   0.000] ab\n[   1.500] c\n[   2.000] tail\n");
    }
}

/// The class `_io.TextIOWrapper` of `sys.stdout` and `sys.stderr`.
pub fn register_class(vm: &mut crate::vm::Vm) {
    let class = crate::vm::types::new_class("TextIOWrapper", "_io", vec![vm.types.object.clone()], None);
    vm.register_native_class("_io.TextIOWrapper", class, None);
}

/// `sys.stdout` / `sys.stderr`: a `TextIOWrapper` whose `write` goes to the run's output
/// (stamped like `print`'s) and whose `flush` does nothing (output is never buffered).
pub struct StdStream(pub Stream);

impl crate::vm::native::NativeObject for StdStream {
    fn class_key(&self) -> &'static str {
        "_io.TextIOWrapper"
    }
    fn method(&self, name: &str) -> Option<(&'static str, crate::vm::value::NativeFn)> {
        use crate::vm::native::{m, recv};
        use crate::vm::value::Value;
        Some(match name {
            "write" => m("write", |vm, a| {
                let to_err = matches!(recv(&a).native::<StdStream>(), Some(StdStream(Stream::Stderr)));
                let text = match a.pos.get(1) {
                    Some(Value::Str(s)) => s.clone(),
                    Some(v) => {
                        let tn = vm.type_name(v);
                        return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
                    }
                    None => return Err(vm.type_error("write() takes exactly one argument (0 given)")),
                };
                vm.write_output(&text, to_err);
                Ok(Value::Int(text.chars().count() as i64))
            }),
            "flush" => m("flush", |_vm, _a| Ok(Value::None)),
            _ => return None,
        })
    }
    fn repr(&self, _vm: &mut crate::vm::Vm, _me: &crate::vm::value::Value) -> crate::vm::PyResult<String> {
        let name = if self.0 == Stream::Stdout { "stdout" } else { "stderr" };
        Ok(format!("<_io.TextIOWrapper name='<{name}>' mode='w' encoding='utf-8'>"))
    }
}
