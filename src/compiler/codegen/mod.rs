//! Code generation: AST → `Code`. `statement.rs` and `expression.rs` mirror the AST.
//!
//! Each function-like body is compiled by its own `Unit`. Control flow that leaves a
//! block early (`return`, `break`, `continue`) unwinds the open blocks at compile time,
//! inlining `finally` bodies and `__exit__` calls, as CPython's compiler does.

mod expression;
mod forbidden;
mod pattern;
mod statement;

use super::code::{Code, CodeKind, Const, Instr};
use super::scope::{NameRef, Scope, ScopeKey, ScopeTable};
use super::source::LineIndex;
use super::CompileError;
use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;
use std::rc::Rc;

/// An open block that early exits must unwind.
enum FBlock<'a> {
    /// A `for` (the iterator is on the stack) or `while` loop.
    Loop { is_for: bool, continue_target: u32, breaks: Vec<usize> },
    /// The body of a `try` with `except` handlers (a handler block is set up).
    TryExcept,
    /// The body of a `try` with `finally` (a handler block is set up).
    TryFinally { finalbody: &'a [Stmt] },
    /// Inside a `finally` entered by an exception (which sits on the stack).
    FinallyHandler,
    /// Inside an `except` handler (the handled exception is "current").
    Handler { name: Option<String> },
    /// Inside an `except*` clause: the group bookkeeping sits on the stack.
    StarHandler { name: Option<String> },
    /// The body of a `with` (the `__exit__` is on the stack under the handler block).
    With { is_async: bool },
}

/// The code object being built for one scope.
struct Unit<'a> {
    scope: Scope,
    kind: CodeKind,
    name: Rc<str>,
    qualname: Rc<str>,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Const>,
    names: Vec<Rc<str>>,
    name_index: HashMap<String, u32>,
    /// Where each shared simple constant is in `consts` (a hash, not a search: a
    /// 200,000-entry dict literal has 400,000 constants).
    const_index: HashMap<ConstKey, u32>,
    line: u32,
    first_line: u32,
    fblocks: Vec<FBlock<'a>>,
    /// The docstring of a function body (`Code::doc`).
    doc: Option<Rc<str>>,
}

pub struct Compiler<'a> {
    scopes: &'a ScopeTable,
    lines: &'a LineIndex,
    filename: Rc<str>,
    internal: bool,
    units: Vec<Unit<'a>>,
    /// Expression nesting, bounded so deep programs get an error, not a stack overflow.
    depth: usize,
}

/// Deepest expression nesting the compiler accepts.
const MAX_NESTING: usize = 400;

/// A constant `add_const` shares: equal ones get one slot.
#[derive(PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    Str(Rc<str>),
}

impl<'a> Compiler<'a> {
    pub fn new(scopes: &'a ScopeTable, lines: &'a LineIndex, filename: &str, internal: bool) -> Self {
        Compiler { scopes, lines, filename: filename.into(), internal, units: Vec::new(), depth: 0 }
    }

    pub fn compile_module(mut self, body: &'a [Stmt]) -> Result<Rc<Code>, CompileError> {
        let scope = self.scopes.get(super::scope::MODULE_KEY).clone();
        self.push_unit(scope, CodeKind::Module, "<module>", "<module>", 1);
        self.store_docstring(body);
        self.setup_annotations(body);
        for s in body {
            self.stmt(s)?;
        }
        self.emit_const(Const::None);
        self.emit(Instr::Return);
        Ok(self.pop_unit(0, 0, false, false))
    }

    // ── units ──

    fn push_unit(&mut self, scope: Scope, kind: CodeKind, name: &str, qualname: &str, line: u32) {
        self.units.push(Unit {
            scope,
            kind,
            name: name.into(),
            qualname: qualname.into(),
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            const_index: HashMap::new(),
            line,
            first_line: line,
            fblocks: Vec::new(),
            doc: None,
        });
    }

    fn pop_unit(&mut self, argcount: u32, kwonly: u32, varargs: bool, varkw: bool) -> Rc<Code> {
        let u = self.units.pop().expect("unit");
        let varnames: Vec<Rc<str>> = u.scope.varnames.iter().map(|s| Rc::from(s.as_str())).collect();
        // A parameter captured by an inner function starts life in a cell.
        let nparams = (argcount + kwonly + varargs as u32 + varkw as u32) as usize;
        let cell_params = u
            .scope
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                let slot = u.scope.varnames[..nparams.min(u.scope.varnames.len())].iter().position(|v| v == c)?;
                Some((ci as u32, slot as u32))
            })
            .collect();
        Rc::new(Code {
            name: u.name,
            qualname: u.qualname,
            kind: u.kind,
            instrs: u.instrs,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            varnames,
            cellvars: u.scope.cellvars.iter().map(|s| Rc::from(s.as_str())).collect(),
            freevars: u.scope.freevars.iter().map(|s| Rc::from(s.as_str())).collect(),
            cell_params,
            argcount,
            kwonlyargcount: kwonly,
            has_varargs: varargs,
            has_varkw: varkw,
            filename: self.filename.clone(),
            first_line: u.first_line,
            internal: self.internal,
            is_generator: u.scope.generator,
            is_async: u.kind == CodeKind::AsyncFunction || (u.kind == CodeKind::Comprehension && u.scope.awaits),
            iterable_coroutine: false,
            doc: u.doc,
        })
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("unit")
    }

    fn scope(&self) -> &Scope {
        &self.units.last().expect("unit").scope
    }

    fn scope_for(&self, key: ScopeKey) -> Scope {
        self.scopes.get(key).clone()
    }

    fn qualname_for(&self, name: &str) -> String {
        let u = self.units.last().expect("unit");
        match u.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::ClassBody => format!("{}.{}", u.qualname, name),
            _ => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    // ── emitting ──

    fn emit(&mut self, i: Instr) -> usize {
        let u = self.unit();
        u.instrs.push(i);
        u.lines.push(u.line);
        u.instrs.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.unit().instrs.len() as u32
    }

    /// Point the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let u = self.unit();
        u.instrs[at] = match u.instrs[at] {
            Instr::Jump(_) => Instr::Jump(target),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
            Instr::ForIter(_) => Instr::ForIter(target),
            Instr::SetupExcept(_) => Instr::SetupExcept(target),
            Instr::SetupFinally(_) => Instr::SetupFinally(target),
            Instr::Send(_) => Instr::Send(target),
            other => other,
        };
    }

    fn add_const(&mut self, c: Const) -> u32 {
        let u = self.unit();
        // Share simple constants; code objects and names are always new.
        let key = match &c {
            Const::None => Some(ConstKey::None),
            Const::Bool(b) => Some(ConstKey::Bool(*b)),
            Const::Int(i) => Some(ConstKey::Int(*i)),
            Const::Str(s) => Some(ConstKey::Str(s.clone())),
            _ => None,
        };
        if let Some(&i) = key.as_ref().and_then(|k| u.const_index.get(k)) {
            return i;
        }
        u.consts.push(c);
        let i = (u.consts.len() - 1) as u32;
        if let Some(k) = key {
            u.const_index.insert(k, i);
        }
        i
    }

    fn emit_const(&mut self, c: Const) -> usize {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i))
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        u.names.push(name.into());
        let i = (u.names.len() - 1) as u32;
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn set_line(&mut self, range: TextRange) -> u32 {
        let line = self.lines.line_col(range.start().to_u32()).0;
        std::mem::replace(&mut self.unit().line, line)
    }

    fn restore_line(&mut self, line: u32) {
        self.unit().line = line;
    }

    // ── names ──

    fn load_name(&mut self, name: &str) {
        // `__debug__` is the constant True (CPython folds it the same way).
        if name == "__debug__" {
            self.emit_const(Const::Bool(true));
            return;
        }
        let r = self.scope().lookup(name);
        let i = match r {
            NameRef::Fast(i) => Instr::LoadFast(i),
            NameRef::Deref(i) => Instr::LoadDeref(i),
            NameRef::Global => Instr::LoadGlobal(self.name_idx(name)),
            NameRef::Name => Instr::LoadName(self.name_idx(name)),
        };
        self.emit(i);
    }

    fn store_name(&mut self, name: &str) {
        let r = self.scope().lookup(name);
        let i = match r {
            NameRef::Fast(i) => Instr::StoreFast(i),
            NameRef::Deref(i) => Instr::StoreDeref(i),
            NameRef::Global => Instr::StoreGlobal(self.name_idx(name)),
            NameRef::Name => Instr::StoreName(self.name_idx(name)),
        };
        self.emit(i);
    }

    fn delete_name(&mut self, name: &str) {
        let r = self.scope().lookup(name);
        let i = match r {
            NameRef::Fast(i) => Instr::DeleteFast(i),
            NameRef::Deref(i) => {
                // Deleting a cell: store an unbound marker by storing None is not exact;
                // the VM treats `DeleteFast` on cells through `StoreDeref` of nothing.
                self.emit_const(Const::None);
                Instr::StoreDeref(i)
            }
            NameRef::Global => Instr::DeleteGlobal(self.name_idx(name)),
            NameRef::Name => Instr::DeleteName(self.name_idx(name)),
        };
        self.emit(i);
    }

    /// Emit the closure tuple for a nested scope; returns whether it has one.
    fn emit_closure(&mut self, inner: &Scope) -> bool {
        if inner.freevars.is_empty() {
            return false;
        }
        for name in inner.freevars.clone() {
            let idx = self.scope().closure_index(&name).expect("free variable resolved in enclosing scope");
            self.emit(Instr::LoadClosure(idx));
        }
        self.emit(Instr::BuildTuple(inner.freevars.len() as u32));
        true
    }

    fn error(&self, range: TextRange, message: impl Into<String>) -> CompileError {
        let (line, col) = self.lines.line_col(range.start().to_u32());
        CompileError { line, col, message: message.into() }
    }

    /// May code here await: inside an `async def` (directly, or in comprehensions within
    /// one), or in a generator expression (which an `await` makes an async generator,
    /// anywhere), as CPython 3.11's compiler allows.
    fn in_async_function(&self) -> bool {
        for u in self.units.iter().rev() {
            match u.kind {
                CodeKind::Comprehension if &*u.name == "<genexpr>" => return true,
                CodeKind::Comprehension => continue,
                k => return k == CodeKind::AsyncFunction,
            }
        }
        false
    }

    /// Open a block, refusing more than CPython's 20 (`CO_MAXBLOCKS`): "too many
    /// statically nested blocks", reported where the block starts. An `except` clause
    /// counts twice, as CPython's handler and its cleanup do.
    fn push_fblock(&mut self, b: FBlock<'a>, at: TextRange) -> Result<(), CompileError> {
        const MAX_BLOCKS: usize = 20;
        let weight = |b: &FBlock| match b {
            FBlock::Handler { .. } | FBlock::StarHandler { .. } => 2,
            _ => 1,
        };
        let used: usize = self.units.last().expect("unit").fblocks.iter().map(weight).sum();
        if used + weight(&b) > MAX_BLOCKS {
            return Err(self.syntax_error(at, "too many statically nested blocks"));
        }
        self.unit().fblocks.push(b);
        Ok(())
    }

    /// A `SyntaxError` at `range`, worded as CPython's.
    fn syntax_error(&self, range: TextRange, message: impl Into<String>) -> CompileError {
        self.error(range, format!("SyntaxError: {}", message.into()))
    }

    fn unsupported(&self, node: &impl Ranged, what: &str) -> CompileError {
        self.error(node.range(), format!("{what} are not supported"))
    }
}
