//! `asyncio.Queue`, `PriorityQueue` and `LifoQueue`, modelled on CPython's `queues.py`.
//!
//! `put` waits while the queue is full, `get` while it is empty; each queues a waiter
//! future and re-checks when woken (a `get_nowait()` from another task may take the item
//! a woken getter was woken for: getters are not protected, exactly as in CPython).
//! `put_nowait` wakes the first getter not done; `get_nowait` wakes the first putter.
//! A waiter cancelled after being woken wakes the next one if the queue still allows it.
//! `task_done`/`join` count unfinished items through an internal `Event`.

use super::event::{self, Wait as EventWait};
use super::{coro, m};
use crate::runtime::asyncio::future::{self, fut, Label};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::ops::int_of;
use crate::vm::native::{recv, AwaitableFn, NativeObject};
use crate::vm::value::{NativeFn, Args, NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// Which order items leave in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    /// `asyncio.Queue`: first in, first out.
    Fifo,
    /// `asyncio.PriorityQueue`: smallest first (a heap).
    Priority,
    /// `asyncio.LifoQueue`: last in, first out.
    Lifo,
}

impl QueueKind {
    /// The class name (`Queue`, `PriorityQueue`, `LifoQueue`).
    fn class_name(self) -> &'static str {
        match self {
            QueueKind::Fifo => "Queue",
            QueueKind::Priority => "PriorityQueue",
            QueueKind::Lifo => "LifoQueue",
        }
    }
}

/// An `asyncio` queue (CPython's `queues.Queue`).
pub struct Queue {
    /// Its resource id in the trace.
    pub id: u32,
    /// Which order items leave in.
    pub kind: QueueKind,
    /// `maxsize`: 0 or less is unbounded.
    pub maxsize: i64,
    /// The items, in the kind's storage order.
    pub items: RefCell<VecDeque<Value>>,
    getters: RefCell<VecDeque<Rc<Obj>>>,
    putters: RefCell<VecDeque<Rc<Obj>>>,
    unfinished: Cell<i64>,
    /// `_finished`: set when every item put has been marked done.
    finished: Rc<Obj>,
}

impl Queue {
    /// `Queue(maxsize=0)` of the class named `class`, recorded as a new resource.
    pub fn new(vm: &mut Vm, class: &str, mut args: Args) -> PyResult<Queue> {
        let kind = match class {
            "PriorityQueue" => QueueKind::Priority,
            "LifoQueue" => QueueKind::Lifo,
            _ => QueueKind::Fifo,
        };
        let m = args.take_kw("maxsize").or_else(|| args.pos.first().cloned()).unwrap_or(Value::Int(0));
        let maxsize = int_of(&m).ok_or_else(|| vm.type_error("maxsize must be an integer"))?;
        let rk = match kind {
            QueueKind::Fifo => ResourceKind::Queue,
            QueueKind::Priority => ResourceKind::PriorityQueue,
            QueueKind::Lifo => ResourceKind::LifoQueue,
        };
        let id = crate::runtime::resources::new_resource(vm, rk, if maxsize > 0 { Some(maxsize) } else { None });
        let finished = crate::vm::value::new_obj(Obj::Native(Box::new(event::Event::new(vm))));
        event::set(vm, &finished);
        Ok(Queue {
            id,
            kind,
            maxsize,
            items: RefCell::new(VecDeque::new()),
            getters: RefCell::new(VecDeque::new()),
            putters: RefCell::new(VecDeque::new()),
            unfinished: Cell::new(0),
            finished,
        })
    }

    fn full(&self) -> bool {
        self.maxsize > 0 && self.items.borrow().len() as i64 >= self.maxsize
    }

    fn empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    /// `repr(queue)`, as CPython's `Queue.__repr__`.
    pub fn repr(&self, vm: &mut Vm) -> PyResult<String> {
        let mut s = format!("<{} maxsize={}", self.kind.class_name(), self.maxsize);
        let items: Vec<Value> = self.items.borrow().iter().cloned().collect();
        if !items.is_empty() {
            s.push_str(&format!(" _queue={}", vm.repr(&Value::list(items))?));
        }
        if self.unfinished.get() > 0 {
            s.push_str(&format!(" tasks={}", self.unfinished.get()));
        }
        s.push('>');
        Ok(s)
    }
}

impl NativeObject for Queue {
    fn clear_refs(&self) {
        drop(self.items.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
        drop(self.getters.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
        drop(self.putters.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        match self.kind {
            QueueKind::Fifo => "asyncio.Queue",
            QueueKind::Priority => "asyncio.PriorityQueue",
            QueueKind::Lifo => "asyncio.LifoQueue",
        }
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        method_fn(name)
    }
    fn attr(&self, _vm: &mut Vm, _me: &Value, name: &str) -> Option<Value> {
        (name == "maxsize").then_some(Value::Int(self.maxsize))
    }
    fn awaitable_method(&self, name: &str) -> Option<AwaitableFn> {
        match name {
            "get" => Some(|a| Some(Box::new(Transfer::get(a[0].as_obj()?.clone())))),
            "put" => Some(|a| {
                let item = a.get(1)?.clone();
                Some(Box::new(Transfer::put(a[0].as_obj()?.clone(), item)))
            }),
            _ => None,
        }
    }
    fn repr(&self, vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Queue::repr(self, vm)
    }
}

fn queue(o: &Rc<Obj>) -> &Queue {
    o.native::<Queue>().expect("not a queue")
}

/// `_wakeup_next(waiters)`: pop waiters until one not done is woken.
fn wakeup_next(vm: &mut Vm, waiters: &RefCell<VecDeque<Rc<Obj>>>) {
    loop {
        let next = waiters.borrow_mut().pop_front();
        let Some(w) = next else { return };
        if !fut(&w).is_done() {
            let _ = future::set_result(vm, &w, Value::None);
            return;
        }
    }
}

fn item_text(vm: &mut Vm, v: &Value) -> String {
    let mut s = vm.repr(v).unwrap_or_else(|_| "?".into());
    if s.len() > 60 {
        s.truncate(57);
        s.push_str("...");
    }
    s
}

/// `put_nowait(item)`.
pub fn put_nowait(vm: &mut Vm, o: &Rc<Obj>, item: Value) -> PyResult<()> {
    let q = queue(o);
    if q.full() {
        return Err(vm.exc("QueueFull", ""));
    }
    let text = if vm.tracing() { item_text(vm, &item) } else { String::new() };
    match q.kind {
        QueueKind::Priority => {
            let mut items: Vec<Value> = q.items.borrow_mut().drain(..).collect();
            let r = crate::builtins::heap::push_vec(vm, &mut items, item);
            *q.items.borrow_mut() = items.into();
            r?;
        }
        _ => q.items.borrow_mut().push_back(item),
    }
    q.unfinished.set(q.unfinished.get() + 1);
    event::clear(vm, &q.finished);
    if vm.tracing() {
        let task = vm.rt.current_task_id();
        let size = q.items.borrow().len() as u32;
        vm.record(EventKind::QueuePut { resource: q.id, task, item: text, size });
    }
    wakeup_next(vm, &q.getters);
    Ok(())
}

/// `get_nowait()`.
pub fn get_nowait(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<Value> {
    let q = queue(o);
    if q.empty() {
        return Err(vm.exc("QueueEmpty", ""));
    }
    let item = match q.kind {
        QueueKind::Fifo => q.items.borrow_mut().pop_front().expect("item"),
        QueueKind::Lifo => q.items.borrow_mut().pop_back().expect("item"),
        QueueKind::Priority => {
            let mut items: Vec<Value> = q.items.borrow_mut().drain(..).collect();
            let r = crate::builtins::heap::pop_vec(vm, &mut items);
            *q.items.borrow_mut() = items.into();
            r?
        }
    };
    let text = if vm.tracing() { item_text(vm, &item) } else { String::new() };
    if vm.tracing() {
        let task = vm.rt.current_task_id();
        let size = q.items.borrow().len() as u32;
        vm.record(EventKind::QueueGot { resource: q.id, task, item: text, size });
    }
    wakeup_next(vm, &q.putters);
    Ok(item)
}

/// The body of `put(item)` and `get()`: wait while full (put) / empty (get).
pub struct Transfer {
    queue: Rc<Obj>,
    /// `Some(item)` for put.
    item: Option<Value>,
    waiter: Option<Rc<Obj>>,
}

impl Transfer {
    /// The awaitable of `queue.get()`.
    pub fn get(queue: Rc<Obj>) -> Transfer {
        Transfer { queue, item: None, waiter: None }
    }

    /// The awaitable of `queue.put(item)`.
    pub fn put(queue: Rc<Obj>, item: Value) -> Transfer {
        Transfer { queue, item: Some(item), waiter: None }
    }
}

impl NativeCoroutine for Transfer {
    fn name(&self) -> &'static str {
        if self.item.is_some() {
            "Queue.put"
        } else {
            "Queue.get"
        }
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let q = queue(&self.queue);
        let is_put = self.item.is_some();
        let waiters = if is_put { &q.putters } else { &q.getters };
        if let Some(w) = self.waiter.take() {
            if let Resume::Throw(e) = input {
                // `except: waiter.cancel(); remove; maybe wake the next; raise`
                future::cancel(vm, &w, None);
                super::remove_waiter(waiters, &w);
                let still_possible = if is_put { !q.full() } else { !q.empty() };
                if still_possible && !fut(&w).is_cancelled() {
                    wakeup_next(vm, waiters);
                }
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::GaveUp { resource: q.id, task });
                }
                return NativeStep::Raise(Fail::Exc(e));
            }
        } else if let Resume::Throw(e) = input {
            return NativeStep::Raise(Fail::Exc(e));
        }
        let blocked = if is_put { q.full() } else { q.empty() };
        if blocked {
            let label = if is_put { Label::QueuePut(q.id) } else { Label::QueueGet(q.id) };
            let w = future::new_future(vm, label);
            waiters.borrow_mut().push_back(w.clone());
            if let Some(task) = vm.rt.current_task_id() {
                vm.record(EventKind::Blocked { resource: q.id, task });
            }
            self.waiter = Some(w.clone());
            return NativeStep::Yield(Yielded::Future(w));
        }
        let r = if is_put {
            put_nowait(vm, &self.queue, self.item.take().expect("item")).map(|_| Value::None)
        } else {
            get_nowait(vm, &self.queue)
        };
        match r {
            Ok(v) => NativeStep::Return(v),
            Err(e) => NativeStep::Raise(e),
        }
    }
}

/// The body of `join()`: wait on the internal event while items are unfinished.
pub struct Join {
    queue: Rc<Obj>,
    inner: Option<EventWait>,
}

impl NativeCoroutine for Join {
    fn name(&self) -> &'static str {
        "Queue.join"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        if self.inner.is_none() {
            if let Resume::Throw(e) = input {
                return NativeStep::Raise(Fail::Exc(e));
            }
            let q = queue(&self.queue);
            if q.unfinished.get() <= 0 {
                return NativeStep::Return(Value::None);
            }
            self.inner = Some(EventWait::new(q.finished.clone()));
        }
        match self.inner.as_mut().expect("inner").resume(vm, input) {
            NativeStep::Return(_) => NativeStep::Return(Value::None),
            other => other,
        }
    }
}

/// The method `name` of a queue, if it has one.
pub fn method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "put" => m("put", |vm, a| {
            crate::builtins::arity(vm, &a, "put", 2, 2)?;
            Ok(coro(Transfer { queue: recv(&a), item: Some(a.pos[1].clone()), waiter: None }))
        }),
        "get" => m("get", |_vm, a| Ok(coro(Transfer { queue: recv(&a), item: None, waiter: None }))),
        "put_nowait" => m("put_nowait", |vm, a| {
            crate::builtins::arity(vm, &a, "put_nowait", 2, 2)?;
            put_nowait(vm, &recv(&a), a.pos[1].clone()).map(|_| Value::None)
        }),
        "get_nowait" => m("get_nowait", |vm, a| get_nowait(vm, &recv(&a))),
        "task_done" => m("task_done", |vm, a| {
            let o = recv(&a);
            let q = queue(&o);
            if q.unfinished.get() <= 0 {
                return Err(vm.value_error("task_done() called too many times"));
            }
            q.unfinished.set(q.unfinished.get() - 1);
            if q.unfinished.get() == 0 {
                let f = q.finished.clone();
                event::set(vm, &f);
            }
            Ok(Value::None)
        }),
        "join" => m("join", |_vm, a| Ok(coro(Join { queue: recv(&a), inner: None }))),
        "qsize" => m("qsize", |_vm, a| Ok(Value::Int(queue(&recv(&a)).items.borrow().len() as i64))),
        "empty" => m("empty", |_vm, a| Ok(Value::Bool(queue(&recv(&a)).empty()))),
        "full" => m("full", |_vm, a| Ok(Value::Bool(queue(&recv(&a)).full()))),
        _ => return None,
    })
}


#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn bounded_queue_blocks_the_producer_until_a_get() {
        let out = run_output(
            "import asyncio
async def producer(q):
    for i in range(3):
        await q.put(i)
        print('put', i, q.qsize())
async def consumer(q):
    for _ in range(3):
        await asyncio.sleep(1)
        print('got', await q.get())
async def main():
    q = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(q), consumer(q))
asyncio.run(main())
",
        );
        assert_eq!(out, "put 0 1\ngot 0\nput 1 1\ngot 1\nput 2 1\ngot 2\n");
    }

    #[test]
    fn priority_and_lifo_orders() {
        let out = run_output(
            "import asyncio
async def main():
    p = asyncio.PriorityQueue()
    for x in [(3, 'c'), (1, 'a'), (2, 'b')]:
        p.put_nowait(x)
    print([p.get_nowait()[1] for _ in range(3)])
    l = asyncio.LifoQueue()
    for x in 'xyz':
        l.put_nowait(x)
    print([l.get_nowait() for _ in range(3)])
asyncio.run(main())
",
        );
        assert_eq!(out, "['a', 'b', 'c']\n['z', 'y', 'x']\n");
    }

    #[test]
    fn join_waits_for_task_done_and_empty_raises() {
        let out = run_output(
            "import asyncio
async def worker(q):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        q.task_done()
async def main():
    q = asyncio.Queue()
    for d in (1, 2):
        q.put_nowait(d)
    w = asyncio.create_task(worker(q))
    await q.join()
    print('joined at', asyncio.get_running_loop().time())
    w.cancel()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('empty')
asyncio.run(main())
",
        );
        assert_eq!(out, "joined at 3.0\nempty\n");
    }
}
