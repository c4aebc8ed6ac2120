//! The program's variables in the trace: while tracing, the stores the program's own code
//! makes into globals and function locals become `ValueSet` events (with a repr cut to 80
//! characters), and a call whose locals were shown leaves with a `FrameLeft`, so the page can
//! show "read 0, write 1" at any event. Recording stops after `MAX_VALUE_EVENTS` events or
//! `MAX_VALUE_BYTES` bytes, with one `ValuesCapped` event.
//!
//! Stores are kept pending until the next event of the trace, and only each variable's last
//! value goes in, just before that event: a loop of ten thousand additions between two
//! scheduling events records its variables once, not ten thousand times, and what the page
//! shows at every event is still exact. A call that starts and ends between two events was
//! never visible at any of them and records nothing.
//!
//! Both hooks ride on the VM's tracing STORE seam (`vm::host::Hooks::stored`, which names the
//! primitives too) and on a test of `Frame::trace_id` at frame exit: an untraced run never
//! gets here. Reprs are computed natively, never by calling the program's `__repr__`, so
//! tracing cannot change what the program does (its steps, its time, its output).
//!
//! A container changed in place is news too: each variable recorded holding a list, dict or
//! set is watched (with the containers its repr shows, so `d['k'].append(1)` counts), and the
//! VM reports the containers the program's code may change (`Hooks::touched`: the receiver
//! of a method call, the target of `x[k] = v` and `del x[k]`). Before the next event, each
//! watched variable whose container was touched is shown again if its repr changed, so
//! `xs.append(1)` shows the new list. Not seen: a change made by a function the container is
//! passed to (`heapq.heappush(h, x)`, `random.shuffle(xs)`).
//!
//! An attribute a method stores on its `self` (`self.count += 1`) shows among that call's
//! locals as `self.count`. Other attributes are not recorded.
//!
//! Definitions (`def`, `class`, `import`) and primitives (which have their own events) are
//! not recorded.

use crate::trace::{EventKind, Scope, MAX_REPR_CHARS, MAX_VALUE_BYTES, MAX_VALUE_EVENTS};
use crate::vm::frame::Frame;
use crate::vm::host::Target;
use crate::vm::value::{Obj, Value};
use crate::vm::Vm;

/// A store waiting for the next event: (call number, 0 for a global; process; name).
type PendingKey = (u32, u32, String);

/// A recorded variable that holds a container, watched for changes in place.
#[derive(Debug)]
pub struct Holder {
    /// Where the variable lives.
    scope: Scope,
    /// What it holds: weak, so that watching never keeps a value alive (and its address
    /// cannot be reused while it is watched).
    value: std::rc::Weak<Obj>,
    /// The repr last recorded.
    repr: String,
    /// The addresses of the containers its repr shows (itself first).
    parts: Vec<usize>,
}

/// How many value events and bytes a run has recorded, the stores pending, and the
/// numbering of calls.
#[derive(Debug, Default)]
pub struct ValueLog {
    /// Value events recorded.
    pub events: u64,
    /// Bytes of names and reprs recorded.
    pub bytes: u64,
    /// The cap was reached: nothing more is recorded.
    pub capped: bool,
    /// The last call number given (`Scope::Local::frame`).
    pub last_frame: u32,
    /// Each variable's last store since the last event: (scope, repr, line).
    pub pending: indexmap::IndexMap<PendingKey, (Scope, String, u32)>,
    /// Calls with a recorded `ValueSet`: their end is news (`FrameLeft`).
    pub shown: std::collections::HashSet<u32>,
    /// Variables holding a container, by (call number, process) and name.
    pub holders: std::collections::HashMap<(u32, u32), indexmap::IndexMap<String, Holder>>,
    /// Container address → the variables whose repr shows it.
    pub watched: std::collections::HashMap<usize, Vec<PendingKey>>,
    /// Watched containers touched since the last event, with the line that touched each.
    pub touched: indexmap::IndexMap<usize, u32>,
}

/// The STORE hook while tracing: names primitives (`resources::bound`), then records the
/// value when the program's own code stores into a global or a local.
pub fn stored(vm: &mut Vm, frame: &Frame, target: Target, value: &Value) {
    super::resources::bound(vm, frame, target_copy(&target), value);
    if vm.rt.values.capped || frame.code.internal || *frame.code.filename != *vm.rt.recorder.trace.file {
        return;
    }
    let (name, local) = match target {
        Target::Local(n) => (n, true),
        Target::Global(n) => (n, false),
        // A class body's names are the class's attributes, not variables.
        Target::Name(n) if frame.namespace.is_none() => (n, false),
        // `self.count = 1` in a method: shown among its locals as `self.count`.
        Target::Attr(obj, attr) if is_self(frame, obj) => {
            let name = format!("self.{attr}");
            return store(vm, frame, &name, true, value);
        }
        Target::Name(_) | Target::Attr(..) => return,
    };
    store(vm, frame, name, local, value);
}

/// The first parameter of a method, named `self`, holding `obj`.
fn is_self(frame: &Frame, obj: &Value) -> bool {
    frame.code.argcount > 0
        && frame.code.varnames.first().is_some_and(|n| &**n == "self")
        && matches!((frame.fast.first(), obj), (Some(Some(Value::Obj(a))), Value::Obj(b)) if std::rc::Rc::ptr_eq(a, b))
}

/// Records `value` stored into `name` (a local of `frame`, or a global).
fn store(vm: &mut Vm, frame: &Frame, name: &str, local: bool, value: &Value) {
    // Comprehensions are calls of their own in CPython 3.11; their loop variables would
    // drown the program's own.
    if local && frame.code.name.starts_with('<') {
        return;
    }
    // Definitions (`def`, `class`, `import`) are not the program's state, and a primitive
    // stored in a variable has its own event (`ResourceBound`) and place in the state panel.
    if is_definition(value) || super::resources::resource_of(value).is_some() {
        return;
    }
    let line = frame.line();
    let scope = if local {
        let lane = vm.rt.current_task_id();
        let first = frame.trace_id.get() == 0;
        if first {
            vm.rt.values.last_frame += 1;
            frame.trace_id.set(vm.rt.values.last_frame);
        }
        let scope = Scope::Local { lane, frame: frame.trace_id.get(), function: frame.code.name.to_string() };
        if first {
            // The call's parameters, bound before its first store.
            let params = (frame.code.argcount + frame.code.kwonlyargcount) as usize
                + frame.code.has_varargs as usize
                + frame.code.has_varkw as usize;
            for i in 0..params.min(frame.fast.len()) {
                let param = &frame.code.varnames[i];
                if **param == *name {
                    continue;
                }
                if let Some(v) = frame.fast[i].as_ref().filter(|v| !is_definition(v) && super::resources::resource_of(v).is_none()) {
                    pend(vm, scope.clone(), param, v, line);
                }
            }
        }
        scope
    } else {
        Scope::Global { process: vm.rt.world.current_process().0, lane: vm.rt.current_task_id() }
    };
    pend(vm, scope, name, value, line);
}

/// The touched hook while tracing: `value` may be changed in place by `frame`'s code.
pub fn touched(vm: &mut Vm, frame: &Frame, value: &Value) {
    let log = &mut vm.rt.values;
    if log.watched.is_empty() || log.capped {
        return;
    }
    if let Value::Obj(o) = value {
        let at = std::rc::Rc::as_ptr(o) as usize;
        if log.watched.contains_key(&at) {
            log.touched.insert(at, frame.line());
        }
    }
}

/// The variables showing a touched container, shown again where their repr changed.
fn retouch(vm: &mut Vm) {
    let touched = std::mem::take(&mut vm.rt.values.touched);
    for (at, line) in touched {
        let Some(keys) = vm.rt.values.watched.get(&at).cloned() else { continue };
        for key in keys {
            let Some(h) = vm.rt.values.holders.get(&(key.0, key.1)).and_then(|vars| vars.get(&key.2)) else { continue };
            let Some(obj) = h.value.upgrade() else { continue };
            let (scope, old) = (h.scope.clone(), h.repr.clone());
            let value = Value::Obj(obj);
            let (repr, parts) = repr_parts(vm, &value);
            if repr != old {
                vm.rt.values.pending.insert(key.clone(), (scope.clone(), repr.clone(), line));
            }
            watch(vm, &key, scope, &value, repr, parts);
        }
    }
}

/// Watches the containers `value` (just recorded as `repr` in variable `key`) shows, or stops
/// watching the variable when it holds none.
fn watch(vm: &mut Vm, key: &PendingKey, scope: Scope, value: &Value, repr: String, parts: Vec<usize>) {
    let log = &mut vm.rt.values;
    let old = log.holders.get_mut(&(key.0, key.1)).and_then(|vars| vars.shift_remove(&key.2));
    for at in old.map(|h| h.parts).unwrap_or_default() {
        unwatch(&mut log.watched, at, key);
    }
    let Value::Obj(o) = value else { return };
    if parts.is_empty() {
        return;
    }
    for &at in &parts {
        log.watched.entry(at).or_default().push(key.clone());
    }
    let holder = Holder { scope, value: std::rc::Rc::downgrade(o), repr, parts };
    log.holders.entry((key.0, key.1)).or_default().insert(key.2.clone(), holder);
}

fn unwatch(watched: &mut std::collections::HashMap<usize, Vec<PendingKey>>, at: usize, key: &PendingKey) {
    if let Some(keys) = watched.get_mut(&at) {
        keys.retain(|k| k != key);
        if keys.is_empty() {
            watched.remove(&at);
        }
    }
}

/// Stops watching the variables of call `id` (it returned).
fn forget_call(vm: &mut Vm, id: u32) {
    let log = &mut vm.rt.values;
    for (name, h) in log.holders.remove(&(id, 0)).unwrap_or_default() {
        let key = (id, 0, name);
        for at in h.parts {
            unwatch(&mut log.watched, at, &key);
        }
    }
}

/// The frame hook while tracing: a call whose locals were recorded is over (or yielded).
pub fn frame_left(vm: &mut Vm, frame: &Frame, returned: bool) {
    if vm.rt.values.capped || !vm.tracing() {
        return;
    }
    let id = frame.trace_id.get();
    let lane = vm.rt.current_task_id();
    let log = &mut vm.rt.values;
    if !log.shown.contains(&id) {
        // Never seen at any event: its stores are moot.
        log.pending.retain(|k, _| k.0 != id);
        if returned {
            forget_call(vm, id);
        }
        return;
    }
    if returned {
        log.pending.retain(|k, _| k.0 != id);
        log.shown.remove(&id);
        forget_call(vm, id);
    } else {
        // A generator that yields keeps its locals: the ones it stored go in first.
        flush(vm);
    }
    if count(vm, 0) {
        vm.record(EventKind::FrameLeft { lane, frame: id, returned });
    }
}

/// Records the pending stores (each variable's last), in the order first stored. Called
/// before every other event is recorded (`Vm::record`) and at the end of the run.
pub fn flush(vm: &mut Vm) {
    if !vm.rt.values.touched.is_empty() {
        retouch(vm);
    }
    let pending = std::mem::take(&mut vm.rt.values.pending);
    for ((frame, _, name), (scope, repr, line)) in pending {
        if !count(vm, (name.len() + repr.len()) as u64) {
            return;
        }
        if frame != 0 {
            vm.rt.values.shown.insert(frame);
        }
        let (t, s) = (vm.rt.now, vm.steps);
        vm.rt.recorder.record(t, s, EventKind::ValueSet { scope, name, repr, line });
    }
}

/// Keeps a store until the next event, and watches the containers the value shows.
fn pend(vm: &mut Vm, scope: Scope, name: &str, value: &Value, line: u32) {
    let key = match &scope {
        Scope::Local { frame, .. } => (*frame, 0, name.to_string()),
        Scope::Global { process, .. } => (0, *process, name.to_string()),
    };
    let (repr, parts) = repr_parts(vm, value);
    vm.rt.values.pending.insert(key.clone(), (scope.clone(), repr.clone(), line));
    if !parts.is_empty() || vm.rt.values.holders.contains_key(&(key.0, key.1)) {
        watch(vm, &key, scope, value, repr, parts);
    }
}

/// A function, class, module or built-in: what `def`, `class` and `import` store.
fn is_definition(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(o.as_ref(), Obj::Function(_) | Obj::Class(_) | Obj::Module(_) | Obj::Builtin(_)))
}

fn target_copy<'a>(t: &Target<'a>) -> Target<'a> {
    match *t {
        Target::Local(n) => Target::Local(n),
        Target::Global(n) => Target::Global(n),
        Target::Name(n) => Target::Name(n),
        Target::Attr(o, a) => Target::Attr(o, a),
    }
}

/// Counts one value event of `bytes`; at the cap, records `ValuesCapped` and says no.
fn count(vm: &mut Vm, bytes: u64) -> bool {
    let log = &mut vm.rt.values;
    if log.capped {
        return false;
    }
    if log.events >= MAX_VALUE_EVENTS || log.bytes + bytes > MAX_VALUE_BYTES {
        log.capped = true;
        let recorded = log.events;
        log.pending.clear();
        let (t, s) = (vm.rt.now, vm.steps);
        vm.rt.recorder.record(t, s, EventKind::ValuesCapped { recorded });
        return false;
    }
    log.events += 1;
    log.bytes += bytes;
    true
}

/// `repr(v)` as CPython writes it for built-in values, cut to [`MAX_REPR_CHARS`] characters;
/// objects whose repr would run the program's code show as `<Name object>`.
pub fn short_repr(vm: &Vm, v: &Value) -> String {
    repr_parts(vm, v).0
}

/// [`short_repr`], and the addresses of the lists, dicts and sets it shows (`v` first).
fn repr_parts(vm: &Vm, v: &Value) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut parts = Vec::new();
    write_repr(vm, v, &mut out, 0, &mut parts);
    if out.chars().count() > MAX_REPR_CHARS {
        out = out.chars().take(MAX_REPR_CHARS - 1).collect();
        out.push('…');
    }
    (out, parts)
}

/// Appends the repr of `v` to `out`, stopping once `out` is past the cap (so a long list
/// costs what its first items cost).
fn write_repr(vm: &Vm, v: &Value, out: &mut String, depth: usize, parts: &mut Vec<usize>) {
    use std::fmt::Write;
    if out.len() > MAX_REPR_CHARS * 4 {
        return;
    }
    if let Value::Obj(o) = v {
        if matches!(o.as_ref(), Obj::List(_) | Obj::Dict(_) | Obj::Set(_)) {
            parts.push(std::rc::Rc::as_ptr(o) as usize);
        }
    }
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::BigInt(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Float(f) => out.push_str(&crate::builtins::format::float_repr(*f)),
        Value::Str(s) => write_str(s, out),
        Value::Obj(o) => match o.as_ref() {
            Obj::List(items) => seq(vm, &items.borrow(), "[", "]", out, depth, parts),
            Obj::Tuple(items) if items.len() == 1 => seq(vm, items, "(", ",)", out, depth, parts),
            Obj::Tuple(items) => seq(vm, items, "(", ")", out, depth, parts),
            Obj::Dict(d) => {
                let d = d.borrow();
                if depth > 3 {
                    out.push_str("{...}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in d.iter().enumerate() {
                    if out.len() > MAX_REPR_CHARS * 4 {
                        break;
                    }
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(vm, &k.0, out, depth + 1, parts);
                    out.push_str(": ");
                    write_repr(vm, v, out, depth + 1, parts);
                }
                out.push('}');
            }
            Obj::Set(s) => {
                let keys: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
                if keys.is_empty() {
                    out.push_str("set()");
                } else {
                    seq(vm, &keys, "{", "}", out, depth, parts);
                }
            }
            Obj::Bytes(_) | Obj::ByteArray(_) => out.push_str(&crate::builtins::bytes::repr_of(o).unwrap_or_default()),
            Obj::Range(a, b, 1) => {
                let _ = write!(out, "range({a}, {b})");
            }
            Obj::Range(a, b, c) => {
                let _ = write!(out, "range({a}, {b}, {c})");
            }
            Obj::Function(f) => {
                let _ = write!(out, "<function {}>", f.name);
            }
            Obj::Class(c) => {
                let _ = write!(out, "<class '{}'>", c.name);
            }
            Obj::Module(m) => {
                let _ = write!(out, "<module '{}'>", m.name);
            }
            Obj::Coroutine(c) => {
                let _ = write!(out, "<coroutine {}>", c.borrow().qualname);
            }
            Obj::Builtin(b) => {
                let _ = write!(out, "<built-in function {}>", b.name);
            }
            _ => {
                let _ = write!(out, "<{} object>", vm.type_name(v));
            }
        },
    }
}

fn seq(vm: &Vm, items: &[Value], open: &str, close: &str, out: &mut String, depth: usize, parts: &mut Vec<usize>) {
    if depth > 3 {
        out.push_str(open);
        out.push_str("...");
        out.push_str(close);
        return;
    }
    out.push_str(open);
    for (i, v) in items.iter().enumerate() {
        if out.len() > MAX_REPR_CHARS * 4 {
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(vm, v, out, depth + 1, parts);
    }
    out.push_str(close);
}

/// A `str`'s repr, quoted as CPython quotes it (single quotes unless the text has one and no
/// double quote), cut once past the cap.
fn write_str(s: &str, out: &mut String) {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(q);
    for (n, c) in s.chars().enumerate() {
        if n > MAX_REPR_CHARS {
            break;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                use std::fmt::Write;
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
}
