//! The language front end: parse (with ruff's parser), analyse scopes, generate bytecode.
//!
//! `compile` turns a program's text into the `Code` of its module, or a `CompileError`
//! that reads like Python's own (`prog.py:4:5: SyntaxError: 'break' outside loop`, or
//! `prog.py:4:1: relative imports are not supported` for a construct outside the subset).

pub mod code;
mod codegen;
mod lexical;
mod scope;
mod source;

use std::fmt;
use std::rc::Rc;

pub use code::Code;
pub use source::LineIndex;

/// A program that cannot run: a syntax error or a construct outside the subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The line (1-based).
    pub line: u32,
    /// The column (1-based).
    pub col: u32,
    /// CPython's message, with its type (`SyntaxError: invalid syntax`).
    pub message: String,
}

impl CompileError {
    /// `file:line:col: message`, the format of the command line and the editor.
    pub fn render(&self, filename: &str) -> String {
        format!("{}:{}:{}: {}", filename, self.line, self.col, self.message)
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Parse and compile a module.
pub fn compile(source: &str, filename: &str) -> Result<Rc<Code>, CompileError> {
    compile_with(source, filename, false)
}

/// Compile runtime-internal Python (hidden from tracebacks and the timeline).
pub fn compile_internal(source: &str, filename: &str) -> Result<Rc<Code>, CompileError> {
    compile_with(source, filename, true)
}

thread_local! {
    /// Compiled runtime preludes, by file name. `Code` is immutable, so every run on this
    /// thread shares one copy; `Rc` is not `Send`, hence one cache per thread (the
    /// browser's worker is single-threaded, the native test harness is not).
    static INTERNAL_CODE: std::cell::RefCell<std::collections::HashMap<&'static str, Rc<Code>>> =
        Default::default();
    /// How many times `compile_internal_once` had to compile (for tests).
    static INTERNAL_COMPILATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Compile a runtime prelude the first time this thread asks for `filename`, and reuse
/// the code afterwards: a run should not pay for parsing the runtime's own Python.
/// Each `filename` must always come with the same `source`.
pub fn compile_internal_once(source: &'static str, filename: &'static str) -> Result<Rc<Code>, CompileError> {
    if let Some(code) = INTERNAL_CODE.with(|c| c.borrow().get(filename).cloned()) {
        return Ok(code);
    }
    let code = compile_internal(source, filename)?;
    INTERNAL_COMPILATIONS.with(|n| n.set(n.get() + 1));
    INTERNAL_CODE.with(|c| c.borrow_mut().insert(filename, code.clone()));
    Ok(code)
}

/// How many preludes this thread has compiled so far (each is compiled once).
pub fn internal_compilations() -> usize {
    INTERNAL_COMPILATIONS.with(|n| n.get())
}

/// The compile budget, in bytes of source: parsing and compiling cost time and memory in
/// proportion to the program, outside the run's step and memory budgets (a playground
/// program is a few kilobytes; a share link carries at most 512 KiB).
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;

/// The compile budget, in tokens: what code generation walks (a 200,000-entry dict
/// literal is 800,000).
pub const MAX_TOKENS: usize = 2_000_000;

fn over_budget(what: String) -> CompileError {
    CompileError {
        line: 1,
        col: 1,
        message: format!("the program is {what} (the compile budget), so Interleave does not compile it"),
    }
}

fn compile_with(source: &str, filename: &str, internal: bool) -> Result<Rc<Code>, CompileError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(over_budget(format!("{} bytes long, more than {MAX_SOURCE_BYTES}", source.len())));
    }
    let lines = LineIndex::new(source);
    let options = ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
        .with_target_version(ruff_python_ast::PythonVersion::PY311);
    // A limit of CPython's tokenizer is reported unless the parser fails earlier.
    let limit = lexical::check(source);
    let at = |offset: u32, message: String| {
        let (line, col) = lines.line_col(offset);
        CompileError { line, col, message }
    };
    let parsed = match ruff_python_parser::parse(source, options) {
        Ok(p) => p,
        Err(e) => {
            let offset = e.location.start().to_u32();
            return Err(match limit {
                Some((l, m)) if l <= offset => at(l, m),
                _ => at(offset, parse_error_message(&e.error)),
            });
        }
    };
    if let Some((l, m)) = limit {
        return Err(at(l, m));
    }
    if parsed.tokens().len() > MAX_TOKENS {
        return Err(over_budget(format!("{} tokens long, more than {MAX_TOKENS}", parsed.tokens().len())));
    }
    if let Some(e) = parsed.unsupported_syntax_errors().first() {
        let (line, col) = lines.line_col(e.range.start().to_u32());
        return Err(CompileError { line, col, message: e.to_string() });
    }
    let module = match parsed.into_syntax() {
        ruff_python_ast::Mod::Module(m) => m,
        ruff_python_ast::Mod::Expression(_) => unreachable!("parsed in module mode"),
    };
    let scopes = scope::ScopeTable::build(&module.body).map_err(|e| {
        let (line, col) = lines.line_col(e.offset);
        CompileError { line, col, message: format!("SyntaxError: {}", e.message) }
    })?;
    codegen::Compiler::new(&scopes, &lines, filename, internal).compile_module(&module.body)
}

/// CPython's message for what ruff's parser found where CPython words it differently;
/// otherwise ruff's own message, which is often more specific than "invalid syntax".
fn parse_error_message(e: &ruff_python_parser::ParseErrorType) -> String {
    use ruff_python_parser::{LexicalErrorType, ParseErrorType};
    match e {
        // The tokenizer's `verify_identifier`: a character that cannot be in a name.
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) if !tok.is_ascii() => {
            format!("SyntaxError: invalid character '{tok}' (U+{:04X})", *tok as u32)
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { .. }) => "SyntaxError: invalid syntax".into(),
        other => syntax_message(&other.to_string()),
    }
}

/// Python says "invalid syntax"; ruff's messages are more specific, which is better, but
/// keep them in Python's voice (lower-case start, no trailing period).
fn syntax_message(msg: &str) -> String {
    let m = msg.trim_end_matches('.');
    format!("SyntaxError: {m}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_constructs_are_named_with_their_place() {
        let err = compile("x = 1\nfrom . import y\n", "prog.py").unwrap_err();
        assert_eq!(err.render("prog.py"), "prog.py:2:1: relative imports are not supported");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err = compile("def f(:\n    pass\n", "prog.py").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.starts_with("SyntaxError"), "{}", err.message);
    }

    #[test]
    fn generator_syntax_in_the_wrong_place_is_refused_as_cpython_does() {
        let cases: &[(&str, &str, (u32, u32))] = &[
            ("yield 1\n", "'yield' outside function", (1, 1)),
            ("class A:\n    yield 1\n", "'yield' outside function", (2, 5)),
            ("def f():\n    return [(yield x) for x in y]\n", "'yield' inside list comprehension", (2, 14)),
            ("async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator", (3, 5)),
            ("async def f():\n    yield from g()\n", "'yield from' inside async function", (2, 5)),
            ("def f():\n    async for x in y: pass\n", "'async for' outside async function", (2, 5)),
            ("def f():\n    async with x: pass\n", "'async with' outside async function", (2, 5)),
            (
                "def f():\n    return [await x for x in y]\n",
                "asynchronous comprehension outside of an asynchronous function",
                (2, 12),
            ),
        ];
        for (src, msg, at) in cases {
            let err = compile(src, "prog.py").unwrap_err();
            assert_eq!((err.message.as_str(), (err.line, err.col)), (format!("SyntaxError: {msg}").as_str(), *at), "{src}");
        }
        // An asynchronous generator expression is allowed in any function (3.11).
        assert!(compile("def f():\n    return (await x for x in y)\n", "prog.py").is_ok());
    }

    #[test]
    fn await_outside_async_is_refused() {
        let err = compile("def f():\n    await g()\n", "prog.py").unwrap_err();
        assert_eq!(err.message, "SyntaxError: 'await' outside async function");
        assert_eq!((err.line, err.col), (2, 5));
        let err = compile("x = 1\nawait g()\n", "prog.py").unwrap_err();
        assert_eq!((err.message.as_str(), err.line, err.col), ("SyntaxError: 'await' outside function", 2, 1));
    }
}
