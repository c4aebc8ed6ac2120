//! Expressions.

use super::Compiler;
use crate::compiler::code::{BinOp, CmpOp, CodeKind, Const, Conversion, Instr, UnOp};
use crate::compiler::scope::key_of;
use crate::compiler::CompileError;
use ruff_python_ast::{self as ast, Expr, Number};
use ruff_text_size::Ranged;
use std::rc::Rc;

type R = Result<(), CompileError>;

pub(super) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::FloorDiv => BinOp::FloorDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitAnd => BinOp::BitAnd,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> R {
        self.depth += 1;
        if self.depth > super::MAX_NESTING {
            self.depth = 0;
            return Err(self.error(e.range(), "expression too deeply nested (more than 400 levels); split it up"));
        }
        let saved = self.set_line(e.range());
        let r = self.expr_inner(e);
        self.restore_line(saved);
        self.depth = self.depth.saturating_sub(1);
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> R {
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => {
                        self.emit_const(Const::Int(v));
                    }
                    None => match big_literal(&i.to_string()) {
                        Some(Ok(v)) => {
                            self.emit_const(Const::Int(v));
                        }
                        Some(Err(b)) => {
                            self.emit_const(Const::BigInt(Rc::new(b)));
                        }
                        None => return Err(self.error(n.range, "invalid integer literal")),
                    },
                },
                Number::Float(f) => {
                    self.emit_const(Const::Float(*f));
                }
                Number::Complex { .. } => return Err(self.unsupported(n, "complex numbers")),
            },
            Expr::StringLiteral(s) => {
                self.emit_const(Const::Str(s.value.to_str().into()));
            }
            Expr::BooleanLiteral(b) => {
                self.emit_const(Const::Bool(b.value));
            }
            Expr::NoneLiteral(_) => {
                self.emit_const(Const::None);
            }
            Expr::EllipsisLiteral(_) => {
                let i = self.name_idx("Ellipsis");
                self.emit(Instr::LoadGlobal(i));
            }
            Expr::BytesLiteral(b) => {
                self.emit_const(Const::Bytes(b.value.bytes().collect::<Vec<u8>>().into()));
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return Err(self.unsupported(t, "template strings")),
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_idx(a.attr.as_str());
                self.emit(Instr::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::Subscript);
            }
            Expr::Slice(s) => {
                let mut n = 2;
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => {
                            self.emit_const(Const::None);
                        }
                    }
                }
                if let Some(step) = &s.step {
                    self.expr(step)?;
                    n = 3;
                }
                self.emit(Instr::BuildSlice(n));
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Instr::Binary(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Instr::Unary(op));
            }
            Expr::BoolOp(b) => {
                let mut jumps = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        let j = match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        };
                        jumps.push(self.emit(j));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let else_j = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let end = self.emit(Instr::Jump(0));
                self.patch(else_j);
                self.expr(&i.orelse)?;
                self.patch(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Dup);
                self.assign_target(&n.target)?;
            }
            Expr::Tuple(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.starred_list(&t.elts)?;
                    self.emit(Instr::ListToTuple);
                } else {
                    for el in &t.elts {
                        self.expr(el)?;
                    }
                    self.emit(Instr::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::List(l) => {
                if l.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.starred_list(&l.elts)?;
                } else {
                    for el in &l.elts {
                        self.expr(el)?;
                    }
                    self.emit(Instr::BuildList(l.elts.len() as u32));
                }
            }
            Expr::Set(s) => {
                if s.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.emit(Instr::BuildSet(0));
                    for el in &s.elts {
                        match el {
                            Expr::Starred(st) => {
                                self.expr(&st.value)?;
                                self.emit(Instr::SetUpdate(1));
                            }
                            other => {
                                self.expr(other)?;
                                self.emit(Instr::SetAdd(1));
                            }
                        }
                    }
                } else {
                    for el in &s.elts {
                        self.expr(el)?;
                    }
                    self.emit(Instr::BuildSet(s.elts.len() as u32));
                }
            }
            Expr::Dict(d) => {
                if d.items.iter().any(|i| i.key.is_none()) {
                    self.emit(Instr::BuildMap(0));
                    for item in &d.items {
                        match &item.key {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&item.value)?;
                                self.emit(Instr::MapAdd(1));
                            }
                            None => {
                                self.expr(&item.value)?;
                                self.emit(Instr::DictUpdate(1));
                            }
                        }
                    }
                } else {
                    for item in &d.items {
                        self.expr(item.key.as_ref().expect("key"))?;
                        self.expr(&item.value)?;
                    }
                    self.emit(Instr::BuildMap(d.items.len() as u32));
                }
            }
            Expr::Starred(s) => return Err(self.syntax_error(s.range, "can't use starred expression here")),
            Expr::Call(c) => self.call(c)?,
            Expr::Await(a) => {
                if matches!(self.unit().kind, CodeKind::Module | CodeKind::ClassBody) {
                    return Err(self.syntax_error(a.range, "'await' outside function"));
                }
                if !self.in_async_function() {
                    return Err(self.syntax_error(a.range, "'await' outside async function"));
                }
                self.expr(&a.value)?;
                self.emit(Instr::Await);
            }
            Expr::Lambda(l) => {
                self.forbid_params(l.parameters.as_deref(), l.range)?;
                let line = self.unit().line;
                self.make_function(
                    l.parameters.as_deref(),
                    |c| {
                        c.expr(&l.body)?;
                        c.emit(Instr::Return);
                        Ok(())
                    },
                    key_of(l),
                    CodeKind::Lambda,
                    "<lambda>",
                    line,
                )?;
            }
            Expr::ListComp(c) => self.comprehension(e, "<listcomp>", &c.generators, Comp::List(&c.elt))?,
            Expr::SetComp(c) => self.comprehension(e, "<setcomp>", &c.generators, Comp::Set(&c.elt))?,
            // A generator expression is a lazy generator, as in CPython.
            Expr::Generator(c) => self.comprehension(e, "<genexpr>", &c.generators, Comp::Gen(&c.elt))?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(e, "<dictcomp>", &c.generators, Comp::Dict(k, &c.value))?,
                None => return Err(self.syntax_error(c.range, "invalid syntax")),
            },
            Expr::Yield(y) => {
                self.check_yield(y.range, "yield")?;
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit_const(Const::None);
                    }
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                self.check_yield(y.range, "yield from")?;
                if self.unit().kind == CodeKind::AsyncFunction {
                    return Err(self.syntax_error(y.range, "'yield from' inside async function"));
                }
                self.expr(&y.value)?;
                self.emit(Instr::GetYieldFromIter);
                self.emit_const(Const::None);
                let send = self.emit(Instr::Send(0));
                self.emit(Instr::YieldValue);
                self.emit(Instr::Jump(send as u32));
                self.patch(send);
            }
            Expr::IpyEscapeCommand(c) => return Err(self.syntax_error(c.range, "invalid syntax")),
        }
        Ok(())
    }

    /// A list display with starred items: build it piecewise.
    fn starred_list(&mut self, elts: &'a [Expr]) -> R {
        self.emit(Instr::BuildList(0));
        for el in elts {
            match el {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> R {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            let last = i + 1 == n;
            if !last {
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
            }
            self.emit_cmp(*op);
            if !last {
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            }
        }
        if !cleanups.is_empty() {
            let end = self.emit(Instr::Jump(0));
            for j in cleanups {
                self.patch(j);
            }
            self.emit(Instr::Rot2);
            self.emit(Instr::Pop);
            self.patch(end);
        }
        Ok(())
    }

    fn emit_cmp(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        let i = match op {
            C::Eq => Instr::Compare(CmpOp::Eq),
            C::NotEq => Instr::Compare(CmpOp::Ne),
            C::Lt => Instr::Compare(CmpOp::Lt),
            C::LtE => Instr::Compare(CmpOp::Le),
            C::Gt => Instr::Compare(CmpOp::Gt),
            C::GtE => Instr::Compare(CmpOp::Ge),
            C::Is => Instr::Is(false),
            C::IsNot => Instr::Is(true),
            C::In => Instr::Contains(false),
            C::NotIn => Instr::Contains(true),
        };
        self.emit(i);
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> R {
        for k in c.arguments.keywords.iter() {
            if let Some(arg) = &k.arg {
                self.forbid_name(arg.as_str(), c.range(), false)?;
            }
        }
        let args = &c.arguments;
        let simple = !args.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !args.keywords.iter().any(|k| k.arg.is_none());
        if let (Expr::Attribute(attr), true, true) = (c.func.as_ref(), simple, args.keywords.is_empty()) {
            self.expr(&attr.value)?;
            for a in args.args.iter() {
                self.expr(a)?;
            }
            let name = self.name_idx(attr.attr.as_str());
            self.emit(Instr::CallMethod(name, args.args.len() as u32));
            return Ok(());
        }
        self.expr(&c.func)?;
        if simple {
            for a in args.args.iter() {
                self.expr(a)?;
            }
            if args.keywords.is_empty() {
                self.emit(Instr::Call(args.args.len() as u32));
            } else {
                let mut names: Vec<Rc<str>> = Vec::new();
                for k in args.keywords.iter() {
                    self.expr(&k.value)?;
                    names.push(k.arg.as_ref().expect("keyword").as_str().into());
                }
                let total = (args.args.len() + names.len()) as u32;
                let ni = self.add_const(Const::Names(names.into()));
                self.emit(Instr::CallKw(total, ni));
            }
            return Ok(());
        }
        self.starred_list(&args.args)?;
        self.emit(Instr::ListToTuple);
        let has_kw = !args.keywords.is_empty();
        if has_kw {
            self.emit(Instr::BuildMap(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.emit_const(Const::Str(name.as_str().into()));
                        self.expr(&k.value)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Instr::DictUpdate(1));
                    }
                }
            }
        }
        self.emit(Instr::CallEx(has_kw));
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> R {
        let mut parts = 0u32;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    self.emit_const(Const::Str(s.value.as_ref().into()));
                    parts += 1;
                }
                ast::FStringPart::FString(fs) => parts += self.fstring_elements(&fs.elements)?,
            }
        }
        if parts != 1 {
            self.emit(Instr::BuildString(parts));
        }
        Ok(())
    }

    /// Emit the pieces of an f-string; returns how many strings were pushed.
    fn fstring_elements(&mut self, elements: &'a ast::InterpolatedStringElements) -> Result<u32, CompileError> {
        let mut n = 0;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.emit_const(Const::Str(l.value.as_ref().into()));
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = match i.conversion {
                        ast::ConversionFlag::None => Conversion::None,
                        ast::ConversionFlag::Str => Conversion::Str,
                        ast::ConversionFlag::Repr => Conversion::Repr,
                        ast::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    if let Some(debug) = &i.debug_text {
                        // f"{x=}": the source text, then the repr unless a spec says otherwise.
                        let text = format!("{}{}{}", debug.leading(), debug.expression(), debug.trailing());
                        self.emit_const(Const::Str(text.into()));
                        n += 1;
                        if conversion == Conversion::None && i.format_spec.is_none() {
                            conversion = Conversion::Repr;
                        }
                    }
                    self.expr(&i.expression)?;
                    let has_spec = match &i.format_spec {
                        Some(spec) => {
                            let k = self.fstring_elements(&spec.elements)?;
                            if k != 1 {
                                self.emit(Instr::BuildString(k));
                            }
                            true
                        }
                        None => false,
                    };
                    self.emit(Instr::FormatValue(conversion, has_spec));
                }
            }
            n += 1;
        }
        if n == 0 {
            self.emit_const(Const::Str("".into()));
            n = 1;
        }
        Ok(n)
    }

    /// `yield` is allowed in a function body only (CPython's messages otherwise).
    fn check_yield(&self, range: ruff_text_size::TextRange, word: &str) -> R {
        match self.units.last().map(|u| (u.kind, u.name.clone())) {
            Some((CodeKind::Function | CodeKind::AsyncFunction | CodeKind::Lambda, _)) => Ok(()),
            Some((CodeKind::Comprehension, name)) => {
                let what = match &*name {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(self.syntax_error(range, format!("'{word}' inside {what}")))
            }
            _ => Err(self.syntax_error(range, format!("'{word}' outside function"))),
        }
    }

    fn comprehension(&mut self, node: &'a Expr, name: &str, gens: &'a [ast::Comprehension], what: Comp<'a>) -> R {
        let key = key_of(node);
        let scope = self.scope_for(key);
        let is_async = scope.awaits;
        if is_async && !matches!(what, Comp::Gen(_)) && !self.in_async_function() {
            return Err(self.syntax_error(node.range(), "asynchronous comprehension outside of an asynchronous function"));
        }
        let mut flags = 0;
        if self.emit_closure(&scope) {
            flags |= crate::compiler::code::make_fn::CLOSURE;
        }
        let qualname = self.qualname_for(name);
        let line = self.unit().line;
        self.push_unit(scope, CodeKind::Comprehension, name, &qualname, line);
        if matches!(what, Comp::Gen(_)) {
            self.unit().scope.generator = true;
        }
        match what {
            Comp::List(_) => Some(self.emit(Instr::BuildList(0))),
            Comp::Set(_) => Some(self.emit(Instr::BuildSet(0))),
            Comp::Dict(..) => Some(self.emit(Instr::BuildMap(0))),
            Comp::Gen(_) => None,
        };
        let mut loops = Vec::new();
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Instr::LoadFast(0));
            } else {
                self.expr(&g.iter)?;
                self.emit(if g.is_async { Instr::GetAIter } else { Instr::GetIter });
            }
            let start = self.here();
            let exit = if g.is_async {
                // [aiter] → await its __anext__(); StopAsyncIteration ends this loop.
                let setup = self.emit(Instr::SetupExcept(0));
                self.emit(Instr::GetANext);
                self.emit(Instr::Await);
                self.emit(Instr::PopBlock);
                LoopExit::Async(setup)
            } else {
                LoopExit::Sync(self.emit(Instr::ForIter(0)))
            };
            self.assign_target(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
                self.emit(Instr::PopJumpIfFalse(start));
            }
            loops.push((start, exit));
        }
        let depth = gens.len() as u32 + 1;
        match what {
            Comp::Gen(e) => {
                self.expr(e)?;
                self.emit(Instr::YieldValue);
                self.emit(Instr::Pop);
            }
            Comp::List(e) => {
                self.expr(e)?;
                self.emit(Instr::ListAppend(depth));
            }
            Comp::Set(e) => {
                self.expr(e)?;
                self.emit(Instr::SetAdd(depth));
            }
            Comp::Dict(k, v) => {
                self.expr(k)?;
                self.expr(v)?;
                self.emit(Instr::MapAdd(depth));
            }
        }
        for (start, exit) in loops.into_iter().rev() {
            self.emit(Instr::Jump(start));
            match exit {
                LoopExit::Sync(at) => self.patch(at),
                LoopExit::Async(setup) => {
                    self.patch(setup);
                    self.emit(Instr::EndAsyncFor);
                }
            }
        }
        if matches!(what, Comp::Gen(_)) {
            self.emit_const(Const::None);
        }
        self.emit(Instr::Return);
        let code = self.pop_unit(1, 0, false, false);
        let c = self.add_const(Const::Code(code));
        self.emit(Instr::MakeFunction(c, flags));
        self.expr(&gens[0].iter)?;
        self.emit(if gens[0].is_async { Instr::GetAIter } else { Instr::GetIter });
        self.emit(Instr::Call(1));
        if is_async && !matches!(what, Comp::Gen(_)) {
            self.emit(Instr::Await);
        }
        Ok(())
    }
}

enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    /// A generator expression: each element is yielded.
    Gen(&'a Expr),
}

/// How a comprehension's loop ends: `ForIter`'s exhaustion jump, or (`async for`) the
/// `SetupExcept` whose handler catches `StopAsyncIteration`.
enum LoopExit {
    Sync(usize),
    Async(usize),
}

/// An integer literal's value when `Int::as_i64` has none: its text (decimal digits, or
/// a `0x`/`0o`/`0b` token with underscores) parsed as an `i64` if it fits (values in
/// `i64::MAX + 1 ..= u64::MAX` come here too), else as a big int.
fn big_literal(text: &str) -> Option<Result<i64, num_bigint::BigInt>> {
    let t: String = text.chars().filter(|c| *c != '_').collect::<String>().to_ascii_lowercase();
    let (digits, radix) = match t.get(..2) {
        Some("0x") => (&t[2..], 16),
        Some("0o") => (&t[2..], 8),
        Some("0b") => (&t[2..], 2),
        _ => (t.as_str(), 10),
    };
    let b = num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)?;
    Some(i64::try_from(&b).map_err(|_| b))
}

#[cfg(test)]
mod tests {
    use super::big_literal;

    #[test]
    fn big_integer_literals() {
        assert_eq!(big_literal("9223372036854775808").unwrap().unwrap_err().to_string(), "9223372036854775808");
        assert_eq!(big_literal("0xFFFF_FFFF_FFFF_FFFF_FF").unwrap().unwrap_err().to_string(), "4722366482869645213695");
        assert_eq!(big_literal("0b1").unwrap(), Ok(1));
        assert!(big_literal("12a").is_none());
    }
}
