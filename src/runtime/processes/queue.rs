//! `multiprocessing.Queue` (CPython's `multiprocessing/queues.py`): items are pickled
//! (deep-copied) on `put` and unpickled into the receiving process's own globals on
//! `get`; an item becomes visible at the sender's virtual time.

use super::{copy, detached};
use crate::runtime::threads::blocking::{blocking, Attempt};
use crate::runtime::threads::BlockOn;
use crate::trace::{EventKind, ResourceKind};
use crate::vm::native::{m, recv, NativeObject};
use crate::vm::ops::{int_of, num};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// `multiprocessing.Queue`: items are copied in, and become visible at the sender's time.
pub struct MpQueue {
    /// Its resource id in the trace.
    pub id: u32,
    /// `maxsize`: 0 or less means unbounded.
    pub maxsize: i64,
    /// (time the item was put, the item as copied on put).
    pub items: RefCell<VecDeque<(f64, Value)>>,
}

impl NativeObject for MpQueue {
    fn clear_refs(&self) {
        drop(self.items.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        "multiprocessing.Queue"
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        queue_method_fn(name)
    }
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok("<multiprocessing.queues.Queue object>".into())
    }
}

/// The class `multiprocessing.queues.Queue`.
pub fn register_class(vm: &mut Vm) {
    let class = crate::vm::types::new_class("Queue", "multiprocessing.queues", vec![vm.types.object.clone()], None);
    vm.register_native_class("multiprocessing.Queue", class, None);
}

/// `multiprocessing.Queue(maxsize=0)`.
pub fn new_queue(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let maxsize = a.take_kw("maxsize").or_else(|| a.pos.first().cloned()).and_then(|v| int_of(&v)).unwrap_or(0);
    let id = crate::runtime::resources::new_resource(vm, ResourceKind::Queue, (maxsize > 0).then_some(maxsize));
    Ok(Value::native_obj(MpQueue { id, maxsize, items: RefCell::new(VecDeque::new()) }))
}

fn mpq(o: &Rc<Obj>) -> &MpQueue {
    o.native::<MpQueue>().expect("not a multiprocessing queue")
}

/// The queue's resource id (what the trace names it by).
pub fn queue_id(q: &Rc<Obj>) -> u32 {
    mpq(q).id
}

/// Can a blocked waiter proceed (an item, or room to put)? A getter that waits takes
/// an item put later on another process's clock, and its own clock moves to that time.
pub fn queue_ready(_vm: &Vm, q: &Rc<Obj>, put: bool, _now: f64) -> bool {
    let q = mpq(q);
    let items = q.items.borrow();
    if put {
        q.maxsize <= 0 || (items.len() as i64) < q.maxsize
    } else {
        !items.is_empty()
    }
}

/// Is an item visible to a non-blocking look at time `now`?
fn visible(q: &Rc<Obj>, now: f64) -> bool {
    mpq(q).items.borrow().front().map(|(t, _)| *t <= now).unwrap_or(false)
}

fn queue_put(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let o = recv(&a);
    let item = a.pos.get(1).cloned().ok_or_else(|| vm.type_error("put() missing required argument 'obj'"))?;
    let block = match a.pos.get(2) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = a.pos.get(3).and_then(num).map(|n| n.as_f64());
    let copied = copy::deep_copy(vm, &item, None)?;
    let deadline = timeout.map(|t| vm.rt.now + t);
    let mut item = Some(copied);
    Ok(blocking("put", move |vm| {
        let now = vm.rt.now;
        if queue_ready(vm, &o, true, now) {
            let v = item.take().expect("item");
            // Only an item actually put is a result (a put that times out is not).
            if let Err(e) = detached::on_put(vm, &v) {
                return Attempt::Done(Err(e));
            }
            let text = if vm.tracing() { vm.repr(&v).unwrap_or_default() } else { String::new() };
            let q = mpq(&o);
            q.items.borrow_mut().push_back((now, v));
            vm.rt.world.notify(crate::runtime::threads::WaitKey::Queue(q.id));
            let size = q.items.borrow().len() as u32;
            let task = Some(vm.rt.world.current.0);
            vm.record(EventKind::QueuePut { resource: q.id, task, item: text, size });
            return Attempt::Done(Ok(Value::None));
        }
        if !block || deadline.map(|d| now >= d).unwrap_or(false) {
            return Attempt::Done(Err(vm.exc("Full", "")));
        }
        Attempt::Block(BlockOn::MpQueue { queue: o.clone(), put: true, deadline })
    }))
}

fn queue_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let o = recv(&a);
    let block = match a.pos.get(1) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = a.pos.get(2).and_then(num).map(|n| n.as_f64());
    let deadline = timeout.map(|t| vm.rt.now + t);
    Ok(blocking("get", move |vm| {
        // A child run alone receives what the simulation recorded it receiving.
        match detached::take_received(vm) {
            Some(Ok(Some(v))) => return Attempt::Done(Ok(v)),
            Some(Ok(None)) => return Attempt::Done(Err(vm.exc("Empty", ""))),
            Some(Err(e)) => return Attempt::Done(Err(e)),
            None => {}
        }
        let now = vm.rt.now;
        let available = if block { queue_ready(vm, &o, false, now) } else { visible(&o, now) };
        if available {
            let q = mpq(&o);
            let (put_at, v) = q.items.borrow_mut().pop_front().expect("item");
            vm.rt.world.notify(crate::runtime::threads::WaitKey::Queue(q.id));
            if put_at > vm.rt.now {
                // We waited until the sender put it.
                vm.rt.now = put_at;
            }
            let size = q.items.borrow().len() as u32;
            let text = if vm.tracing() { vm.repr(&v).unwrap_or_default() } else { String::new() };
            let task = Some(vm.rt.world.current.0);
            vm.record(EventKind::QueueGot { resource: q.id, task, item: text, size });
            // The receiving process unpickles its own copy, bound to its own globals.
            let pid = vm.rt.world.current_process();
            let globals = vm.rt.world.process(pid).globals.clone();
            let received = copy::deep_copy(vm, &v, Some(globals));
            if let Ok(item) = &received {
                detached::on_received(vm, Some(item));
            }
            return Attempt::Done(received);
        }
        if !block || deadline.map(|d| now >= d).unwrap_or(false) {
            detached::on_received(vm, None);
            return Attempt::Done(Err(vm.exc("Empty", "")));
        }
        Attempt::Block(BlockOn::MpQueue { queue: o.clone(), put: false, deadline })
    }))
}

/// The methods of `multiprocessing.Queue` (`put`, `get`, their `_nowait` forms, `qsize`,
/// `empty`, `full`, `close`), unbound.
pub fn queue_method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "put" => m("put", queue_put),
        "get" => m("get", queue_get),
        "put_nowait" => m("put_nowait", |vm, a| {
            let mut pos = a.pos.clone();
            pos.truncate(2);
            pos.push(Value::Bool(false));
            queue_put(vm, Args::new(pos))
        }),
        "get_nowait" => m("get_nowait", |vm, a| queue_get(vm, Args::new(vec![a.pos[0].clone(), Value::Bool(false)]))),
        "qsize" => m("qsize", |vm, a| {
            let now = vm.rt.now;
            let n = detached::waiting_items(vm).unwrap_or_else(|| mpq(&recv(&a)).items.borrow().iter().filter(|(t, _)| *t <= now).count());
            Ok(Value::Int(n as i64))
        }),
        "empty" => m("empty", |vm, a| {
            let empty = detached::waiting_items(vm).map_or_else(|| !visible(&recv(&a), vm.rt.now), |n| n == 0);
            Ok(Value::Bool(empty))
        }),
        "full" => m("full", |vm, a| {
            let now = vm.rt.now;
            Ok(Value::Bool(!queue_ready(vm, &recv(&a), true, now)))
        }),
        "close" | "join_thread" | "cancel_join_thread" => m("close", |_vm, _a| Ok(Value::None)),
        _ => return None,
    })
}
