//! The program's variables in the trace: while tracing, the stores the program's own code
//! makes into globals and function locals become `ValueSet` events (with a repr cut to 80
//! characters), and a call whose locals were shown leaves with a `FrameLeft`, so the page can
//! show "read 0, write 1" at any event. Recording stops after `MAX_VALUE_EVENTS` events or
//! `MAX_VALUE_BYTES` bytes, with one `ValuesCapped` event.
//!
//! Stores are kept pending until the next event of the trace, and only each variable's last
//! value goes in, just before that event: a loop of ten thousand additions between two
//! scheduling events records its variables once, not ten thousand times, and what the page
//! shows at every event is still exact. Its repr is taken then, as the value is at that event
//! (the store keeps the object weakly, so waiting never keeps it alive). A call that starts
//! and ends between two events was never visible at any of them and records nothing, and
//! costs no repr.
//!
//! Both hooks ride on the VM's tracing STORE seam (`vm::host::Hooks::stored`, which names the
//! primitives too) and on a test of `Frame::trace_id` at frame exit: an untraced run never
//! gets here. Reprs are computed natively, never by calling the program's `__repr__`, so
//! tracing cannot change what the program does (its steps, its time, its output).
//!
//! A container changed in place is news too: each variable recorded holding a list, dict or
//! set is watched (with the containers its repr shows, so `d['k'].append(1)` counts), and the
//! VM reports the values any code may change (`Hooks::touched`: the receiver of a method
//! call, every argument of a call and the receiver of a bound method called, the target of
//! `x[k] = v` and `del x[k]`). Before the next event, each watched variable whose container
//! was touched is shown again if its repr changed, with how (`Change`): `xs.append(1)`,
//! `heapq.heappush(h, 1)` (native), `random.shuffle(xs)` (Python, from the runtime's
//! stdlib) and `helper(xs)` all show the new list. A touch costs a hash lookup per argument,
//! and each touched container is shown again once per event: the cost follows the calls
//! the program makes, never the number of variables watched. The line recorded is the
//! program's own: a touch made by library code (random.py's) takes the line of the
//! program's last call.
//!
//! A native call may go on changing what it was given after an event recorded from a
//! callback it runs (`xs.sort(key=f)` where `f` prints, `d.setdefault(k, v)` where `k`'s
//! `__hash__` prints): its touches stay open (`ValueLog::open`) until the VM says the call
//! returned (`Hooks::touch_done`). Each event while it runs checks them again (the list shows
//! as it is at the print: empty, as CPython's is during a sort), and the first event after
//! it returns shows the result. The cost follows the native calls running with a watched
//! value, never the number of variables.
//!
//! An instance of one of the program's classes shows with its attributes, as they are
//! (`<Counter count=1, items=[2]>`), wherever a variable shows it (`self`, a global, a list
//! of them): it is watched as a container is, and storing an attribute into it, from any code
//! (another method, another task, an object holding it), is a touch (`Change::AttrSet`).
//!
//! Definitions (`def`, `class`, `import`) and primitives (which have their own events) are
//! not recorded.

use crate::trace::{Change, EventKind, Scope, MAX_REPR_CHARS, MAX_VALUE_BYTES, MAX_VALUE_EVENTS};
use crate::vm::frame::Frame;
use crate::vm::host::{Target, Touch};
use crate::vm::value::{Obj, Value};
use crate::vm::Vm;

/// A store waiting for the next event: (call number, 0 for a global; process; name).
type PendingKey = (u32, u32, String);

/// A variable's news for the next event.
#[derive(Debug)]
pub struct Pending {
    /// Where the variable lives.
    scope: Scope,
    /// Its value's repr, or the value stored, whose repr is taken at the event.
    shown: Shown,
    /// The line of the store or change.
    line: u32,
    /// None for an assignment; how its container was changed in place otherwise.
    change: Option<Change>,
    /// A container it shows was touched, and whether that changed it is known only at the
    /// next event: the entry holds the variable's place among the news (in the order they
    /// happened) and goes in only if its repr changed.
    tentative: bool,
}

/// What a pending variable shows. A store keeps its value, and its repr is taken at the next
/// event: a call that stores and returns between two events costs no repr, and the event
/// shows the value as it is then (a list appended to since).
#[derive(Debug)]
enum Shown {
    /// Known already (a change in place, or a touch yet to be checked).
    Repr(String),
    /// A value that is not an object (an int, a str).
    Value(Value),
    /// An object, weakly: waiting for the event never keeps it alive (its `__del__` and weak
    /// references fire as untraced). Gone by then, the variable no longer holds it
    /// (`del x`), and nothing is recorded.
    Obj(std::rc::Weak<Obj>),
}

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

/// A watched value given to a call (or item store) still running, which a native callee
/// may change after an event it causes (`xs.sort(key=f)` where `f` prints).
#[derive(Debug)]
pub struct OpenTouch {
    /// The instruction that made the call: its frame's address and instruction pointer (a
    /// frame cannot run one instruction twice at once, nor move while it runs).
    site: (usize, usize),
    /// The value's address.
    at: usize,
    /// The touch's line, change and lane, copied from `ValueLog::touched` by the first
    /// event during the call (so that a call with no event inside allocates nothing).
    touch: Option<Touched>,
}

/// A touch's line, how it changed the value and the lane that made it.
type Touched = (u32, Change, Option<crate::trace::TaskId>);

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
    /// Each variable's last store or change since the last event, in the order they
    /// happened.
    pub pending: indexmap::IndexMap<PendingKey, Pending>,
    /// Calls with a recorded `ValueSet`: their end is news (`FrameLeft`).
    pub shown: std::collections::HashSet<u32>,
    /// Variables holding a container, by (call number, process) and name.
    pub holders: std::collections::HashMap<(u32, u32), indexmap::IndexMap<String, Holder>>,
    /// Container address → the variables whose repr shows it.
    pub watched: std::collections::HashMap<usize, Vec<PendingKey>>,
    /// Watched containers touched since the last event, with the line, the way and the lane
    /// (task or thread) of the touch that names the change (`touch_one`).
    pub touched: indexmap::IndexMap<usize, Touched>,
    /// The line of the program's own code that last touched or called (the line of a touch
    /// made by library code).
    pub line: u32,
    /// The watched values given to calls that have not returned, innermost call last: each
    /// event checks them again, and the call's return touches them once more.
    pub open: Vec<OpenTouch>,
}

/// The STORE hook while tracing: names primitives (`resources::bound`), then records the
/// value when the program's own code stores into a global or a local.
pub fn stored(vm: &mut Vm, frame: &Frame, target: Target, value: &Value) {
    super::resources::bound(vm, frame, target_copy(&target), value);
    if vm.rt.values.capped {
        return;
    }
    let own = is_program(vm, frame);
    // An attribute stored into an instance a variable shows, by any code: the variable
    // shows it again at the next event.
    if let Target::Attr(obj, attr) = target {
        if !vm.rt.values.watched.is_empty() {
            if own {
                vm.rt.values.line = frame.line();
            }
            let line = vm.rt.values.line;
            touch_one(vm, own, line, obj, How::AttrSet(attr));
        }
    }
    if !own {
        return;
    }
    let (name, local) = match target {
        Target::Local(n) => (n, true),
        Target::Global(n) => (n, false),
        // A class body's names are the class's attributes, not variables.
        Target::Name(n) if frame.namespace.is_none() => (n, false),
        // `self.count = 1` in a method: the call shows, with its `self` (whose repr, taken at
        // the next event, shows the store).
        Target::Attr(obj, _) if is_self(frame, obj) => {
            if frame.trace_id.get() == 0 && !frame.code.name.starts_with('<') {
                local_scope(vm, frame, "");
            }
            return;
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
        local_scope(vm, frame, name)
    } else {
        Scope::Global { process: vm.rt.world.current_process().0, lane: vm.rt.current_task_id() }
    };
    pend(vm, scope, name, value, line);
}

/// The scope of `frame`'s locals; the first time, numbers the call and records its
/// parameters (bound before its first store), all but `name`, about to be stored.
fn local_scope(vm: &mut Vm, frame: &Frame, name: &str) -> Scope {
    let lane = vm.rt.current_task_id();
    let first = frame.trace_id.get() == 0;
    if first {
        vm.rt.values.last_frame += 1;
        frame.trace_id.set(vm.rt.values.last_frame);
    }
    let scope = Scope::Local { lane, frame: frame.trace_id.get(), function: frame.code.name.to_string() };
    if first {
        let line = frame.line();
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
}

/// The touched hook while tracing: values `frame`'s code may change in place.
pub fn touched(vm: &mut Vm, frame: &Frame, touch: Touch) {
    if vm.rt.values.watched.is_empty() || vm.rt.values.capped {
        return;
    }
    let own = is_program(vm, frame);
    if own {
        vm.rt.values.line = frame.line();
    }
    let line = vm.rt.values.line;
    // The watched values given stay open until the call returns (`touch_done`).
    let site = (frame as *const Frame as usize, frame.ip);
    let give = |vm: &mut Vm, at: Option<usize>| {
        if let Some(at) = at {
            vm.rt.values.open.push(OpenTouch { site, at, touch: None });
        }
    };
    match touch {
        Touch::SetItem(obj) => {
            let at = touch_one(vm, own, line, obj, How::ItemSet);
            give(vm, at);
        }
        Touch::DelItem(obj) => {
            let at = touch_one(vm, own, line, obj, How::ItemDeleted);
            give(vm, at);
        }
        Touch::Method { obj, name, args } => {
            let at = touch_one(vm, own, line, obj, How::Method(name));
            give(vm, at);
            for arg in args {
                let at = touch_arg(vm, own, line, arg, name);
                give(vm, at);
            }
        }
        Touch::Call { func, args } => {
            if let Some((recv, name)) = bound(func) {
                let at = touch_one(vm, own, line, recv, How::Method(name));
                give(vm, at);
            }
            if !args.is_empty() {
                let function = callee_name(vm, func);
                for arg in args {
                    let at = touch_arg(vm, own, line, arg, &function);
                    give(vm, at);
                }
            }
        }
    }
}

/// The hook after a call (or item store) whose values `touched` named: it returned, so
/// what it changed after the last event shows at the next one.
pub fn touch_done(vm: &mut Vm, frame: &Frame) {
    if vm.rt.values.open.is_empty() {
        return;
    }
    let site = (frame as *const Frame as usize, frame.ip);
    let log = &mut vm.rt.values;
    // Innermost last (another thread's calls may sit above it when this one blocked), its
    // values side by side.
    let Some(end) = log.open.iter().rposition(|o| o.site == site) else { return };
    let start = log.open[..end].iter().rposition(|o| o.site != site).map_or(0, |i| i + 1);
    for i in start..=end {
        // With no event since the touch, it is still news.
        if let Some(touch) = log.open[i].touch.take() {
            let at = log.open[i].at;
            reopen(log, at, touch);
        }
    }
    log.open.drain(start..=end);
}

/// Touches `at` again, as its open call touched it, unless something did since the last
/// event.
fn reopen(log: &mut ValueLog, at: usize, (line, change, lane): Touched) {
    if log.touched.contains_key(&at) || !log.watched.contains_key(&at) {
        return;
    }
    note(log, at, line, change, lane);
}

/// The first touch of watched `at` since the last event: holds the place of the variables
/// showing it among the news, so that they come in the order things happened
/// (`results.append(x)` before a later store).
fn note(log: &mut ValueLog, at: usize, line: u32, change: Change, lane: Option<crate::trace::TaskId>) {
    for key in log.watched.get(&at).into_iter().flatten() {
        if log.pending.contains_key(key) {
            continue;
        }
        if let Some(h) = log.holders.get(&(key.0, key.1)).and_then(|vars| vars.get(&key.2)) {
            let entry = Pending { scope: h.scope.clone(), shown: Shown::Repr(h.repr.clone()), line, change: Some(change.clone()), tentative: true };
            log.pending.insert(key.clone(), entry);
        }
    }
    log.touched.insert(at, (line, change, lane));
}

/// A change as a touch names it, borrowed: made into a [`Change`] only when it is news (a
/// loop calling `f(xs)` allocates nothing per call).
#[derive(Clone, Copy)]
enum How<'a> {
    Method(&'a str),
    PassedTo(&'a str),
    ItemSet,
    ItemDeleted,
    AttrSet(&'a str),
}

impl How<'_> {
    fn owned(self) -> Change {
        match self {
            How::Method(name) => Change::Method { name: name.to_string() },
            How::PassedTo(function) => Change::PassedTo { function: function.to_string() },
            How::ItemSet => Change::ItemSet,
            How::ItemDeleted => Change::ItemDeleted,
            How::AttrSet(name) => Change::AttrSet { name: name.to_string() },
        }
    }

    fn is(self, change: &Change) -> bool {
        match (self, change) {
            (How::Method(a), Change::Method { name: b })
            | (How::PassedTo(a), Change::PassedTo { function: b })
            | (How::AttrSet(a), Change::AttrSet { name: b }) => a == b,
            (How::ItemSet, Change::ItemSet) | (How::ItemDeleted, Change::ItemDeleted) => true,
            _ => false,
        }
    }

    fn only_reads(self) -> bool {
        match self {
            How::Method(name) | How::PassedTo(name) => READERS.contains(&name),
            How::ItemSet | How::ItemDeleted | How::AttrSet(_) => false,
        }
    }
}

/// Code of the program's own file (not the runtime's library, not a module it imports).
fn is_program(vm: &Vm, frame: &Frame) -> bool {
    !frame.code.internal && *frame.code.filename == *vm.rt.recorder.trace.file
}

/// An argument given to `function`: it may change it, and a bound method given (`map(xs.append,
/// ...)`) may change its receiver.
fn touch_arg(vm: &mut Vm, own: bool, line: u32, arg: &Value, function: &str) -> Option<usize> {
    match bound(arg) {
        Some((recv, name)) => touch_one(vm, own, line, recv, How::Method(name)),
        None => touch_one(vm, own, line, arg, How::PassedTo(function)),
    }
}

/// The receiver and name of a bound method (`xs.append`, `obj.method`).
fn bound(v: &Value) -> Option<(&Value, &str)> {
    let Value::Obj(o) = v else { return None };
    match o.as_ref() {
        Obj::Builtin(b) => b.recv.as_ref().map(|r| (r, b.name)),
        Obj::Method(recv, f) => {
            let name = match f {
                Value::Obj(f) => match f.as_ref() {
                    Obj::Function(f) => &*f.name,
                    Obj::Builtin(b) => b.name,
                    _ => "method",
                },
                _ => "method",
            };
            Some((recv, name))
        }
        _ => None,
    }
}

/// The name a learner knows a callee by (`heappush`, `helper`, `C` for a class).
fn callee_name<'a>(vm: &Vm, func: &'a Value) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    let Value::Obj(o) = func else { return Cow::Owned(vm.type_name(func).to_string()) };
    match o.as_ref() {
        Obj::Function(f) => Cow::Borrowed(&*f.name),
        Obj::Builtin(b) => Cow::Borrowed(b.name),
        Obj::Class(c) => Cow::Borrowed(&*c.name),
        Obj::Method(_, f) => callee_name(vm, f),
        _ => Cow::Owned(vm.type_name(func).to_string()),
    }
}

/// Notes that `value` may have changed (`how`), when a variable shows it; then gives its
/// address, for the call it was given to to keep open.
///
/// Which touch names the change, when several came before an event (only the repr says
/// whether any changed it): the program's own touch wins over the library's it calls
/// (`random.shuffle(xs)` is a shuffle, not the item assignments random.py makes), and a
/// later touch wins unless it only reads (`xs.append(1); print(xs)` is an append) or is a
/// call given an instance whose attribute was stored (`c.n = 1; c.show()` is the store).
fn touch_one(vm: &mut Vm, own: bool, line: u32, value: &Value, how: How) -> Option<usize> {
    let Value::Obj(o) = value else { return None };
    let at = std::rc::Rc::as_ptr(o) as usize;
    if !vm.rt.values.watched.contains_key(&at) {
        return None;
    }
    let lane = vm.rt.current_task_id();
    let log = &mut vm.rt.values;
    match log.touched.get(&at) {
        None => note(log, at, line, how.owned(), lane),
        Some(_) if !own => {}
        // The same touch again (a loop): nothing new.
        Some((l, change, t)) if *l == line && *t == lane && how.is(change) => {}
        // An attribute stored is the news, not the method that stored it (the method's own
        // stores are touches of their own).
        Some((_, Change::AttrSet { .. }, _)) if !matches!(how, How::AttrSet(_)) => {}
        Some((_, change, _)) => {
            if !how.only_reads() || only_reads(change) {
                log.touched.insert(at, (line, how.owned(), lane));
            }
        }
    }
    Some(at)
}

/// A method or built-in function known never to change the containers it is given or
/// called on (a guess about wording only: whether a value changed is its repr's to say).
const READERS: &[&str] = &[
    "print", "len", "repr", "str", "sorted", "list", "tuple", "set", "frozenset", "dict", "sum", "min", "max", "any",
    "all", "enumerate", "zip", "iter", "reversed", "map", "filter", "isinstance", "id", "hash", "format", "bool",
    "type", "count", "index", "copy", "get", "keys", "values", "items", "join", "__contains__", "__getitem__",
    "__len__", "__iter__", "issubset", "issuperset", "isdisjoint", "union", "intersection", "difference",
    "symmetric_difference", "deepcopy", "dumps", "nlargest", "nsmallest", "choice", "sample", "bisect",
    "bisect_left", "bisect_right", "mean", "median", "Counter",
];

/// [`How::only_reads`] of a change recorded.
fn only_reads(change: &Change) -> bool {
    match change {
        Change::Method { name } => READERS.contains(&name.as_str()),
        Change::PassedTo { function } => READERS.contains(&function.as_str()),
        Change::ItemSet | Change::ItemDeleted | Change::AttrSet { .. } => false,
    }
}

/// The variables showing a touched container, shown again where their repr changed.
fn retouch(vm: &mut Vm) {
    let touched = std::mem::take(&mut vm.rt.values.touched);
    for (at, (line, change, lane)) in touched {
        let Some(keys) = vm.rt.values.watched.get(&at).cloned() else { continue };
        for key in keys {
            let Some(h) = vm.rt.values.holders.get(&(key.0, key.1)).and_then(|vars| vars.get(&key.2)) else { continue };
            let Some(obj) = h.value.upgrade() else { continue };
            let (mut scope, old) = (h.scope.clone(), h.repr.clone());
            // A global changed in place names the task that changed it (a local stays in
            // its call's lane).
            if let Scope::Global { lane: l, .. } = &mut scope {
                *l = lane;
            }
            let value = Value::Obj(obj);
            let (repr, parts) = repr_parts(vm, &value);
            if repr != old {
                // Assigned since the last event: the assignment is the news (with the value
                // it holds now).
                let change = match vm.rt.values.pending.get(&key) {
                    Some(Pending { change: None, .. }) => None,
                    _ => Some(change.clone()),
                };
                let entry = Pending { scope: scope.clone(), shown: Shown::Repr(repr.clone()), line, change, tentative: false };
                vm.rt.values.pending.insert(key.clone(), entry);
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
    // What the calls still running were given may have changed since the last event.
    let log = &mut vm.rt.values;
    for i in 0..log.open.len() {
        let at = log.open[i].at;
        match (log.touched.get(&at), &log.open[i].touch) {
            (Some(t), None) => log.open[i].touch = Some(t.clone()),
            (None, Some(t)) => {
                let t = t.clone();
                reopen(log, at, t);
            }
            _ => {}
        }
    }
    if !vm.rt.values.touched.is_empty() {
        retouch(vm);
    }
    let pending = std::mem::take(&mut vm.rt.values.pending);
    for (key, Pending { scope, shown, line, change, tentative }) in pending {
        // A touch that changed nothing.
        if tentative {
            continue;
        }
        let repr = match shown {
            Shown::Repr(repr) => repr,
            Shown::Value(v) => short_repr(vm, &v),
            Shown::Obj(o) => {
                let Some(o) = o.upgrade() else { continue };
                let value = Value::Obj(o);
                let (repr, parts) = repr_parts(vm, &value);
                if !parts.is_empty() {
                    watch(vm, &key, scope.clone(), &value, repr.clone(), parts);
                }
                repr
            }
        };
        let (frame, _, name) = key;
        if !count(vm, (name.len() + repr.len()) as u64) {
            return;
        }
        if frame != 0 {
            vm.rt.values.shown.insert(frame);
        }
        let (t, s) = (vm.rt.now, vm.steps);
        vm.rt.recorder.record(t, s, EventKind::ValueSet { scope, name, repr, line, change });
    }
}

/// Keeps a store until the next event (which records its repr and watches the containers
/// it shows); the variable no longer shows what it held.
fn pend(vm: &mut Vm, scope: Scope, name: &str, value: &Value, line: u32) {
    let key = match &scope {
        Scope::Local { frame, .. } => (*frame, 0, name.to_string()),
        Scope::Global { process, .. } => (0, *process, name.to_string()),
    };
    let shown = match value {
        Value::Obj(o) => Shown::Obj(std::rc::Rc::downgrade(o)),
        v => Shown::Value(v.clone()),
    };
    let log = &mut vm.rt.values;
    if let Some(old) = log.holders.get_mut(&(key.0, key.1)).and_then(|vars| vars.shift_remove(&key.2)) {
        for at in old.parts {
            unwatch(&mut log.watched, at, &key);
        }
    }
    log.pending.insert(key, Pending { scope, shown, line, change: None, tentative: false });
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
/// an instance of the program's class shows its attributes (`<Counter count=1>`), other
/// objects whose repr would run the program's code show as `<Name object>`.
pub fn short_repr(vm: &Vm, v: &Value) -> String {
    repr_parts(vm, v).0
}

/// The containers a repr shows, and the instances it is inside of.
#[derive(Default)]
struct Walk {
    /// The addresses of the lists, dicts, sets and instances shown.
    parts: Vec<usize>,
    /// The instances whose attributes are being written, outermost first.
    path: Vec<usize>,
}

/// [`short_repr`], and the addresses of the lists, dicts, sets and instances it shows (`v`
/// first).
fn repr_parts(vm: &Vm, v: &Value) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut walk = Walk::default();
    write_repr(vm, v, &mut out, 0, &mut walk);
    if out.chars().count() > MAX_REPR_CHARS {
        out = out.chars().take(MAX_REPR_CHARS - 1).collect();
        out.push('…');
    }
    (out, walk.parts)
}

/// Appends the repr of `v` to `out`, stopping once `out` is past the cap (so a long list
/// costs what its first items cost).
fn write_repr(vm: &Vm, v: &Value, out: &mut String, depth: usize, walk: &mut Walk) {
    use std::fmt::Write;
    if out.len() > MAX_REPR_CHARS * 4 {
        return;
    }
    if let Value::Obj(o) = v {
        if matches!(o.as_ref(), Obj::List(_) | Obj::Dict(_) | Obj::Set(_)) || program_instance(o).is_some() {
            walk.parts.push(std::rc::Rc::as_ptr(o) as usize);
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
            Obj::List(items) => seq(vm, &items.borrow(), "[", "]", out, depth, walk),
            Obj::Tuple(items) if items.len() == 1 => seq(vm, items, "(", ",)", out, depth, walk),
            Obj::Tuple(items) => seq(vm, items, "(", ")", out, depth, walk),
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
                    write_repr(vm, &k.0, out, depth + 1, walk);
                    out.push_str(": ");
                    write_repr(vm, v, out, depth + 1, walk);
                }
                out.push('}');
            }
            Obj::Set(s) => {
                let keys: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
                if keys.is_empty() {
                    out.push_str("set()");
                } else {
                    seq(vm, &keys, "{", "}", out, depth, walk);
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
            Obj::Instance(inst) if program_instance(o).is_some() => {
                let class = program_instance(o).unwrap_or_default();
                // Being changed by native code right now: its name only.
                let Ok(attrs) = inst.dict.try_borrow() else {
                    let _ = write!(out, "<{class} object>");
                    return;
                };
                if attrs.is_empty() {
                    let _ = write!(out, "<{class} object>");
                    return;
                }
                // Deep, or an instance inside itself (`node.parent.child`): CPython's `[...]`.
                let at = std::rc::Rc::as_ptr(o) as usize;
                if depth > 3 || walk.path.contains(&at) {
                    let _ = write!(out, "<{class} ...>");
                    return;
                }
                walk.path.push(at);
                // An enum member, as CPython's Enum writes it.
                if let (Some(Value::Str(name)), Some(value)) = (attrs.get("_name_"), attrs.get("_value_")) {
                    let _ = write!(out, "<{class}.{name}: ");
                    write_repr(vm, value, out, depth + 1, walk);
                    out.push('>');
                    walk.path.pop();
                    return;
                }
                let _ = write!(out, "<{class}");
                for (i, (name, value)) in attrs.iter().enumerate() {
                    if out.len() > MAX_REPR_CHARS * 4 {
                        break;
                    }
                    out.push_str(if i == 0 { " " } else { ", " });
                    out.push_str(name);
                    out.push('=');
                    write_repr(vm, value, out, depth + 1, walk);
                }
                out.push('>');
                walk.path.pop();
            }
            _ => {
                let _ = write!(out, "<{} object>", vm.type_name(v));
            }
        },
    }
}

/// The class name of an instance of a class the program defined (whose attributes are the
/// program's state; a library class's are its internals), not an exception.
fn program_instance(o: &Obj) -> Option<&str> {
    let Obj::Instance(inst) = o else { return None };
    let class = inst.class.as_class()?;
    (inst.exc.is_none() && matches!(&*class.module, "__main__" | "__mp_main__")).then_some(&*class.name)
}

fn seq(vm: &Vm, items: &[Value], open: &str, close: &str, out: &mut String, depth: usize, walk: &mut Walk) {
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
        write_repr(vm, v, out, depth + 1, walk);
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
