//! The trace's resources: every lock, semaphore, event, condition and queue of a run,
//! asyncio's, threading's and multiprocessing's alike, gets an id and a display name.

use crate::trace::{EventKind, ResourceKind};
use crate::vm::frame::Frame;
use crate::vm::value::{Obj, Value};
use crate::vm::host::Target;
use crate::vm::Vm;

/// Register a new resource in the trace. It is named by kind and creation order
/// (`Lock #1`, `Queue #2`), the name reports and the timeline use.
pub fn new_resource(vm: &mut Vm, kind: ResourceKind, capacity: Option<i64>) -> u32 {
    let id = vm.rt.fresh_id();
    let label = resource_label(kind);
    let n = vm.rt.resource_counts.entry(label).or_insert(0);
    *n += 1;
    let name = format!("{label} #{n}");
    vm.rt.resource_names.insert(id, name.clone());
    vm.record(EventKind::ResourceCreated { resource: id, kind, name, capacity });
    id
}

fn resource_label(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Lock => "Lock",
        ResourceKind::Semaphore => "Semaphore",
        ResourceKind::BoundedSemaphore => "BoundedSemaphore",
        ResourceKind::Event => "Event",
        ResourceKind::Condition => "Condition",
        ResourceKind::Queue => "Queue",
        ResourceKind::PriorityQueue => "PriorityQueue",
        ResourceKind::LifoQueue => "LifoQueue",
    }
}

/// The display name of a resource (`Lock #1`).
pub fn resource_name(vm: &Vm, id: u32) -> String {
    vm.rt.resource_names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}


/// The trace id of the primitive `v` is, if it is one: a runtime object (`asyncio.Lock`,
/// `threading.Lock`, a queue), or a class of the runtime's Python code that keeps one
/// (`asyncio.Condition`'s `_id`, `queue.Queue`'s `_resource`, the lock under a `threading`
/// `Condition`, `Semaphore` or `Event`).
pub fn resource_of(v: &Value) -> Option<u32> {
    let Value::Obj(o) = v else { return None };
    match o.as_ref() {
        Obj::Native(n) => n.resource_id(),
        Obj::Instance(i) => {
            let dict = i.dict.borrow();
            if let Some(Value::Int(id)) = dict.get("_id").or_else(|| dict.get("_resource")) {
                return Some(*id as u32);
            }
            let inner = dict.get("_lock").or_else(|| dict.get("_cond"))?.clone();
            drop(dict);
            // One level down only: `Semaphore._cond` is a `Condition`, whose `_lock` is native.
            match &inner {
                Value::Obj(o) => match o.as_ref() {
                    Obj::Native(n) => n.resource_id(),
                    Obj::Instance(c) => match c.dict.borrow().get("_lock") {
                        Some(Value::Obj(l)) => match l.as_ref() {
                            Obj::Native(n) => n.resource_id(),
                            _ => None,
                        },
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// The STORE hook (only while tracing): the first time a primitive is stored, the trace
/// learns the program's name for it (`bathroom_key`, `self.lock`), used from then on instead
/// of `Lock #1`. Stores in the runtime's own Python code mark it internal instead.
pub fn bound(vm: &mut Vm, frame: &Frame, target: Target, value: &Value) {
    let name = || match &target {
        Target::Local(n) | Target::Global(n) | Target::Name(n) => n.to_string(),
        Target::Attr(obj, attr) => {
            let owner = frame.fast.iter().position(|v| matches!((v, obj), (Some(Value::Obj(a)), Value::Obj(b)) if std::rc::Rc::ptr_eq(a, b)));
            match owner.and_then(|i| frame.code.varnames.get(i)) {
                Some(owner) => format!("{owner}.{attr}"),
                None => attr.to_string(),
            }
        }
    };
    let Value::Obj(o) = value else { return };
    match o.as_ref() {
        Obj::Native(_) | Obj::Instance(_) => bind(vm, frame, value, name),
        // `a = (asyncio.Lock(), "lock A")`: the lock is `a[0]`. Naming it by a later store
        // (a function's parameter, unpacked in each caller differently) would call one lock
        // by another's name; one level of tuple or list is where programs pair them.
        Obj::Tuple(items) => {
            for (i, item) in items.iter().enumerate().take(16) {
                bind(vm, frame, item, || format!("{}[{i}]", name()));
            }
        }
        Obj::List(items) => {
            let items: Vec<Value> = items.borrow().iter().take(16).cloned().collect();
            for (i, item) in items.iter().enumerate() {
                bind(vm, frame, item, || format!("{}[{i}]", name()));
            }
        }
        _ => {}
    }
}

/// Names the primitive `value` (if it is one) `name()`, unless the program named it already.
fn bind(vm: &mut Vm, frame: &Frame, value: &Value, name: impl FnOnce() -> String) {
    if !matches!(value, Value::Obj(o) if matches!(o.as_ref(), Obj::Native(_) | Obj::Instance(_))) {
        return;
    }
    let Some(id) = resource_of(value) else { return };
    let internal = *frame.code.filename != *vm.rt.recorder.trace.file;
    // The program's first store names it; the runtime's own stores (the lock inside a
    // `threading.Semaphore`, a `Pool`'s queues) only mark it internal until then.
    match vm.rt.resource_bound.get(&id) {
        Some(true) => return,
        Some(false) if internal => return,
        _ => {}
    }
    vm.rt.resource_bound.insert(id, !internal);
    let name = name();
    if !internal {
        vm.rt.resource_names.insert(id, name.clone());
    }
    vm.record(EventKind::ResourceBound { resource: id, name, internal });
}

/// A short repr of a plain value (string, number, bool, None) for labels; `None` for anything
/// whose repr could run the program's code or be long.
pub fn plain_repr(v: &Value) -> Option<String> {
    Some(match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::builtins::format::float_repr(*f),
        Value::Str(s) if s.chars().count() <= 24 => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        _ => return None,
    })
}

/// The asyncio task suspended on future `f`, if any (for the trace: who a hand-off wakes).
pub fn task_awaiting(vm: &Vm, f: &std::rc::Rc<Obj>) -> Option<crate::trace::TaskId> {
    use crate::runtime::asyncio::future::fut;
    let l = vm.rt.event_loop.as_ref()?;
    l.tasks.iter().find_map(|t| {
        let st = fut(t).task.as_ref()?.borrow();
        st.fut_waiter.as_ref().filter(|w| std::rc::Rc::ptr_eq(w, f)).map(|_| st.id)
    })
}
