//! Scope analysis: which names are fast locals, cells, free variables or globals.
//!
//! Mirrors CPython's `symtable.c` in two passes: first collect, per scope, the names it
//! binds, uses and declares `global`/`nonlocal`; then resolve each free use by walking up
//! the enclosing function scopes (class scopes do not enclose their methods' names), marking
//! the binding scope's name as a cell and every scope on the way as passing it through.
//!
//! The program errors `symtable.c` finds are found here too, with its messages: duplicate
//! parameters and misplaced `global`/`nonlocal` while collecting (the first in source
//! order), a `nonlocal` without a binding while resolving.

use indexmap::IndexSet;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::collections::{HashMap, HashSet};

/// Identifies a scope by the source range of the node that creates it.
pub type ScopeKey = (u32, u32);

pub fn key_of(node: &impl Ranged) -> ScopeKey {
    let r = node.range();
    (r.start().to_u32(), r.end().to_u32())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
    /// Lambdas and comprehensions behave like functions.
    Implicit,
}

/// Where a name lives, as seen from one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRef {
    Fast(u32),
    Deref(u32),
    Global,
    /// Class body namespace, then globals.
    Name,
}

#[derive(Debug, Default)]
struct RawScope {
    kind: Option<ScopeKind>,
    parent: Option<ScopeKey>,
    params: Vec<String>,
    bound: IndexSet<String>,
    used: IndexSet<String>,
    globals: HashSet<String>,
    nonlocals: IndexSet<String>,
    /// Contains `yield` or `yield from` (a generator function).
    generator: bool,
    /// Contains `await` or an `async for` clause (makes a comprehension asynchronous).
    awaits: bool,
    /// Names annotated in this scope (`x: int`), which cannot be declared global.
    annotated: HashSet<String>,
    /// Where each name was first declared `global` or `nonlocal` (a byte offset): CPython
    /// reports resolution errors there.
    directives: HashMap<String, u32>,
}

/// A program error found by scope analysis: a byte offset and CPython's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    pub offset: u32,
    pub message: String,
}

/// The resolved view of one scope, used by the code generator.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    pub kind: Option<ScopeKind>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    globals: HashSet<String>,
    locals: HashSet<String>,
    /// The body contains `yield`/`yield from`: calling it makes a generator (CPython's
    /// `CO_GENERATOR`, set by `symtable.c` when it meets a yield).
    pub generator: bool,
    /// The body contains `await` or `async for`: a comprehension that does is itself a
    /// coroutine (or an async generator, for a generator expression), as in CPython 3.11.
    pub awaits: bool,
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        self.kind.unwrap_or(ScopeKind::Module)
    }

    /// How `name` is reached from this scope.
    pub fn lookup(&self, name: &str) -> NameRef {
        let kind = self.kind();
        if kind == ScopeKind::Module || self.globals.contains(name) {
            return NameRef::Global;
        }
        if let Some(i) = self.cellvars.iter().position(|n| n == name) {
            return NameRef::Deref(i as u32);
        }
        if kind == ScopeKind::Class {
            if self.locals.contains(name) {
                return NameRef::Name;
            }
            if let Some(i) = self.freevars.iter().position(|n| n == name) {
                return NameRef::Deref((self.cellvars.len() + i) as u32);
            }
            return NameRef::Name;
        }
        if let Some(i) = self.freevars.iter().position(|n| n == name) {
            return NameRef::Deref((self.cellvars.len() + i) as u32);
        }
        if let Some(i) = self.varnames.iter().position(|n| n == name) {
            return NameRef::Fast(i as u32);
        }
        NameRef::Global
    }

    /// Index of a cell or free variable by name (to build closures).
    pub fn closure_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|n| n == name) {
            return Some(i as u32);
        }
        self.freevars.iter().position(|n| n == name).map(|i| (self.cellvars.len() + i) as u32)
    }
}

/// The scopes of a whole module, keyed by the node that creates each.
#[derive(Debug, Default)]
pub struct ScopeTable {
    pub scopes: HashMap<ScopeKey, Scope>,
}

pub const MODULE_KEY: ScopeKey = (u32::MAX, u32::MAX);

impl ScopeTable {
    /// Analyse a module, or return the first error `symtable.c` would report.
    pub fn build(module: &[Stmt]) -> Result<ScopeTable, ScopeError> {
        let mut c = Collector { raw: HashMap::new(), current: MODULE_KEY, error: None };
        c.raw.insert(MODULE_KEY, RawScope { kind: Some(ScopeKind::Module), ..Default::default() });
        for s in module {
            c.stmt(s);
        }
        if let Some(e) = c.error {
            return Err(e);
        }
        resolve(c.raw)
    }

    pub fn get(&self, key: ScopeKey) -> &Scope {
        &self.scopes[&key]
    }
}

struct Collector {
    raw: HashMap<ScopeKey, RawScope>,
    current: ScopeKey,
    /// The first error met while collecting.
    error: Option<ScopeError>,
}

impl Collector {
    fn cur(&mut self) -> &mut RawScope {
        self.raw.get_mut(&self.current).expect("scope")
    }
    fn bind(&mut self, name: &str) {
        self.cur().bound.insert(name.to_string());
    }
    fn use_name(&mut self, name: &str) {
        self.cur().used.insert(name.to_string());
    }

    fn fail(&mut self, offset: u32, message: String) {
        if self.error.is_none() {
            self.error = Some(ScopeError { offset, message });
        }
    }

    /// `global` or `nonlocal` names in the current scope (`symtable_visit_stmt`).
    fn declare(&mut self, names: &[ast::Identifier], at: u32, nonlocal: bool) {
        let word = if nonlocal { "nonlocal" } else { "global" };
        for n in names {
            let name = n.as_str();
            let cur = self.cur();
            let problem = if cur.params.iter().any(|p| p == name) {
                Some(format!("name '{name}' is parameter and {word}"))
            } else if cur.used.contains(name) {
                Some(format!("name '{name}' is used prior to {word} declaration"))
            } else if cur.annotated.contains(name) {
                Some(format!("annotated name '{name}' can't be {word}"))
            } else if cur.bound.contains(name) {
                Some(format!("name '{name}' is assigned to before {word} declaration"))
            } else {
                None
            };
            if let Some(m) = problem {
                self.fail(at, m);
            }
            let cur = self.cur();
            cur.directives.entry(name.to_string()).or_insert(at);
            if nonlocal {
                cur.nonlocals.insert(name.to_string());
            } else {
                cur.globals.insert(name.to_string());
            }
        }
    }

    fn enter(&mut self, key: ScopeKey, kind: ScopeKind, params: Vec<(String, u32)>) -> ScopeKey {
        let parent = self.current;
        let mut raw = RawScope { kind: Some(kind), parent: Some(parent), ..Default::default() };
        // A repeated name is reported at its second place in the source.
        let mut by_place: Vec<&(String, u32)> = params.iter().collect();
        by_place.sort_by_key(|(_, at)| *at);
        for (i, (p, at)) in by_place.iter().enumerate() {
            if by_place[..i].iter().any(|(q, _)| q == p) {
                self.fail(*at, format!("duplicate argument '{p}' in function definition"));
                break;
            }
        }
        let params: Vec<String> = params.into_iter().map(|(p, _)| p).collect();
        for p in &params {
            raw.bound.insert(p.clone());
        }
        raw.params = params;
        self.raw.insert(key, raw);
        std::mem::replace(&mut self.current, key)
    }

    fn params(&mut self, p: &ast::Parameters) -> Vec<(String, u32)> {
        // Defaults and annotations are evaluated in the enclosing scope.
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
        // The frame's layout: positional, keyword-only, `*args`, `**kwargs`; each with
        // where it is written, to report a duplicate there.
        let param = |a: &ast::Parameter| (a.name.as_str().to_string(), a.name.range.start().to_u32());
        let mut names: Vec<(String, u32)> = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            names.push(param(&a.parameter));
        }
        if let Some(v) = &p.vararg {
            names.push(param(v));
        }
        if let Some(k) = &p.kwarg {
            names.push(param(k));
        }
        names
    }

    fn body(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                let params = self.params(&f.parameters);
                self.bind(f.name.as_str());
                let prev = self.enter(key_of(f), ScopeKind::Function, params);
                self.body(&f.body);
                self.current = prev;
            }
            Stmt::ClassDef(c) => {
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.bind(c.name.as_str());
                let prev = self.enter(key_of(c), ScopeKind::Class, Vec::new());
                self.body(&c.body);
                self.current = prev;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t);
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = a.target.as_ref() {
                    self.use_name(n.id.as_str());
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = a.target.as_ref() {
                    self.cur().annotated.insert(n.id.as_str().to_string());
                }
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                }
                // Codegen evaluates a simple name's annotation at module and class level
                // (it goes into `__annotations__`), so a lambda or comprehension in it
                // needs its scope (`x: (lambda: 1)`).
                let evaluated = matches!(self.cur().kind, Some(ScopeKind::Module | ScopeKind::Class));
                if a.simple && evaluated && matches!(a.target.as_ref(), Expr::Name(_)) {
                    self.expr(&a.annotation);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.body(&w.body);
                self.body(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.body(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.body(&c.body);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.target(v);
                    }
                }
                self.body(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(c) = &r.cause {
                    self.expr(c);
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.as_str());
                    }
                    self.body(&h.body);
                }
                self.body(&t.orelse);
                self.body(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str().to_string(),
                        None => a.name.as_str().split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&bound);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().unwrap_or(&a.name);
                    self.bind(n.as_str());
                }
            }
            Stmt::Global(g) => self.declare(&g.names, g.range.start().to_u32(), false),
            Stmt::Nonlocal(n) => {
                let at = n.range.start().to_u32();
                if self.cur().kind == Some(ScopeKind::Module) {
                    self.fail(at, "nonlocal declaration not allowed at module level".into());
                }
                self.declare(&n.names, at, true);
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Match(m) => {
                self.expr(&m.subject);
                for case in &m.cases {
                    self.pattern(&case.pattern);
                    if let Some(g) = &case.guard {
                        self.expr(g);
                    }
                    self.body(&case.body);
                }
            }
            _ => {}
        }
    }

    /// The names a pattern captures are bound; its values and classes are used.
    fn pattern(&mut self, p: &ast::Pattern) {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.expr(&v.value),
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().for_each(|p| self.pattern(p)),
            P::MatchMapping(m) => {
                m.keys.iter().for_each(|k| self.expr(k));
                m.patterns.iter().for_each(|p| self.pattern(p));
                if let Some(r) = &m.rest {
                    self.bind(r.as_str());
                }
            }
            P::MatchClass(c) => {
                self.expr(&c.cls);
                c.arguments.patterns.iter().for_each(|p| self.pattern(p));
                c.arguments.keywords.iter().for_each(|k| self.pattern(&k.pattern));
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.bind(n.as_str());
                }
            }
            P::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p);
                }
                if let Some(n) = &a.name {
                    self.bind(n.as_str());
                }
            }
            P::MatchOr(o) => o.patterns.iter().for_each(|p| self.pattern(p)),
        }
    }

    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.bind(n.id.as_str()),
            Expr::Tuple(tu) => tu.elts.iter().for_each(|e| self.target(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.target(e)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }

    fn comprehension(&mut self, node: &impl Ranged, gens: &[ast::Comprehension], elts: &[&Expr], is_genexp: bool) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = gens.first() {
            self.expr(&first.iter);
        }
        let prev = self.enter(key_of(node), ScopeKind::Implicit, vec![(".0".to_string(), 0)]);
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for cond in &g.ifs {
                self.expr(cond);
            }
        }
        for e in elts {
            self.expr(e);
        }
        if gens.iter().any(|g| g.is_async) {
            self.cur().awaits = true;
        }
        // An asynchronous list/set/dict comprehension is awaited where it is written;
        // an asynchronous generator expression is not.
        let awaited = self.cur().awaits && !is_genexp;
        self.current = prev;
        if awaited {
            self.cur().awaits = true;
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => match n.ctx {
                ast::ExprContext::Load => self.use_name(n.id.as_str()),
                _ => self.bind(n.id.as_str()),
            },
            Expr::Lambda(l) => {
                let params = match &l.parameters {
                    Some(p) => self.params(p),
                    None => Vec::new(),
                };
                let prev = self.enter(key_of(l), ScopeKind::Implicit, params);
                self.expr(&l.body);
                self.current = prev;
            }
            Expr::ListComp(c) => self.comprehension(c, &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comprehension(c, &c.generators, &[&c.elt], false),
            Expr::Generator(c) => self.comprehension(c, &c.generators, &[&c.elt], true),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(c, &c.generators, &elts, false)
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.cur().generator = true;
                walk_children(e, &mut |child| self.expr(child));
            }
            Expr::Await(_) => {
                self.cur().awaits = true;
                walk_children(e, &mut |child| self.expr(child));
            }
            Expr::Named(n) => {
                self.expr(&n.value);
                self.target(&n.target);
            }
            _ => walk_children(e, &mut |child| self.expr(child)),
        }
    }
}

/// Calls `f` on each direct sub-expression of `e` that belongs to the same scope.
pub fn walk_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(|v| f(v)),
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right);
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::If(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse);
        }
        Expr::Dict(d) => {
            for item in &d.items {
                if let Some(k) = &item.key {
                    f(k);
                }
                f(&item.value);
            }
        }
        Expr::Set(s) => s.elts.iter().for_each(|v| f(v)),
        Expr::Await(a) => f(&a.value),
        Expr::Yield(y) => {
            if let Some(v) = &y.value {
                f(v)
            }
        }
        Expr::YieldFrom(y) => f(&y.value),
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(|v| f(v));
        }
        Expr::Call(c) => {
            f(&c.func);
            c.arguments.args.iter().for_each(|v| f(v));
            c.arguments.keywords.iter().for_each(|k| f(&k.value));
        }
        Expr::FString(fs) => {
            for part in fs.value.iter() {
                if let ast::FStringPart::FString(s) = part {
                    walk_interpolations(&s.elements, f);
                }
            }
        }
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice);
        }
        Expr::Starred(s) => f(&s.value),
        Expr::List(l) => l.elts.iter().for_each(|v| f(v)),
        Expr::Tuple(t) => t.elts.iter().for_each(|v| f(v)),
        Expr::Slice(s) => {
            for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                f(part);
            }
        }
        _ => {}
    }
}

fn walk_interpolations(elements: &ast::InterpolatedStringElements, f: &mut dyn FnMut(&Expr)) {
    for el in elements.iter() {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            f(&i.expression);
            if let Some(spec) = &i.format_spec {
                walk_interpolations(&spec.elements, f);
            }
        }
    }
}

fn is_function_like(kind: Option<ScopeKind>) -> bool {
    matches!(kind, Some(ScopeKind::Function) | Some(ScopeKind::Implicit))
}

fn resolve(raw: HashMap<ScopeKey, RawScope>) -> Result<ScopeTable, ScopeError> {
    // Locals of each function-like scope: bound names that are not declared global/nonlocal.
    let locals_of = |r: &RawScope| -> IndexSet<String> {
        r.bound
            .iter()
            .filter(|n| !r.globals.contains(*n) && !r.nonlocals.contains(*n))
            .cloned()
            .collect()
    };
    let mut cells: HashMap<ScopeKey, IndexSet<String>> = HashMap::new();
    let mut frees: HashMap<ScopeKey, IndexSet<String>> = HashMap::new();
    // The resolution error CPython would meet first: the earliest directive.
    let mut error: Option<ScopeError> = None;
    let mut report = |offset: u32, message: String| {
        if error.as_ref().is_none_or(|e| offset < e.offset) {
            error = Some(ScopeError { offset, message });
        }
    };

    for (&key, r) in &raw {
        if r.kind == Some(ScopeKind::Module) {
            continue;
        }
        let own_locals = locals_of(r);
        for name in r.nonlocals.iter().filter(|n| r.globals.contains(*n)) {
            report(r.directives[name], format!("name '{name}' is nonlocal and global"));
        }
        let mut wanted: Vec<&String> = r.nonlocals.iter().collect();
        for n in r.used.iter() {
            if !own_locals.contains(n) && !r.globals.contains(n) && !r.nonlocals.contains(n) {
                wanted.push(n);
            }
        }
        for name in wanted {
            // Walk up to the nearest enclosing function-like scope that binds `name`.
            let mut path = vec![key];
            let mut cur = r.parent;
            let mut found = None;
            while let Some(pk) = cur {
                let p = &raw[&pk];
                if p.kind == Some(ScopeKind::Module) {
                    break;
                }
                if is_function_like(p.kind) {
                    if p.globals.contains(name) {
                        break;
                    }
                    if locals_of(p).contains(name) {
                        found = Some(pk);
                        break;
                    }
                }
                path.push(pk);
                cur = p.parent;
            }
            match found {
                Some(owner) => {
                    cells.entry(owner).or_default().insert(name.clone());
                    for k in path {
                        frees.entry(k).or_default().insert(name.clone());
                    }
                }
                None if r.nonlocals.contains(name) && !r.globals.contains(name) => {
                    report(r.directives[name], format!("no binding for nonlocal '{name}' found"));
                }
                None => {}
            }
        }
    }

    let mut scopes = HashMap::new();
    for (key, r) in &raw {
        let mut scope = Scope {
            kind: r.kind,
            globals: r.globals.clone(),
            generator: r.generator,
            awaits: r.awaits,
            ..Default::default()
        };
        let locals = locals_of(r);
        let my_cells = cells.remove(key).unwrap_or_default();
        let my_frees = frees.remove(key).unwrap_or_default();
        if is_function_like(r.kind) {
            scope.varnames = r.params.clone();
            for n in locals.iter() {
                if !scope.varnames.contains(n) && !my_cells.contains(n) {
                    scope.varnames.push(n.clone());
                }
            }
        }
        scope.cellvars = my_cells.into_iter().collect();
        scope.freevars = my_frees.into_iter().filter(|n| !scope.cellvars.contains(n)).collect();
        scope.locals = locals.into_iter().collect();
        scopes.insert(*key, scope);
    }
    match error {
        Some(e) => Err(e),
        None => Ok(ScopeTable { scopes }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> (ScopeTable, Vec<Stmt>) {
        let parsed = ruff_python_parser::parse_module(src).unwrap();
        let body = parsed.into_syntax().body.to_vec();
        (ScopeTable::build(&body).unwrap(), body)
    }

    fn func_scope<'a>(t: &'a ScopeTable, body: &[Stmt], idx: usize) -> &'a Scope {
        match &body[idx] {
            Stmt::FunctionDef(f) => t.get(key_of(f)),
            _ => panic!("not a def"),
        }
    }

    #[test]
    fn closures_make_cells_and_frees() {
        let (t, body) = table("def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n    return inner\n");
        let outer = func_scope(&t, &body, 0);
        assert_eq!(outer.cellvars, vec!["x".to_string()]);
        assert_eq!(outer.lookup("x"), NameRef::Deref(0));
        let Stmt::FunctionDef(f) = &body[0] else { panic!() };
        let Stmt::FunctionDef(inner) = &f.body[1] else { panic!() };
        let inner = t.get(key_of(inner));
        assert_eq!(inner.freevars, vec!["x".to_string()]);
    }

    #[test]
    fn globals_and_locals() {
        let (t, body) = table("counter = 0\ndef f(a):\n    global counter\n    counter = a\n    b = 2\n    return print(b)\n");
        let f = func_scope(&t, &body, 1);
        assert_eq!(f.lookup("counter"), NameRef::Global);
        assert_eq!(f.lookup("a"), NameRef::Fast(0));
        assert_eq!(f.lookup("b"), NameRef::Fast(1));
        assert_eq!(f.lookup("print"), NameRef::Global);
    }

    #[test]
    fn class_bodies_do_not_enclose_methods() {
        let (t, body) = table("class C:\n    y = 1\n    def m(self):\n        return y\n");
        let Stmt::ClassDef(c) = &body[0] else { panic!() };
        let Stmt::FunctionDef(m) = &c.body[1] else { panic!() };
        assert_eq!(t.get(key_of(m)).lookup("y"), NameRef::Global);
        assert_eq!(t.get(key_of(c)).lookup("y"), NameRef::Name);
    }
}
