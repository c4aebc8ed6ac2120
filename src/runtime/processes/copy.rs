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

/// A deep copy of `v`, with program functions bound to `globals` if given.
pub fn deep_copy(vm: &mut Vm, v: &Value, globals: Option<Rc<Module>>) -> PyResult<Value> {
    let mut memo = Memo { seen: HashMap::new(), globals };
    copy_with(vm, v, &mut memo)
}

pub fn copy_with(vm: &mut Vm, v: &Value, memo: &mut Memo) -> PyResult<Value> {
    let Value::Obj(o) = v else { return Ok(v.clone()) };
    let key = Rc::as_ptr(o) as *const u8 as usize;
    if let Some(c) = memo.seen.get(&key) {
        return Ok(c.clone());
    }
    vm.tick()?;
    let copied = match o.as_ref() {
        Obj::List(l) => {
            let out = Value::list(Vec::new());
            memo.seen.insert(key, out.clone());
            let items = l.borrow().clone();
            let mut copies = Vec::with_capacity(items.len());
            for i in &items {
                copies.push(copy_with(vm, i, memo)?);
            }
            if let Value::Obj(n) = &out {
                if let Obj::List(nl) = n.as_ref() {
                    *nl.borrow_mut() = copies;
                }
            }
            return Ok(out);
        }
        Obj::Tuple(t) => {
            let mut copies = Vec::with_capacity(t.len());
            for i in t {
                copies.push(copy_with(vm, i, memo)?);
            }
            Value::tuple(copies)
        }
        Obj::Dict(d) => {
            let out = vm.new_dict(Default::default());
            memo.seen.insert(key, out.clone());
            let pairs: Vec<_> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut copies = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                let ck = copy_with(vm, &k.0, memo)?;
                copies.push((crate::vm::value::Key(ck), copy_with(vm, &v, memo)?));
            }
            if let Value::Obj(n) = &out {
                if let Obj::Dict(nd) = n.as_ref() {
                    nd.borrow_mut().extend(copies);
                }
            }
            return Ok(out);
        }
        Obj::Set(s) => {
            let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
            let mut copies = Vec::with_capacity(items.len());
            for i in &items {
                copies.push(copy_with(vm, i, memo)?);
            }
            vm.new_set(copies)?
        }
        Obj::Instance(inst) => {
            let exc = inst.exc.as_ref().map(|e| {
                let e = e.borrow();
                RefCell::new(ExcState { args: e.args.clone(), group: e.group.clone(), ..Default::default() })
            });
            let out = Value::obj(Obj::Instance(Box::new(Instance { class: inst.class.clone(), dict: RefCell::new(Default::default()), exc })));
            memo.seen.insert(key, out.clone());
            let attrs: Vec<(Rc<str>, Value)> = inst.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            for (k, v) in attrs {
                let c = copy_with(vm, &v, memo)?;
                if let Some(i) = out.as_instance() {
                    i.dict.borrow_mut().insert(k, c);
                }
            }
            return Ok(out);
        }
        Obj::Function(f) => match &memo.globals {
            Some(g) if !f.code.internal && f.globals.name == g.name => {
                let g = g.clone();
                let mut defaults = Vec::with_capacity(f.defaults.len());
                for d in &f.defaults {
                    defaults.push(copy_with(vm, d, memo)?);
                }
                let mut closure = Vec::with_capacity(f.closure.len());
                for c in &f.closure {
                    let inner = match c.as_ref() {
                        Obj::Cell(cell) => cell.borrow().clone(),
                        _ => None,
                    };
                    let inner = match inner {
                        Some(v) => Some(copy_with(vm, &v, memo)?),
                        None => None,
                    };
                    closure.push(Rc::new(Obj::Cell(RefCell::new(inner))));
                }
                Value::obj(Obj::Function(Box::new(Function {
                    code: f.code.clone(),
                    globals: g,
                    defaults,
                    kwdefaults: f.kwdefaults.clone(),
                    closure,
                    name: f.name.clone(),
                    owner: RefCell::new(f.owner.borrow().clone()),
                })))
            }
            _ => v.clone(),
        },
        Obj::Method(recv, func) => {
            let r = copy_with(vm, recv, memo)?;
            let f = copy_with(vm, func, memo)?;
            Value::obj(Obj::Method(r, f))
        }
        Obj::Builtin(b) => match &b.recv {
            Some(r) => {
                let r = copy_with(vm, r, memo)?;
                Value::obj(Obj::Builtin(Builtin { name: b.name, f: b.f, recv: Some(r) }))
            }
            None => v.clone(),
        },
        _ => v.clone(),
    };
    memo.seen.insert(key, copied.clone());
    Ok(copied)
}
