//! `_weakref`: the native half of `weakref` (CPython's `Modules/_weakref.c` and
//! `Objects/weakrefobject.c`). A reference's referent is held by a [`Handle`], an `Rc`
//! `Weak`; the table of who refers to whom, and the callbacks it makes due, are the VM's
//! (`vm::weak`). The reference types themselves (`ref`, `proxy`) and the weak containers
//! are Python, in `weakref.py`, as CPython's containers are.

use crate::runtime::modules::native_module;
use crate::vm::native::{m, NativeObject};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{weak, PyResult, Vm};
use std::rc::{Rc, Weak};

/// The referent of one weak reference: an `Rc` `Weak`, so the referent dies when its
/// last strong reference drops, as in CPython.
pub struct Handle {
    target: Weak<Obj>,
}

impl NativeObject for Handle {
    fn class_key(&self) -> &'static str {
        "_weakref.handle"
    }

    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        Some(match name {
            // The referent, or None once it is gone (`weakref.ref.__call__`).
            "get" => m("get", |_vm, a| {
                let h = a.pos[0].native::<Handle>().expect("receiver");
                Ok(h.target.upgrade().map(Value::Obj).unwrap_or(Value::None))
            }),
            _ => return None,
        })
    }

    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok(format!("<weak handle; {}>", if self.target.strong_count() > 0 { "alive" } else { "dead" }))
    }
}

/// The referent `v` as an object that may be weakly referenced, or CPython's
/// `TypeError` (`cannot create weak reference to 'list' object`): builtin lists, dicts,
/// tuples, ints, strs and None have no weak reference list in CPython.
fn referent(vm: &Vm, v: &Value) -> PyResult<Rc<Obj>> {
    if let Value::Obj(o) = v {
        if matches!(
            o.as_ref(),
            Obj::Instance(_)
                | Obj::Class(_)
                | Obj::Function(_)
                | Obj::Method(..)
                | Obj::Set(_)
                | Obj::FrozenSet(_)
                | Obj::Generator(_)
                | Obj::Coroutine(_)
                | Obj::Native(_)
        ) {
            return Ok(o.clone());
        }
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("cannot create weak reference to '{tn}' object")))
}

fn arg(a: &Args, i: usize) -> Value {
    a.pos.get(i).cloned().unwrap_or(Value::None)
}

/// Make `_weakref` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("_weakref", load);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        // attach(reference, referent, has_callback, basic) -> handle: `reference` now
        // refers to `referent` (its callback is due when the referent dies).
        ("attach", |vm, a| {
            crate::builtins::arity(vm, &a, "attach", 4, 4)?;
            let target = referent(vm, &a.pos[1])?;
            let Value::Obj(reference) = &a.pos[0] else { return Err(vm.type_error("attach(reference, ...)")) };
            let (cb, basic) = (vm.truthy(&a.pos[2])?, vm.truthy(&a.pos[3])?);
            weak::watch(&target, reference, cb, basic);
            Ok(Value::native_obj(Handle { target: Rc::downgrade(&target) }))
        }),
        // The plain reference to `referent` already made, or None.
        ("basic", |vm, a| {
            let target = referent(vm, &arg(&a, 0))?;
            Ok(weak::basic_reference(&target).map(Value::Obj).unwrap_or(Value::None))
        }),
        ("getweakrefcount", |_vm, a| Ok(Value::Int(match arg(&a, 0) {
            Value::Obj(o) => weak::references(&o).len() as i64,
            _ => 0,
        }))),
        ("getweakrefs", |_vm, a| Ok(Value::list(match arg(&a, 0) {
            Value::Obj(o) => weak::references(&o).into_iter().map(Value::Obj).collect(),
            _ => Vec::new(),
        }))),
        // Raises the TypeError of an object that cannot be weakly referenced.
        ("check", |vm, a| referent(vm, &arg(&a, 0)).map(|_| Value::None)),
    ];
    vm.add_module(native_module("_weakref", fns));
    Ok(())
}
