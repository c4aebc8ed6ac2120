//! `match` statements: each case's pattern becomes a test that consumes the subject and
//! jumps to the case's failure path when it does not match, as CPython 3.11's
//! `compiler_match` / `compiler_pattern` in `Python/compile.c` do.
//!
//! A pattern is compiled with the value it tests on top of the stack. On success it has
//! consumed that value. Sub-patterns push more values (the items of a sequence, the
//! values of a mapping, the attributes of a class pattern), so a failure can happen with
//! several extra values on the stack: each failing jump records how many values lie above
//! the case's base (`on_top`), and the case ends with a chain of `Pop`s that every failure
//! enters at its own depth (CPython's `fail_pop` labels).
//!
//! Captured names are bound as soon as their sub-pattern matches (CPython binds them once
//! the whole pattern matched): a program sees a difference only if it reads a name captured
//! by a case that did not match, which CPython leaves unspecified.
//!
//! Compile-time errors follow CPython's wording and place: the place is the last pattern
//! node the compiler entered, as `compiler_pattern`'s `SET_LOC` leaves it.

use super::Compiler;
use crate::compiler::code::{CmpOp, Const, Instr};
use crate::compiler::CompileError;
use ruff_python_ast::{self as ast, Expr, Pattern, Singleton};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

type R = Result<(), CompileError>;

/// The state of one case's pattern while it is compiled.
struct PatCtx {
    /// Values on the stack above the case's base.
    on_top: usize,
    /// Failing jumps, with the `on_top` at each.
    fails: Vec<(usize, usize)>,
    /// Names captured so far (a second capture of one name is an error).
    stores: Vec<String>,
    /// May an irrefutable capture or wildcard appear here (last case, guarded case, or
    /// inside a larger pattern)?
    allow_irrefutable: bool,
    /// The last pattern node entered: where CPython reports pattern errors.
    loc: TextRange,
}

impl<'a> Compiler<'a> {
    /// `match subject: case ...`
    pub(super) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> R {
        self.expr(&m.subject)?;
        let mut ends = Vec::new();
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            let saved = self.set_line(case.pattern.range());
            let mut pc = PatCtx {
                on_top: 1,
                fails: Vec::new(),
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
                loc: case.pattern.range(),
            };
            self.emit(Instr::Dup);
            self.pattern(&case.pattern, &mut pc)?;
            if let Some(g) = &case.guard {
                self.expr(g)?;
                let j = self.emit(Instr::PopJumpIfFalse(0));
                pc.fails.push((j, 0));
            }
            self.restore_line(saved);
            // Matched: the subject is not needed any more.
            self.emit(Instr::Pop);
            self.body(&case.body)?;
            ends.push(self.emit(Instr::Jump(0)));
            self.fail_chain(std::mem::take(&mut pc.fails), 0);
        }
        // No case matched.
        self.emit(Instr::Pop);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// Emit the failure path of `fails`: a `Pop` per value above `floor`, each failing
    /// jump entering at its own depth; it ends with `floor` values above the base.
    fn fail_chain(&mut self, mut fails: Vec<(usize, usize)>, floor: usize) {
        fails.sort_by(|a, b| b.1.cmp(&a.1));
        let top = fails.first().map_or(floor, |f| f.1);
        let mut it = fails.into_iter().peekable();
        let mut depth = top;
        loop {
            while let Some(&(j, d)) = it.peek() {
                if d != depth {
                    break;
                }
                self.patch(j);
                it.next();
            }
            if depth <= floor {
                break;
            }
            self.emit(Instr::Pop);
            depth -= 1;
        }
    }

    /// Jump to the failure path if the bool on TOS is false (pops it).
    fn fail_if_false(&mut self, pc: &mut PatCtx) {
        let j = self.emit(Instr::PopJumpIfFalse(0));
        pc.fails.push((j, pc.on_top));
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> R {
        pc.loc = p.range();
        match p {
            Pattern::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(Instr::Compare(CmpOp::Eq));
                pc.on_top -= 1;
                self.fail_if_false(pc);
            }
            Pattern::MatchSingleton(s) => {
                self.emit_const(match s.value {
                    Singleton::None => Const::None,
                    Singleton::True => Const::Bool(true),
                    Singleton::False => Const::Bool(false),
                });
                self.emit(Instr::Is(false));
                pc.on_top -= 1;
                self.fail_if_false(pc);
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let msg = match &a.name {
                            Some(n) => format!("name capture '{}' makes remaining patterns unreachable", n.as_str()),
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(self.syntax_error(pc.loc, msg));
                    }
                    self.capture(a.name.as_ref(), pc)?;
                }
                Some(inner) => {
                    self.emit(Instr::Dup);
                    pc.on_top += 1;
                    self.pattern(inner, pc)?;
                    self.capture(a.name.as_ref(), pc)?;
                }
            },
            Pattern::MatchStar(s) => self.capture(s.name.as_ref(), pc)?,
            Pattern::MatchSequence(s) => self.sequence_pattern(s, pc)?,
            Pattern::MatchMapping(m) => self.mapping_pattern(m, pc)?,
            Pattern::MatchClass(c) => self.class_pattern(c, pc)?,
            Pattern::MatchOr(o) => self.or_pattern(o, pc)?,
        }
        Ok(())
    }

    /// Bind TOS to `name` (pop it for a wildcard).
    fn capture(&mut self, name: Option<&ast::Identifier>, pc: &mut PatCtx) -> R {
        pc.on_top -= 1;
        let Some(name) = name else {
            self.emit(Instr::Pop);
            return Ok(());
        };
        let n = name.as_str();
        if n == "__debug__" {
            return Err(self.syntax_error(name.range, "cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == n) {
            return Err(self.syntax_error(pc.loc, format!("multiple assignments to name '{n}' in pattern")));
        }
        pc.stores.push(n.to_string());
        self.store_name(n);
        Ok(())
    }

    /// A sub-pattern: irrefutable ones are always allowed inside a larger pattern.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> R {
        let allow = std::mem::replace(&mut pc.allow_irrefutable, true);
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = allow;
        r
    }

    fn sequence_pattern(&mut self, s: &'a ast::PatternMatchSequence, pc: &mut PatCtx) -> R {
        let stars: Vec<usize> =
            s.patterns.iter().enumerate().filter(|(_, p)| matches!(p, Pattern::MatchStar(_))).map(|(i, _)| i).collect();
        if stars.len() > 1 {
            return Err(self.syntax_error(pc.loc, "multiple starred names in sequence pattern"));
        }
        let n = s.patterns.len();
        self.emit(Instr::MatchSequence);
        self.fail_if_false(pc);
        // Check the length before unpacking, so a long or infinite sequence is not read.
        let (cmp, want) = match stars.first() {
            None => (CmpOp::Eq, n),
            Some(_) => (CmpOp::Ge, n - 1),
        };
        if !(stars.len() == 1 && n == 1) {
            self.emit(Instr::GetLen);
            self.emit_const(Const::Int(want as i64));
            self.emit(Instr::Compare(cmp));
            self.fail_if_false(pc);
        }
        match stars.first() {
            None => {
                self.emit(Instr::UnpackSequence(n as u32));
            }
            Some(&i) => {
                self.emit(Instr::UnpackEx(i as u32, (n - i - 1) as u32));
            }
        }
        pc.on_top += n;
        pc.on_top -= 1;
        for p in &s.patterns {
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn mapping_pattern(&mut self, m: &'a ast::PatternMatchMapping, pc: &mut PatCtx) -> R {
        self.emit(Instr::MatchMapping);
        self.fail_if_false(pc);
        let n = m.keys.len();
        if n > 0 {
            self.emit(Instr::GetLen);
            self.emit_const(Const::Int(n as i64));
            self.emit(Instr::Compare(CmpOp::Ge));
            self.fail_if_false(pc);
        }
        // Literal keys must differ (checked here, as CPython's compiler does).
        let mut seen: Vec<String> = Vec::new();
        for k in &m.keys {
            if let Some(lit) = literal_key(k) {
                if seen.contains(&lit) {
                    return Err(self.syntax_error(pc.loc, format!("mapping pattern checks duplicate key ({lit})")));
                }
                seen.push(lit);
            }
            self.expr(k)?;
        }
        self.emit(Instr::BuildTuple(n as u32));
        // [subject, keys] → [subject, keys, values-or-None]
        self.emit(Instr::MatchKeys);
        pc.on_top += 2;
        self.emit(Instr::Dup);
        self.emit_const(Const::None);
        self.emit(Instr::Is(true));
        self.fail_if_false(pc);
        self.emit(Instr::UnpackSequence(n as u32));
        pc.on_top += n;
        pc.on_top -= 1;
        for p in &m.patterns {
            self.subpattern(p, pc)?;
        }
        // [subject, keys]
        match &m.rest {
            Some(rest) => {
                self.emit(Instr::CopyDictWithoutKeys);
                // [subject, rest]
                self.capture(Some(rest), pc)?;
                self.emit(Instr::Pop);
                pc.on_top -= 1;
            }
            None => {
                self.emit(Instr::Pop);
                self.emit(Instr::Pop);
                pc.on_top -= 2;
            }
        }
        Ok(())
    }

    fn class_pattern(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatCtx) -> R {
        let kws = &c.arguments.keywords;
        for (i, k) in kws.iter().enumerate() {
            if kws[..i].iter().any(|o| o.attr.as_str() == k.attr.as_str()) {
                pc.loc = k.pattern.range();
                return Err(
                    self.syntax_error(pc.loc, format!("attribute name repeated in class pattern: {}", k.attr.as_str()))
                );
            }
        }
        let npos = c.arguments.patterns.len();
        self.expr(&c.cls)?;
        let names: Vec<Rc<str>> = kws.iter().map(|k| Rc::from(k.attr.as_str())).collect();
        let ni = self.add_const(Const::Names(names.into()));
        // [subject, cls] → [attributes-or-None]
        self.emit(Instr::MatchClass(npos as u32, ni));
        self.emit(Instr::Dup);
        self.emit_const(Const::None);
        self.emit(Instr::Is(true));
        self.fail_if_false(pc);
        let total = npos + kws.len();
        self.emit(Instr::UnpackSequence(total as u32));
        pc.on_top += total;
        pc.on_top -= 1;
        for p in c.arguments.patterns.iter().chain(kws.iter().map(|k| &k.pattern)) {
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn or_pattern(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatCtx) -> R {
        let base = pc.on_top;
        let outer_fails = std::mem::take(&mut pc.fails);
        let outer_stores = pc.stores.clone();
        let outer_allow = pc.allow_irrefutable;
        let mut ends = Vec::new();
        let mut control: Option<Vec<String>> = None;
        let n = o.patterns.len();
        for (i, alt) in o.patterns.iter().enumerate() {
            pc.stores = outer_stores.clone();
            pc.allow_irrefutable = i + 1 == n && outer_allow;
            self.emit(Instr::Dup);
            pc.on_top += 1;
            self.pattern(alt, pc)?;
            let mut bound: Vec<String> = pc.stores[outer_stores.len()..].to_vec();
            bound.sort();
            match &control {
                None => control = Some(bound),
                Some(c) if *c != bound => {
                    return Err(self.syntax_error(pc.loc, "alternative patterns bind different names"));
                }
                Some(_) => {}
            }
            // This alternative matched: drop the subject.
            self.emit(Instr::Pop);
            ends.push(self.emit(Instr::Jump(0)));
            let fails = std::mem::take(&mut pc.fails);
            self.fail_chain(fails, base);
        }
        // Every alternative failed: [.., subject] with `base` values on top.
        pc.fails = outer_fails;
        pc.allow_irrefutable = outer_allow;
        let j = self.emit(Instr::Jump(0));
        pc.fails.push((j, base));
        for e in ends {
            self.patch(e);
        }
        pc.on_top = base - 1;
        Ok(())
    }
}

/// The repr CPython shows for a literal mapping key (`'a'`, `1`, `None`), or `None` for a
/// value pattern (`Color.RED`), whose duplicates are found at run time.
fn literal_key(e: &Expr) -> Option<String> {
    match e {
        Expr::StringLiteral(s) => Some(format!("'{}'", s.value.to_str())),
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => Some(i.to_string()),
            ast::Number::Float(f) => Some(format!("{f:?}")),
            _ => None,
        },
        Expr::NoneLiteral(_) => Some("None".into()),
        Expr::BooleanLiteral(b) => Some(if b.value { "True".into() } else { "False".into() }),
        Expr::UnaryOp(u) => literal_key(&u.operand).map(|s| format!("-{s}")),
        _ => None,
    }
}
