//! Copying values between processes: what `fork()` and pickling do.
//!
//! Containers and instances are copied deeply (cycles and sharing preserved through a
//! memo). Functions from the program are rebound to the receiving process's globals, as
//! unpickling a function by name would. Classes, modules, builtins, locks and queues are
//! shared: they are code or OS objects, not data.

use crate::vm::value::{Builtin, ExcState, Function, Instance, Module, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub struct Memo {
    seen: HashMap<usize, Value>,
    /// Globals to bind copied program functions to (None: keep them as they are).
    globals: Option<Rc<Module>>,
}

impl Memo {
    pub fn new(globals: Rc<Module>) -> Memo {
        Memo { seen: HashMap::new(), globals: Some(globals) }
    }
}

/// Would unpickling a function of module `from` find it in module `to`? Pickle names a
/// function by module: a spawned child's main module is `__mp_main__`, which it also
/// registers as `__main__`, so the program's functions land there.
fn same_program_module(from: &str, to: &str) -> bool {
    from == to || matches!((from, to), ("__main__" | "__mp_main__", "__main__" | "__mp_main__"))
}

/// A deep copy of `v`, with program functions bound to `globals` if given.
pub fn deep_copy(vm: &mut Vm, v: &Value, globals: Option<Rc<Module>>) -> PyResult<Value> {
    let mut memo = Memo { seen: HashMap::new(), globals };
    copy_with(vm, v, &mut memo)
}

/// What is left to do in a copy. The copy walks the value with its own stack, not the
/// native one: a 300,000-deep list passed to a `Process` copies like a flat one.
enum Step {
    /// Copy this value: its copy goes on top of the results.
    Visit(Value),
    /// The container's parts are copied (the last results, in order): make its copy.
    Finish(Finish),
}

enum Finish {
    /// The list (already in the memo, empty) gets its `n` items.
    List(Value, usize),
    Tuple(usize, usize),
    /// `n` keys and values, alternating.
    Dict(Value, usize),
    Set(usize, usize),
    /// The instance (already in the memo) gets these attributes.
    Instance(Value, Vec<Rc<str>>),
    /// A program function rebound to `globals`: its defaults, then the values of the
    /// closure cells marked `true` (the others are empty).
    Function { key: usize, orig: Value, globals: Rc<Module>, cells: Vec<bool> },
    Method(usize),
    Builtin(usize, Value),
}

pub fn copy_with(vm: &mut Vm, v: &Value, memo: &mut Memo) -> PyResult<Value> {
    let mut todo = vec![Step::Visit(v.clone())];
    let mut results: Vec<Value> = Vec::new();
    while let Some(step) = todo.pop() {
        match step {
            Step::Visit(v) => visit(vm, v, memo, &mut todo, &mut results)?,
            Step::Finish(f) => {
                let copy = finish(vm, f, memo, &mut results)?;
                results.push(copy);
            }
        }
    }
    Ok(results.pop().expect("the copy"))
}

/// Is this an instance of a class marked `_mp_shared_ = True`: a Python-level model of
/// an OS object (a `multiprocessing.Event`, a `Value` in shared memory, a manager's
/// proxy target, a pipe's end) that every process sees as one object, as fork shares a
/// semaphore or a shared-memory mapping rather than copying it.
pub fn is_shared(inst: &crate::vm::value::Instance) -> bool {
    let Some(c) = inst.class.as_class() else { return false };
    let mro = c.mro.borrow();
    mro.iter().any(|k| matches!(k.as_class().and_then(|kc| kc.dict.borrow().get("_mp_shared_").cloned()), Some(Value::Bool(true))))
}

/// The memo's key for an object: its address.
fn key_of(o: &Rc<Obj>) -> usize {
    Rc::as_ptr(o) as *const u8 as usize
}

/// Schedule `parts` to be copied in order, after which `finish` runs.
fn then_copy(todo: &mut Vec<Step>, finish: Finish, parts: Vec<Value>) {
    todo.push(Step::Finish(finish));
    todo.extend(parts.into_iter().rev().map(Step::Visit));
}

fn visit(vm: &mut Vm, v: Value, memo: &mut Memo, todo: &mut Vec<Step>, results: &mut Vec<Value>) -> PyResult<()> {
    let Value::Obj(o) = &v else {
        results.push(v);
        return Ok(());
    };
    let key = key_of(o);
    if let Some(c) = memo.seen.get(&key) {
        results.push(c.clone());
        return Ok(());
    }
    vm.tick()?;
    match o.as_ref() {
        Obj::List(l) => {
            let out = Value::list(Vec::new());
            memo.seen.insert(key, out.clone());
            let items = l.borrow().clone();
            then_copy(todo, Finish::List(out, items.len()), items);
        }
        Obj::Tuple(t) => then_copy(todo, Finish::Tuple(key, t.len()), t.clone()),
        Obj::Dict(d) => {
            let out = vm.new_dict(Default::default());
            memo.seen.insert(key, out.clone());
            let parts: Vec<Value> = d.borrow().iter().flat_map(|(k, v)| [k.0.clone(), v.clone()]).collect();
            then_copy(todo, Finish::Dict(out, parts.len() / 2), parts);
        }
        Obj::Set(s) => {
            let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
            then_copy(todo, Finish::Set(key, items.len()), items);
        }
        Obj::Instance(inst) if is_shared(inst) => {
            memo.seen.insert(key, v.clone());
            results.push(v.clone());
        }
        Obj::Instance(inst) => {
            let exc = inst.exc.as_ref().map(|e| {
                let e = e.borrow();
                RefCell::new(ExcState { args: e.args.clone(), group: e.group.clone(), ..Default::default() })
            });
            let out = Value::obj(Obj::Instance(Box::new(Instance { class: inst.class.clone(), dict: RefCell::new(Default::default()), exc })));
            memo.seen.insert(key, out.clone());
            let (names, values) = inst.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).unzip();
            then_copy(todo, Finish::Instance(out, names), values);
        }
        Obj::Function(f) => match &memo.globals {
            Some(g) if !f.code.internal && same_program_module(&f.globals.name, &g.name) => {
                let mut parts = f.defaults.clone();
                let mut cells = Vec::with_capacity(f.closure.len());
                for c in &f.closure {
                    let inner = match c.as_ref() {
                        Obj::Cell(cell) => cell.borrow().clone(),
                        _ => None,
                    };
                    cells.push(inner.is_some());
                    parts.extend(inner);
                }
                let finish = Finish::Function { key, orig: v.clone(), globals: g.clone(), cells };
                then_copy(todo, finish, parts);
            }
            _ => results.push(v.clone()),
        },
        Obj::Method(recv, func) => then_copy(todo, Finish::Method(key), vec![recv.clone(), func.clone()]),
        // A bytearray is mutable: each process has its own (bytes are shared, immutable).
        Obj::ByteArray(b) => {
            let out = Value::obj(Obj::ByteArray(RefCell::new(b.borrow().clone())));
            memo.seen.insert(key, out.clone());
            results.push(out);
        }
        Obj::Builtin(b) => match &b.recv {
            Some(r) => then_copy(todo, Finish::Builtin(key, v.clone()), vec![r.clone()]),
            None => results.push(v.clone()),
        },
        _ => {
            memo.seen.insert(key, v.clone());
            results.push(v.clone());
        }
    }
    Ok(())
}

fn finish(vm: &mut Vm, f: Finish, memo: &mut Memo, results: &mut Vec<Value>) -> PyResult<Value> {
    let mut take = |n: usize| results.split_off(results.len() - n);
    Ok(match f {
        Finish::List(out, n) => {
            if let Value::Obj(o) = &out {
                if let Obj::List(l) = o.as_ref() {
                    *l.borrow_mut() = take(n);
                }
            }
            out
        }
        Finish::Dict(out, n) => {
            let mut parts = take(2 * n).into_iter();
            if let Value::Obj(o) = &out {
                if let Obj::Dict(d) = o.as_ref() {
                    let mut d = d.borrow_mut();
                    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
                        d.insert(crate::vm::value::Key::new(k), v);
                    }
                }
            }
            out
        }
        Finish::Instance(out, names) => {
            let values = take(names.len());
            if let Some(i) = out.as_instance() {
                i.dict.borrow_mut().extend(names.into_iter().zip(values));
            }
            out
        }
        // An immutable container is made after its parts, so copying the parts may have
        // copied it already (a tuple inside a list inside the tuple): that copy wins, as
        // in CPython's `copy._deepcopy_tuple`.
        Finish::Tuple(key, n) => {
            let items = take(n);
            memo_or(memo, key, || Ok(Value::tuple(items)))?
        }
        Finish::Set(key, n) => {
            let items = take(n);
            memo_or(memo, key, || vm.new_set(items))?
        }
        Finish::Method(key) => {
            let parts = take(2);
            memo_or(memo, key, || Ok(Value::obj(Obj::Method(parts[0].clone(), parts[1].clone()))))?
        }
        Finish::Builtin(key, orig) => {
            let recv = take(1).pop();
            let Value::Obj(o) = &orig else { unreachable!("a builtin is an object") };
            let Obj::Builtin(b) = o.as_ref() else { unreachable!("a builtin") };
            memo_or(memo, key, || Ok(Value::obj(Obj::Builtin(Builtin { name: b.name, f: b.f, recv, unbound: b.unbound }))))?
        }
        Finish::Function { key, orig, globals, cells } => {
            let Value::Obj(o) = &orig else { unreachable!("a function is an object") };
            let Obj::Function(f) = o.as_ref() else { unreachable!("a function") };
            let filled = cells.iter().filter(|c| **c).count();
            let mut inner = take(filled).into_iter();
            let defaults = take(f.defaults.len());
            let closure = cells
                .iter()
                .map(|has| crate::vm::value::new_obj(Obj::Cell(RefCell::new(if *has { inner.next() } else { None }))))
                .collect();
            memo_or(memo, key, || {
                Ok(Value::obj(Obj::Function(Box::new(Function {
                    code: f.code.clone(),
                    globals,
                    defaults,
                    kwdefaults: f.kwdefaults.clone(),
                    closure,
                    name: f.name.clone(),
                    owner: RefCell::new(f.owner.borrow().clone()),
                    attrs: RefCell::new(f.attrs.borrow().clone()),
                }))))
            })?
        }
    })
}

/// The memo's copy of `key` if there is one; otherwise `make` it and remember it.
fn memo_or(memo: &mut Memo, key: usize, make: impl FnOnce() -> PyResult<Value>) -> PyResult<Value> {
    if let Some(c) = memo.seen.get(&key) {
        return Ok(c.clone());
    }
    let copy = make()?;
    memo.seen.insert(key, copy.clone());
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Limits;

    /// The copy keeps its own stack: a 200,000-deep list copies on a 1 MiB stack, with
    /// sharing, cycles and a tuple reached again through its own contents preserved.
    #[test]
    fn deep_and_cyclic_values_copy_without_native_recursion() {
        let ok = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(|| {
                let mut vm = Vm::new(Limits { max_steps: u64::MAX, ..Limits::default() });
                let mut deep = Value::list(vec![]);
                for _ in 0..200_000 {
                    deep = Value::list(vec![deep]);
                }
                let inner = Value::list(vec![]);
                let tuple = Value::tuple(vec![inner.clone(), Value::Int(7)]);
                if let Value::Obj(o) = &inner {
                    if let Obj::List(l) = o.as_ref() {
                        l.borrow_mut().push(tuple.clone());
                    }
                }
                let v = Value::tuple(vec![deep, tuple.clone(), tuple]);
                let c = deep_copy(&mut vm, &v, None).expect("copied");
                let Value::Obj(o) = &c else { return false };
                let Obj::Tuple(parts) = o.as_ref() else { return false };
                let (t1, t2) = (&parts[1], &parts[2]);
                // Shared stays shared; the cycle list -> tuple -> list closes on the copy.
                let inner_copy = match t1 {
                    Value::Obj(o) => match o.as_ref() {
                        Obj::Tuple(t) => t[0].clone(),
                        _ => return false,
                    },
                    _ => return false,
                };
                let back = match &inner_copy {
                    Value::Obj(o) => match o.as_ref() {
                        Obj::List(l) => l.borrow()[0].clone(),
                        _ => return false,
                    },
                    _ => return false,
                };
                t1.is(t2) && back.is(t1) && !t1.is(&v)
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(ok);
    }
}
