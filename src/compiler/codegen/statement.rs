//! Statements.

use super::{Compiler, FBlock};
use crate::compiler::code::{self, make_fn, CodeKind, Const, Instr, RaiseKind};
use crate::compiler::scope::key_of;
use crate::compiler::CompileError;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    pub(super) fn body(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &'a Stmt) -> R {
        let saved = self.set_line(s.range());
        let r = self.stmt_inner(s);
        self.restore_line(saved);
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> R {
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Instr::Pop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.assign_target(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.assign_target(&a.target)?;
                }
                // At module and class level CPython evaluates a simple name's annotation
                // and stores it in `__annotations__` (dataclasses read it); in a function
                // body annotations are not evaluated.
                if let (Expr::Name(n), true, CodeKind::Module | CodeKind::ClassBody) = (a.target.as_ref(), a.simple, self.unit().kind) {
                    self.expr(&a.annotation)?;
                    self.load_name("__annotations__");
                    self.emit_const(Const::Str(n.id.as_str().into()));
                    self.emit(Instr::StoreSubscript);
                }
            }
            Stmt::Pass(_) => {}
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => self.break_continue(b, true)?,
            Stmt::Continue(c) => self.break_continue(c, false)?,
            Stmt::Return(r) => {
                if !matches!(self.unit().kind, CodeKind::Function | CodeKind::AsyncFunction) {
                    return Err(self.syntax_error(r.range, "'return' outside function"));
                }
                match &r.value {
                    Some(_) if self.unit().kind == CodeKind::AsyncFunction && self.scope().generator => {
                        return Err(self.syntax_error(r.range, "'return' with value in async generator"));
                    }
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit_const(Const::None);
                    }
                }
                // CPython reports it at the returned value, which it has just compiled.
                let at = r.value.as_ref().map_or(r.range, |v| v.range());
                self.check_except_star_exit(0, at)?;
                self.unwind_all(true)?;
                self.emit(Instr::Return);
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.as_str();
                    let bound = a.asname.as_ref().map_or(full.split('.').next().unwrap_or(full), |n| n.as_str());
                    self.forbid_name(bound, i.range, false)?;
                    let idx = self.name_idx(full);
                    self.emit(Instr::ImportName(idx));
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b as c` binds the submodule.
                            for part in full.split('.').skip(1) {
                                let p = self.name_idx(part);
                                self.emit(Instr::LoadAttr(p));
                            }
                            self.store_name(asname.as_str());
                        }
                        None => {
                            let top = full.split('.').next().unwrap_or(full).to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return Err(self.unsupported(i, "relative imports"));
                }
                let module = i.module.as_ref().map(|m| m.as_str()).unwrap_or("");
                let idx = self.name_idx(module);
                self.emit(Instr::ImportName(idx));
                // `from a.b import c` takes names from the submodule `a.b`.
                for part in module.split('.').skip(1) {
                    let p = self.name_idx(part);
                    self.emit(Instr::LoadAttr(p));
                }
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        return Err(self.unsupported(a, "'from ... import *' statements"));
                    }
                    let n = self.name_idx(a.name.as_str());
                    self.emit(Instr::ImportFrom(n));
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.forbid_name(bound.as_str(), i.range, false)?;
                    self.store_name(bound.as_str());
                }
                self.emit(Instr::Pop);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Raise(r) => {
                let kind = match (&r.exc, &r.cause) {
                    (None, _) => RaiseKind::Bare,
                    (Some(e), None) => {
                        self.expr(e)?;
                        RaiseKind::Exc
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        RaiseKind::ExcFrom
                    }
                };
                self.emit(Instr::Raise(kind));
            }
            Stmt::Try(t) => {
                if t.is_star {
                    self.try_star(t)?
                } else if t.finalbody.is_empty() {
                    self.try_except(t)?
                } else {
                    self.try_finally(t)?
                }
            }
            Stmt::With(w) => self.with_stmt(w, 0)?,
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let j = self.emit(Instr::PopJumpIfTrue(0));
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(RaiseKind::Exc));
                self.patch(j);
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
            }
            Stmt::Match(m) => self.match_stmt(m)?,
            Stmt::TypeAlias(t) => return Err(self.unsupported(t, "'type' alias statements")),
            Stmt::IpyEscapeCommand(c) => return Err(self.syntax_error(c.range, "invalid syntax")),
        }
        Ok(())
    }

    // ── assignment ──

    pub(super) fn assign_target(&mut self, t: &'a Expr) -> R {
        match t {
            Expr::Name(n) => {
                self.forbid_name(n.id.as_str(), n.range, false)?;
                self.store_name(n.id.as_str())
            }
            Expr::Attribute(a) => {
                self.forbid_name(a.attr.as_str(), a.range, false)?;
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.as_str());
                self.emit(Instr::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::StoreSubscript);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                if elts.iter().filter(|e| matches!(e, Expr::Starred(_))).count() > 1 {
                    return Err(self.syntax_error(t.range(), "multiple starred expressions in assignment"));
                }
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => {
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                    Some(i) => {
                        let after = elts.len() - i - 1;
                        self.emit(Instr::UnpackEx(i as u32, after as u32));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.assign_target(&s.value)?,
                        other => self.assign_target(other)?,
                    }
                }
            }
            Expr::Starred(s) => return Err(self.syntax_error(s.range, "starred assignment target must be in a list or tuple")),
            other => return Err(self.syntax_error(other.range(), "cannot assign to expression")),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> R {
        match t {
            Expr::Name(n) => {
                self.forbid_name(n.id.as_str(), n.range, true)?;
                self.delete_name(n.id.as_str())
            }
            Expr::Attribute(a) => {
                self.forbid_name(a.attr.as_str(), a.range, true)?;
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.as_str());
                self.emit(Instr::DeleteAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::DeleteSubscript);
            }
            Expr::Tuple(tu) => {
                for e in &tu.elts {
                    self.delete_target(e)?;
                }
            }
            other => return Err(self.syntax_error(other.range(), "cannot delete expression")),
        }
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> R {
        let op = super::expression::binop(a.op);
        match a.target.as_ref() {
            Expr::Name(n) if n.id.as_str() == "__debug__" => self.forbid_name("__debug__", n.range, false)?,
            Expr::Attribute(at) if at.attr.as_str() == "__debug__" => self.forbid_name("__debug__", at.range, false)?,
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                self.expr(&a.value)?;
                self.emit(Instr::InPlace(op));
                self.store_name(n.id.as_str());
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::Dup);
                let i = self.name_idx(at.attr.as_str());
                self.emit(Instr::LoadAttr(i));
                self.expr(&a.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::DupTwo);
                self.emit(Instr::Subscript);
                self.expr(&a.value)?;
                self.emit(Instr::InPlace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscript);
            }
            other => return Err(self.syntax_error(other.range(), "illegal expression for augmented assignment")),
        }
        Ok(())
    }

    // ── control flow ──

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> R {
        let mut ends = Vec::new();
        self.expr(&i.test)?;
        let mut next = self.emit(Instr::PopJumpIfFalse(0));
        self.body(&i.body)?;
        for clause in &i.elif_else_clauses {
            ends.push(self.emit(Instr::Jump(0)));
            self.patch(next);
            match &clause.test {
                Some(t) => {
                    let saved = self.set_line(t.range());
                    self.expr(t)?;
                    next = self.emit(Instr::PopJumpIfFalse(0));
                    self.restore_line(saved);
                    self.body(&clause.body)?;
                }
                None => {
                    next = usize::MAX;
                    self.body(&clause.body)?;
                }
            }
        }
        if next != usize::MAX {
            self.patch(next);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> R {
        let start = self.here();
        self.expr(&w.test)?;
        let exit = self.emit(Instr::PopJumpIfFalse(0));
        self.push_fblock(FBlock::Loop { is_for: false, continue_target: start, breaks: Vec::new() }, w.range)?;
        self.body(&w.body)?;
        self.emit(Instr::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.pop() else { unreachable!() };
        self.patch(exit);
        self.body(&w.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> R {
        if f.is_async && !self.in_async_function() {
            return Err(self.syntax_error(f.range, "'async for' outside async function"));
        }
        self.expr(&f.iter)?;
        self.emit(if f.is_async { Instr::GetAIter } else { Instr::GetIter });
        let start = self.here();
        // `async for`: await `__anext__()` under a handler that ends the loop on
        // StopAsyncIteration (CPython's `END_ASYNC_FOR`).
        let exit = if f.is_async {
            let setup = self.emit(Instr::SetupExcept(0));
            self.emit(Instr::GetANext);
            self.emit(Instr::Await);
            self.emit(Instr::PopBlock);
            setup
        } else {
            self.emit(Instr::ForIter(0))
        };
        self.assign_target(&f.target)?;
        self.push_fblock(FBlock::Loop { is_for: true, continue_target: start, breaks: Vec::new() }, f.range)?;
        self.body(&f.body)?;
        self.emit(Instr::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.pop() else { unreachable!() };
        self.patch(exit);
        if f.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        self.body(&f.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn break_continue(&mut self, node: &impl Ranged, is_break: bool) -> R {
        let loop_at = self.unit().fblocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. }));
        // Leaving an `except*` clause is refused before a missing loop is (CPython meets
        // the clause first while unwinding).
        self.check_except_star_exit(loop_at.map_or(0, |l| l + 1), node.range())?;
        let Some(loop_at) = loop_at else {
            let msg = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(self.syntax_error(node.range(), msg));
        };
        self.unwind_to(loop_at + 1, false)?;
        let fb = &self.unit().fblocks[loop_at];
        let FBlock::Loop { is_for, continue_target, .. } = *fb else { unreachable!() };
        if is_break {
            if is_for {
                self.emit(Instr::Pop);
            }
            let j = self.emit(Instr::Jump(0));
            if let FBlock::Loop { breaks, .. } = &mut self.unit().fblocks[loop_at] {
                breaks.push(j);
            }
        } else {
            self.emit(Instr::Jump(continue_target));
        }
        Ok(())
    }

    /// `break`, `continue` and `return` may not leave an `except*` clause (the blocks above
    /// `depth`): CPython 3.11's `compiler_unwind_fblock` refuses them.
    fn check_except_star_exit(&self, depth: usize, at: TextRange) -> R {
        let blocks = &self.units.last().expect("unit").fblocks;
        if blocks.iter().skip(depth).any(|b| matches!(b, FBlock::StarHandler { .. })) {
            return Err(self.syntax_error(at, "'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        Ok(())
    }

    /// Unwind every open block (for `return`); the return value is on TOS.
    fn unwind_all(&mut self, preserve_tos: bool) -> R {
        self.unwind_to(0, preserve_tos)
    }

    /// Emit the exit code of the blocks above `depth` (innermost first), without popping
    /// them from the compile-time stack (the code after the jump still lies inside them).
    fn unwind_to(&mut self, depth: usize, preserve_tos: bool) -> R {
        let mut i = self.unit().fblocks.len();
        while i > depth {
            i -= 1;
            // Temporarily cut the block stack so code inlined here sees the outer blocks.
            let rest: Vec<FBlock<'a>> = self.unit().fblocks.drain(i..).collect();
            let r = self.unwind_one(&rest[0], preserve_tos);
            self.unit().fblocks.extend(rest);
            r?;
        }
        Ok(())
    }

    fn unwind_one(&mut self, b: &FBlock<'a>, preserve_tos: bool) -> R {
        match b {
            FBlock::Loop { is_for, .. } => {
                // Only `return` unwinds through a loop; its iterator is on the stack.
                if *is_for {
                    if preserve_tos {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::Pop);
                }
            }
            FBlock::TryExcept => {
                self.emit(Instr::PopBlock);
            }
            FBlock::TryFinally { finalbody } => {
                self.emit(Instr::PopBlock);
                self.body(finalbody)?;
            }
            FBlock::FinallyHandler => {
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit(Instr::Pop);
                self.emit(Instr::PopExcept);
            }
            FBlock::Handler { name } => {
                self.emit(Instr::PopExcept);
                if let Some(n) = name.clone() {
                    self.emit_const(Const::None);
                    self.store_name(&n);
                }
            }
            FBlock::StarHandler { name } => {
                // Drop the (orig, raised, rest) bookkeeping.
                for _ in 0..3 {
                    if preserve_tos {
                        self.emit(Instr::Rot2);
                    }
                    self.emit(Instr::Pop);
                }
                // The clause's handler block, the matched group and the original group.
                self.emit(Instr::PopBlock);
                self.emit(Instr::PopExcept);
                self.emit(Instr::PopExcept);
                if let Some(n) = name.clone() {
                    self.emit_const(Const::None);
                    self.store_name(&n);
                }
            }
            FBlock::With { is_async } => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Rot2);
                }
                self.emit_const(Const::None);
                self.emit(Instr::WithExit(0));
                if *is_async {
                    self.emit(Instr::Await);
                }
                self.emit(Instr::Pop);
            }
        }
        Ok(())
    }

    // ── exceptions ──

    fn try_except(&mut self, t: &'a ast::StmtTry) -> R {
        let setup = self.emit(Instr::SetupExcept(0));
        self.push_fblock(FBlock::TryExcept, t.range)?;
        self.body(&t.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&t.orelse)?;
        let mut ends = vec![self.emit(Instr::Jump(0))];
        self.patch(setup);
        // Stack: [exc]
        self.emit(Instr::EnterHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            if h.type_.is_none() && i + 1 < t.handlers.len() {
                return Err(self.syntax_error(h.range, "default 'except:' must be last"));
            }
            let saved = self.set_line(h.range);
            let mut next = None;
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Instr::CheckExcMatch);
                next = Some(self.emit(Instr::PopJumpIfFalse(0)));
            }
            let name = h.name.as_ref().map(|n| n.as_str().to_string());
            if let Some(n) = &name {
                self.forbid_name(n, h.range, false)?;
            }
            match &name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Instr::Pop);
                }
            }
            self.restore_line(saved);
            self.push_fblock(FBlock::Handler { name: name.clone() }, h.range)?;
            self.body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopExcept);
            if let Some(n) = &name {
                self.emit_const(Const::None);
                self.store_name(n);
            }
            ends.push(self.emit(Instr::Jump(0)));
            match next {
                Some(j) => self.patch(j),
                None => break,
            }
        }
        // No handler matched: re-raise (if the last handler was bare this is unreachable).
        self.emit(Instr::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> R {
        self.around_finally(&t.finalbody, t.range, |c| {
            if t.handlers.is_empty() {
                c.body(&t.body)?;
                c.body(&t.orelse)
            } else {
                c.try_except(t)
            }
        })
    }

    /// Compile `inner` under a `finally: finalbody`: the normal path runs the final body
    /// inline; the exception path runs it with the exception on the stack, then re-raises.
    fn around_finally(&mut self, finalbody: &'a [Stmt], at: TextRange, inner: impl FnOnce(&mut Self) -> R) -> R {
        let setup = self.emit(Instr::SetupFinally(0));
        self.push_fblock(FBlock::TryFinally { finalbody }, at)?;
        inner(self)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.body(finalbody)?;
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        // Exception path: [exc]
        self.emit(Instr::EnterHandler);
        self.push_fblock(FBlock::FinallyHandler, at)?;
        self.body(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.patch(end);
        Ok(())
    }

    /// `try: ... except* T as e: ...` — see `Instr::ExcStarSplit` / `ExcStarFinish`.
    fn try_star(&mut self, t: &'a ast::StmtTry) -> R {
        if t.finalbody.is_empty() {
            return self.try_star_core(t);
        }
        self.around_finally(&t.finalbody, t.range, |c| c.try_star_core(t))
    }

    fn try_star_core(&mut self, t: &'a ast::StmtTry) -> R {
        let setup = self.emit(Instr::SetupExcept(0));
        self.push_fblock(FBlock::TryExcept, t.range)?;
        self.body(&t.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&t.orelse)?;
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        // [exc] → [orig, raised=[], rest=exc]
        self.emit(Instr::EnterHandler);
        self.emit(Instr::Dup);
        self.emit(Instr::BuildList(0));
        self.emit(Instr::Rot2);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let Some(ty) = &h.type_ else {
                return Err(self.syntax_error(h.range, "expected one or more exception types"));
            };
            let saved = self.set_line(h.range);
            self.expr(ty)?;
            self.emit(Instr::ExcStarSplit);
            // [orig, raised, rest, match]
            self.emit(Instr::Dup);
            self.emit_const(Const::None);
            self.emit(Instr::Is(false));
            let matched = self.emit(Instr::PopJumpIfFalse(0));
            self.emit(Instr::Pop);
            let skip = self.emit(Instr::Jump(0));
            self.patch(matched);
            let name = h.name.as_ref().map(|n| n.as_str().to_string());
            if let Some(n) = &name {
                self.forbid_name(n, h.range, false)?;
            }
            // The matched group becomes the handled exception inside the clause.
            self.emit(Instr::EnterHandler);
            match &name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Instr::Pop);
                }
            }
            self.restore_line(saved);
            let clause_setup = self.emit(Instr::SetupExcept(0));
            self.push_fblock(FBlock::StarHandler { name: name.clone() }, h.range)?;
            self.body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopBlock);
            self.emit(Instr::PopExcept);
            let done = self.emit(Instr::Jump(0));
            self.patch(clause_setup);
            // [orig, raised, rest, raised_exc] → append to `raised`
            self.emit(Instr::PopExcept);
            self.emit(Instr::ListAppend(2));
            self.patch(done);
            if let Some(n) = &name {
                self.emit_const(Const::None);
                self.store_name(n);
            }
            self.patch(skip);
        }
        self.emit(Instr::ExcStarFinish(0));
        self.emit(Instr::PopExcept);
        self.patch(end);
        Ok(())
    }

    // ── with ──

    fn with_stmt(&mut self, w: &'a ast::StmtWith, item: usize) -> R {
        if item == w.items.len() {
            return self.body(&w.body);
        }
        let it = &w.items[item];
        if w.is_async && !self.in_async_function() {
            return Err(self.syntax_error(w.range, "'async with' outside async function"));
        }
        self.expr(&it.context_expr)?;
        if w.is_async {
            self.emit(Instr::BeforeAsyncWith);
            self.emit(Instr::Await);
        } else {
            self.emit(Instr::BeforeWith);
        }
        // [exit, value]
        match &it.optional_vars {
            Some(t) => self.assign_target(t)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        let setup = self.emit(Instr::SetupFinally(0));
        self.push_fblock(FBlock::With { is_async: w.is_async }, w.range)?;
        self.with_stmt(w, item + 1)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit_const(Const::None);
        self.emit(Instr::WithExit(0));
        if w.is_async {
            self.emit(Instr::Await);
        }
        self.emit(Instr::Pop);
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        // [exit, exc]
        self.emit(Instr::EnterHandler);
        self.emit(Instr::Dup);
        self.emit(Instr::Rot3);
        // [exc, exit, exc]
        self.emit(Instr::WithExit(0));
        if w.is_async {
            self.emit(Instr::Await);
        }
        let suppress = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::Reraise);
        self.patch(suppress);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcept);
        self.patch(end);
        Ok(())
    }

    // ── definitions ──

    /// Compile parameters' defaults and build the function object for `code_key`.
    pub(super) fn make_function(
        &mut self,
        params: Option<&'a ast::Parameters>,
        compile_body: impl FnOnce(&mut Self) -> R,
        key: crate::compiler::scope::ScopeKey,
        kind: CodeKind,
        name: &str,
        line: u32,
    ) -> R {
        let mut flags = 0u8;
        if let Some(p) = params {
            let defaults: Vec<&Expr> =
                p.posonlyargs.iter().chain(p.args.iter()).filter_map(|a| a.default.as_deref()).collect();
            if !defaults.is_empty() {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Instr::BuildTuple(defaults.len() as u32));
                flags |= make_fn::DEFAULTS;
            }
            let kwdefaults: Vec<(&str, &Expr)> = p
                .kwonlyargs
                .iter()
                .filter_map(|a| a.default.as_deref().map(|d| (a.parameter.name.as_str(), d)))
                .collect();
            if !kwdefaults.is_empty() {
                for (n, d) in &kwdefaults {
                    self.emit_const(Const::Str((*n).into()));
                    self.expr(d)?;
                }
                self.emit(Instr::BuildMap(kwdefaults.len() as u32));
                flags |= make_fn::KWDEFAULTS;
            }
        }
        let scope = self.scope_for(key);
        if self.emit_closure(&scope) {
            flags |= make_fn::CLOSURE;
        }
        let qualname = self.qualname_for(name);
        self.push_unit(scope, kind, name, &qualname, line);
        compile_body(self)?;
        let (argc, kwonly, va, vk) = match params {
            Some(p) => (
                (p.posonlyargs.len() + p.args.len()) as u32,
                p.kwonlyargs.len() as u32,
                p.vararg.is_some(),
                p.kwarg.is_some(),
            ),
            None => (0, 0, false, false),
        };
        let code = self.pop_unit(argc, kwonly, va, vk);
        let c = self.add_const(Const::Code(code));
        self.emit(Instr::MakeFunction(c, flags));
        Ok(())
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> R {
        self.forbid_name(f.name.as_str(), f.range, false)?;
        self.forbid_params(Some(&f.parameters), f.range)?;
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let kind = if f.is_async { CodeKind::AsyncFunction } else { CodeKind::Function };
        let line = self.unit().line;
        self.make_function(
            Some(&f.parameters),
            |c| {
                c.unit().doc = docstring(&f.body).map(std::rc::Rc::from);
                c.body(&f.body)?;
                c.emit_const(Const::None);
                c.emit(Instr::Return);
                Ok(())
            },
            key_of(f),
            kind,
            f.name.as_str(),
            line,
        )?;
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(f.name.as_str());
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> R {
        self.forbid_name(c.name.as_str(), c.range, false)?;
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let line = self.unit().line;
        self.make_function(
            None,
            |comp| {
                comp.store_docstring(&c.body);
                comp.setup_annotations(&c.body);
                comp.body(&c.body)?;
                comp.emit_const(Const::None);
                comp.emit(Instr::Return);
                Ok(())
            },
            key_of(c),
            CodeKind::ClassBody,
            c.name.as_str(),
            line,
        )?;
        let mut nbases = 0;
        if let Some(args) = &c.arguments {
            for b in args.args.iter() {
                self.expr(b)?;
                nbases += 1;
            }
            for k in args.keywords.iter() {
                match k.arg.as_ref().map(|a| a.as_str()) {
                    Some("metaclass") if nbases & code::CLASS_HAS_METACLASS == 0 => {
                        self.expr(&k.value)?;
                        nbases |= code::CLASS_HAS_METACLASS;
                    }
                    _ => {
                        return Err(self.error(
                            k.range,
                            "class keyword arguments other than metaclass=... are not supported",
                        ))
                    }
                }
            }
        }
        let name = self.add_const(Const::Str(c.name.as_str().into()));
        self.emit(Instr::BuildClass(name, nbases));
        for _ in &c.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(c.name.as_str());
        Ok(())
    }

    /// A module's or class's docstring becomes `__doc__` in its namespace, first, as
    /// CPython's compiler does (a class without one gets `__doc__ = None` from `build_class`).
    pub(super) fn store_docstring(&mut self, body: &'a [Stmt]) {
        if let Some(doc) = docstring(body) {
            self.emit_const(Const::Str(doc.into()));
            self.store_name("__doc__");
        }
    }

    /// CPython's SETUP_ANNOTATIONS: a module or class body that annotates a name starts
    /// with an empty `__annotations__` dict.
    pub(super) fn setup_annotations(&mut self, body: &'a [Stmt]) {
        if has_annotations(body) {
            self.emit(Instr::BuildMap(0));
            self.store_name("__annotations__");
        }
    }
}

/// Whether a body annotates a simple name (at any depth of its compound statements,
/// not inside nested functions or classes), as CPython's `find_ann`.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple && matches!(a.target.as_ref(), Expr::Name(_)),
        Stmt::If(i) => has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body)),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        _ => false,
    })
}

/// The docstring of a body: its first statement, when that is a plain string literal.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first()? {
        Stmt::Expr(e) => match e.value.as_ref() {
            ast::Expr::StringLiteral(s) => Some(s.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}
