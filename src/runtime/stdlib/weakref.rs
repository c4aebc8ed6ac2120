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

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    fn outputs(src: &str) -> (i32, String, String) {
        let r = run(src, &RunOptions::default());
        (r.exit_code, r.stdout(false), r.stderr())
    }

    /// At exit, `atexit`'s functions run last registered first, and `finalize`'s exit
    /// function (registered with the first finalizer) runs the live finalizers newest
    /// first, as CPython 3.11 printed for this program.
    #[test]
    fn finalizers_and_atexit_functions_run_at_exit_in_cpythons_order() {
        let src = "\
import atexit, weakref
class R: pass
def cleanup(n): print('cleanup', n)
atexit.register(print, 'registered first, runs last')
r1 = R(); f1 = weakref.finalize(r1, cleanup, 1)
r2 = R(); f2 = weakref.finalize(r2, cleanup, 2)
@atexit.register
def bye(): print('bye')
print('main done')
";
        let (code, out, err) = outputs(src);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "main done\nbye\ncleanup 2\ncleanup 1\nregistered first, runs last\n");
    }

    /// A callback that raises is reported on stderr as CPython's `PyErr_WriteUnraisable`
    /// does, and the program goes on.
    #[test]
    fn an_exception_in_a_callback_is_reported_and_ignored() {
        let src = "\
import weakref
class T: pass
def bad_callback(wr):
    raise ValueError('in callback')
t = T()
rt = weakref.ref(t, bad_callback)
del t
print('still running')
";
        let (code, out, err) = outputs(src);
        assert_eq!((code, out.as_str()), (0, "still running\n"));
        assert!(err.starts_with("Exception ignored in: <function bad_callback at 0x"), "{err}");
        assert!(err.ends_with("    raise ValueError('in callback')\nValueError: in callback\n"), "{err}");
    }

    /// Callbacks run right after the instruction that dropped the referent, whichever
    /// it is: `del name` at module level, `del d[k]`, a method that empties a list.
    #[test]
    fn callbacks_run_after_the_dropping_instruction() {
        let src = "\
import weakref
class T: pass
cb = lambda wr: print('died')
t = T(); r = weakref.ref(t, cb)
del t
print('after del')
d = {'k': T()}; r = weakref.ref(d['k'], cb)
del d['k']
print('after del item')
l = [T()]; r = weakref.ref(l[0], cb)
l.clear()
print('after clear')
";
        let (code, out, err) = outputs(src);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "died\nafter del\ndied\nafter del item\ndied\nafter clear\n");
    }

    /// The run's table of references is empty once the run ends (its callbacks, never
    /// called, hold the run's objects).
    #[test]
    fn a_run_leaves_no_references_behind() {
        let (code, _, err) = outputs("import weakref\nclass T: pass\nt = T()\nr = weakref.ref(t, print)\n");
        assert_eq!(code, 0, "{err}");
        assert_eq!(crate::vm::weak::watched_len(), 0);
    }
}
