//! Running one child process by itself, somewhere else: in its own Web Worker (the
//! playground's real mode) or on its own native thread (`interleave run --real`).
//!
//! A browser cannot `fork()`, so a child is re-created by *replaying* the fork: the worker
//! runs the same program on the same deterministic engine up to the moment the parent
//! started that child (the N-th `Process.start()` of the run), then freezes every other
//! process and runs only the child. Its globals are therefore exactly what `fork()` would
//! have given it. What the parent sent it later through `multiprocessing.Queue`s cannot be
//! replayed (the parent is frozen), so the simulation records each child's *inbox*, as
//! [`Wire`] values (what pickling would carry), and the detached child receives those
//! instead. What it puts on queues (its results) comes back as reprs, to compare with the
//! simulation's.

use crate::runtime::threads::ProcessId;
use crate::vm::value::{Instance, Key, Module, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::protocol::{ChildLine, ChildRecord, ChildReport, ChildRun, Wire};

/// The run's forks: records of every child (a simulation) or the one child being run alone.
#[derive(Default)]
pub struct Forks {
    count: u32,
    /// In a simulation: one record per `Process.start()`, in fork order.
    pub records: Vec<ChildRecord>,
    /// In a run detached to one child: that child's state.
    pub alone: Option<Alone>,
}

/// The state of a run that becomes one child.
pub struct Alone {
    fork: u32,
    inbox: VecDeque<Option<Wire>>,
    clock: fn() -> f64,
    run_start: f64,
    /// Set at the fork.
    pid: Option<ProcessId>,
    forked_at: f64,
    output_from: usize,
    output_ms: Vec<f64>,
    outbox: Vec<String>,
    /// Set when the child is over: its exit code, or None if it waited for the parent.
    ended: Option<(Option<i64>, f64)>,
}

impl Alone {
    /// The state for running `run`'s child alone; `clock` reads real milliseconds.
    pub fn new(run: ChildRun, clock: fn() -> f64) -> Alone {
        Alone {
            fork: run.fork,
            inbox: run.inbox.into(),
            clock,
            run_start: clock(),
            pid: None,
            forked_at: 0.0,
            output_from: 0,
            output_ms: Vec::new(),
            outbox: Vec::new(),
            ended: None,
        }
    }
}

/// `Process.start()` created process `pid`: record it, and if it is the child this run
/// exists for, freeze everyone else from here on.
pub fn on_fork(vm: &mut Vm, pid: ProcessId, name: &str, started: f64) {
    let forks = &mut vm.rt.forks;
    forks.count += 1;
    let fork = forks.count;
    forks.records.push(ChildRecord {
        fork,
        pid: pid.0,
        name: name.to_string(),
        started,
        ended: None,
        cpu: 0.0,
        inbox: Ok(Vec::new()),
        outbox: Vec::new(),
    });
    let output_len = vm.rt.output.lines.len();
    if let Some(alone) = vm.rt.forks.alone.as_mut().filter(|a| a.fork == fork && a.pid.is_none()) {
        alone.pid = Some(pid);
        alone.forked_at = (alone.clock)();
        alone.output_from = output_len;
        // The parent stops at its next instruction; the scheduler runs only the child.
        vm.rt.world.preempt_at = f64::NEG_INFINITY;
    }
}

/// May the scheduler run process `pid`? (Once a detached child is forked, only it may.)
pub fn may_run(vm: &Vm, pid: ProcessId) -> bool {
    match vm.rt.forks.alone.as_ref().and_then(|a| a.pid) {
        Some(child) => child == pid,
        None => true,
    }
}

/// Is the current thread in the child being run alone?
fn in_alone_child(vm: &Vm) -> bool {
    let pid = vm.rt.world.current_process();
    vm.rt.forks.alone.as_ref().and_then(|a| a.pid) == Some(pid)
}

/// The scheduler found nothing to run, or a slice ended: is the detached child over?
/// `stuck` means nothing can run any more (it waits for a frozen process).
pub fn check_over(vm: &mut Vm, stuck: bool) -> PyResult<()> {
    let Some(pid) = vm.rt.forks.alone.as_ref().and_then(|a| a.pid) else { return Ok(()) };
    let exit = vm.rt.world.process(pid).exitcode;
    if exit.is_none() && !stuck {
        return Ok(());
    }
    end_alone(vm, exit);
    Err(Fail::ChildDone)
}

fn end_alone(vm: &mut Vm, exit: Option<i64>) {
    if let Some(a) = vm.rt.forks.alone.as_mut() {
        if a.ended.is_none() {
            a.ended = Some((exit, (a.clock)()));
        }
    }
}

/// A receive from a multiprocessing queue in the detached child: the next recorded item.
/// `None`: not the detached child (use the queue). `Some(Ok(None))`: the queue was empty.
pub fn take_received(vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
    if !in_alone_child(vm) {
        return None;
    }
    let next = vm.rt.forks.alone.as_mut().and_then(|a| a.inbox.pop_front());
    Some(match next {
        // Nothing more was sent: the child would wait for ever, as the parent is frozen.
        None => {
            end_alone(vm, None);
            Err(Fail::ChildDone)
        }
        Some(None) => Ok(None),
        Some(Some(wire)) => {
            let globals = vm.rt.world.process(vm.rt.world.current_process()).globals.clone();
            from_wire(vm, &wire, &globals).map(Some)
        }
    })
}

/// How many items the detached child would find waiting (`qsize`, `empty`); `None` when
/// not the detached child.
pub fn waiting_items(vm: &Vm) -> Option<usize> {
    if !in_alone_child(vm) {
        return None;
    }
    let a = vm.rt.forks.alone.as_ref()?;
    Some(a.inbox.iter().take_while(|x| x.is_some()).count())
}

/// The current process received `item` (or found the queue empty) from a queue.
pub fn on_received(vm: &mut Vm, item: Option<&Value>) {
    if vm.rt.forks.alone.is_some() {
        return;
    }
    let pid = vm.rt.world.current_process();
    let Some(record) = vm.rt.forks.records.iter_mut().find(|r| r.pid == pid.0) else { return };
    // Once one item cannot cross, the child cannot run detached: stop converting.
    let Ok(inbox) = &mut record.inbox else { return };
    match item.map(|v| to_wire(v, 0)).transpose() {
        Ok(wire) => inbox.push(wire),
        Err(why) => record.inbox = Err(why),
    }
}

/// The current process put `item` on a queue: a child's result, kept as its repr.
pub fn on_put(vm: &mut Vm, item: &Value) -> PyResult<()> {
    let pid = vm.rt.world.current_process();
    let is_child = if vm.rt.forks.alone.is_some() { in_alone_child(vm) } else { vm.rt.forks.records.iter().any(|r| r.pid == pid.0) };
    if !is_child {
        return Ok(());
    }
    let text = vm.repr(item)?;
    match vm.rt.forks.alone.as_mut() {
        Some(a) => a.outbox.push(text),
        None => {
            if let Some(r) = vm.rt.forks.records.iter_mut().find(|r| r.pid == pid.0) {
                r.outbox.push(text);
            }
        }
    }
    Ok(())
}

/// Output was written: stamp the detached child's new lines with the wall clock.
pub fn on_output(vm: &mut Vm) {
    let lines = vm.rt.output.lines.len();
    if let Some(a) = vm.rt.forks.alone.as_mut().filter(|a| a.pid.is_some() && a.ended.is_none()) {
        let ms = (a.clock)() - a.forked_at;
        while a.output_from + a.output_ms.len() < lines {
            a.output_ms.push(ms);
        }
    }
}

/// At the end of a simulation: each child's end time and CPU.
pub fn finish_records(vm: &mut Vm) -> Vec<ChildRecord> {
    let mut records = std::mem::take(&mut vm.rt.forks.records);
    for r in &mut records {
        let Some(p) = vm.rt.world.processes.get(&ProcessId(r.pid)) else { continue };
        r.ended = p.exitcode.map(|_| p.clock);
        r.cpu = vm.rt.world.threads.values().filter(|t| t.process.0 == r.pid).map(|t| t.cpu).sum();
    }
    records
}

/// At the end of a detached run: what it measured, or why there is nothing to report.
pub fn finish_alone(vm: &mut Vm) -> Result<ChildReport, String> {
    let Some(a) = vm.rt.forks.alone.take() else { return Err("not a detached run".into()) };
    let Some(pid) = a.pid else {
        return Err(format!("the program never started process number {} (has it changed since the simulation?)", a.fork));
    };
    let (exitcode, end) = a.ended.unwrap_or_else(|| (vm.rt.world.process(pid).exitcode, (a.clock)()));
    let name = vm.rt.world.process(pid).name.to_string();
    let output = vm.rt.output.lines[a.output_from.min(vm.rt.output.lines.len())..]
        .iter()
        .zip(a.output_ms.iter().copied().chain(std::iter::repeat(end - a.forked_at)))
        .map(|(l, ms)| ChildLine { ms, stream: l.stream, text: l.text.clone() })
        .collect();
    Ok(ChildReport {
        fork: a.fork,
        name,
        replay_ms: a.forked_at - a.run_start,
        work_ms: end - a.forked_at,
        exitcode,
        outbox: a.outbox,
        output,
    })
}

const MAX_DEPTH: usize = 200;

/// Why `pickle` refuses function `v`, as CPython says it: `Some((exception, message))`.
/// Functions go by name, so only top-level ones pickle.
pub fn unpicklable_function(vm: &mut Vm, v: &Value) -> PyResult<Option<(&'static str, String)>> {
    let Value::Obj(o) = v else { return Ok(None) };
    let Obj::Function(f) = o.as_ref() else { return Ok(None) };
    if to_wire(v, 0).is_ok() {
        return Ok(None);
    }
    let qualname = f.code.qualname.to_string();
    Ok(Some(if qualname.contains("<locals>") {
        ("AttributeError", format!("Can't pickle local object '{qualname}'"))
    } else {
        let repr = vm.repr(v)?;
        ("PicklingError", format!("Can't pickle {repr}: attribute lookup {qualname} on {} failed", f.globals.name))
    }))
}

/// `v` as it would be pickled, or why it cannot be.
pub fn to_wire(v: &Value, depth: usize) -> Result<Wire, String> {
    if depth > MAX_DEPTH {
        return Err("a value nested too deeply to send to another process".into());
    }
    let all = |items: &[Value]| items.iter().map(|x| to_wire(x, depth + 1)).collect::<Result<Vec<_>, _>>();
    Ok(match v {
        Value::None => Wire::None,
        Value::Bool(b) => Wire::Bool(*b),
        Value::Int(i) => Wire::Int(i.to_string()),
        Value::BigInt(b) => Wire::Int(b.to_string()),
        Value::Float(f) => Wire::Float(*f),
        Value::Str(s) => Wire::Str(s.to_string()),
        Value::Obj(o) => match o.as_ref() {
            Obj::Tuple(items) => Wire::Tuple(all(items)?),
            Obj::Bytes(b) => Wire::Bytes(b.to_vec()),
            Obj::ByteArray(b) => Wire::ByteArray(b.borrow().clone()),
            Obj::List(items) => Wire::List(all(&items.borrow())?),
            Obj::Dict(d) => Wire::Dict(
                d.borrow().iter().map(|(k, v)| Ok((to_wire(&k.0, depth + 1)?, to_wire(v, depth + 1)?))).collect::<Result<_, String>>()?,
            ),
            Obj::Set(s) => Wire::Set(s.borrow().iter().map(|k| to_wire(&k.0, depth + 1)).collect::<Result<_, _>>()?),
            Obj::Function(f) => {
                // The same code under its name at the top level (a copy rebound by fork or
                // unpickling is another object with the same code).
                let top_level = matches!(f.globals.get(&f.name), Some(Value::Obj(g)) if matches!(g.as_ref(), Obj::Function(t) if Rc::ptr_eq(&t.code, &f.code)));
                if !top_level {
                    return Err(format!("the function {} is not defined at the top level of its module, so it cannot be pickled", f.name));
                }
                Wire::Function { module: f.globals.name.to_string(), name: f.name.to_string() }
            }
            Obj::Class(c) => Wire::Class { module: c.module.to_string(), name: c.name.to_string() },
            Obj::Instance(i) if super::copy::is_shared(i) => {
                let class = i.class.as_class().map(|c| c.name.to_string()).unwrap_or_default();
                return Err(format!("a {class} is shared by the processes (as an OS object is), so a worker of its own cannot have it"));
            }
            Obj::Instance(i) if i.exc.is_none() => Wire::Instance {
                class: Box::new(to_wire(&i.class, depth + 1)?),
                attrs: i.dict.borrow().iter().map(|(k, v)| Ok((k.to_string(), to_wire(v, depth + 1)?))).collect::<Result<_, String>>()?,
            },
            other => return Err(format!("a {} object cannot be sent to another worker", other.kind_name())),
        },
    })
}

/// Rebuilds a [`Wire`] value in the receiving process (`globals` is its `__main__`).
pub fn from_wire(vm: &mut Vm, w: &Wire, globals: &Rc<Module>) -> PyResult<Value> {
    Ok(match w {
        Wire::None => Value::None,
        Wire::Bool(b) => Value::Bool(*b),
        Wire::Int(digits) => match digits.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => {
                let big: num_bigint::BigInt = digits.parse().map_err(|_| vm.exc("ValueError", "a damaged int from another worker"))?;
                Value::from_bigint(big)
            }
        },
        Wire::Float(f) => Value::Float(*f),
        Wire::Str(s) => Value::str(s),
        Wire::Bytes(b) => Value::bytes(b.clone()),
        Wire::ByteArray(b) => Value::obj(Obj::ByteArray(RefCell::new(b.clone()))),
        Wire::Tuple(items) => Value::obj(Obj::Tuple(from_all(vm, items, globals)?)),
        Wire::List(items) => Value::obj(Obj::List(RefCell::new(from_all(vm, items, globals)?))),
        Wire::Dict(pairs) => {
            let mut d = IndexMap::new();
            for (k, v) in pairs {
                d.insert(Key::new(from_wire(vm, k, globals)?), from_wire(vm, v, globals)?);
            }
            Value::obj(Obj::Dict(RefCell::new(d)))
        }
        Wire::Set(items) => {
            let s = from_all(vm, items, globals)?.into_iter().map(Key::new).collect();
            Value::obj(Obj::Set(RefCell::new(s)))
        }
        Wire::Function { module, name } | Wire::Class { module, name } => lookup(vm, module, name, globals)?,
        Wire::Instance { class, attrs } => {
            let class = from_wire(vm, class, globals)?;
            let mut dict = IndexMap::new();
            for (k, v) in attrs {
                dict.insert(Rc::from(k.as_str()), from_wire(vm, v, globals)?);
            }
            Value::obj(Obj::Instance(Box::new(Instance { class, dict: RefCell::new(dict), exc: None })))
        }
    })
}

fn from_all(vm: &mut Vm, items: &[Wire], globals: &Rc<Module>) -> PyResult<Vec<Value>> {
    items.iter().map(|x| from_wire(vm, x, globals)).collect()
}

/// A top-level name of a module, as unpickling finds it.
fn lookup(vm: &mut Vm, module: &str, name: &str, globals: &Rc<Module>) -> PyResult<Value> {
    let found = if module == "__main__" {
        globals.get(name)
    } else {
        match vm.modules.get(module) {
            Some(Value::Obj(o)) => match o.as_ref() {
                Obj::Module(m) => m.get(name),
                _ => None,
            },
            _ => None,
        }
    };
    found.ok_or_else(|| vm.exc("AttributeError", &format!("Can't get attribute '{name}' on <module '{module}'>")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_survive_json() {
        let w = Wire::Tuple(vec![
            Wire::Function { module: "__main__".into(), name: "count".into() },
            Wire::Int("123456789012345678901234567890".into()),
            Wire::List(vec![Wire::Float(0.5), Wire::None, Wire::Str("x".into()), Wire::Bytes(vec![0, 255]), Wire::ByteArray(vec![7])]),
            Wire::Dict(vec![(Wire::Str("k".into()), Wire::Bool(true))]),
        ]);
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(serde_json::from_str::<Wire>(&json).unwrap(), w);
    }

    #[test]
    fn plain_values_round_trip_through_the_wire() {
        let mut vm = Vm::new(Default::default());
        let globals = crate::vm::heap::new_module("__main__");
        let v = Value::obj(Obj::Tuple(vec![
            Value::Int(3),
            Value::from_bigint("99999999999999999999999".parse().unwrap()),
            Value::obj(Obj::List(RefCell::new(vec![Value::str("a"), Value::Float(1.5), Value::None]))),
            Value::bytes(vec![104, 0]),
            Value::obj(Obj::ByteArray(RefCell::new(vec![1, 2]))),
        ]));
        let w = to_wire(&v, 0).unwrap();
        let back = from_wire(&mut vm, &w, &globals).unwrap();
        assert_eq!(vm.repr(&back).unwrap(), vm.repr(&v).unwrap());
    }

    #[test]
    fn what_pickle_refuses_is_refused_with_a_reason() {
        let mut vm = Vm::new(Default::default());
        let lock = crate::runtime::threads::sync::ThreadLock::new(&mut vm, false);
        let v = Value::native_obj(lock);
        let why = to_wire(&v, 0).unwrap_err();
        assert!(why.contains("cannot be sent"), "{why}");
    }
}
