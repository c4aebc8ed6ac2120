//! `threading.local` (CPython's `_thread._local`, Modules/_threadmodule.c): an object
//! whose attributes are per thread. Each thread sees only what it set itself; a new
//! thread starts with none. The namespaces are kept in the object, by thread id.
//! Subclasses (`class MyLocal(threading.local)`) keep their instances' attributes here
//! too (`NativeObject::instance_namespace`); the VM re-runs their `__init__` in each
//! thread that first touches them, as CPython's `_ldict` does.

use super::ThreadId;
use crate::vm::native::NativeObject;
use crate::vm::value::Value;
use crate::vm::{PyResult, Vm};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A `threading.local()`: each thread's attributes.
#[derive(Default)]
pub struct ThreadLocal {
    namespaces: RefCell<HashMap<ThreadId, IndexMap<Rc<str>, Value>>>,
    /// For an instance of a subclass: each thread's namespace, shared with the VM.
    shared: RefCell<HashMap<ThreadId, crate::vm::native::InstanceNamespace>>,
}

impl ThreadLocal {
    fn missing(vm: &Vm, name: &str) -> crate::vm::Fail {
        vm.exc("AttributeError", format!("'_thread._local' object has no attribute '{name}'"))
    }
}

impl NativeObject for ThreadLocal {
    fn clear_refs(&self) {
        drop(self.namespaces.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn class_key(&self) -> &'static str {
        "_thread._local"
    }
    fn attr(&self, vm: &mut Vm, _me: &Value, name: &str) -> Option<Value> {
        let me = vm.rt.world.current;
        self.namespaces.borrow().get(&me).and_then(|ns| ns.get(name).cloned())
    }
    fn set_attr(&self, vm: &mut Vm, name: &str, value: Value) -> Option<PyResult<()>> {
        let me = vm.rt.world.current;
        self.namespaces.borrow_mut().entry(me).or_default().insert(name.into(), value);
        Some(Ok(()))
    }
    fn del_attr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<()>> {
        let me = vm.rt.world.current;
        let removed = self.namespaces.borrow_mut().get_mut(&me).and_then(|ns| ns.shift_remove(name));
        Some(match removed {
            Some(_) => Ok(()),
            None => Err(Self::missing(vm, name)),
        })
    }
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok("<_thread._local object>".into())
    }
    fn instance_namespace(&self, vm: &mut Vm) -> Option<(crate::vm::native::InstanceNamespace, bool)> {
        let me = vm.rt.world.current;
        let mut shared = self.shared.borrow_mut();
        if let Some(ns) = shared.get(&me) {
            return Some((ns.clone(), false));
        }
        let ns: crate::vm::native::InstanceNamespace = Rc::new(RefCell::new(IndexMap::new()));
        shared.insert(me, ns.clone());
        Some((ns, true))
    }
}

/// The class `_thread._local`, which `threading.local` is: `local()` takes no arguments.
pub fn register_class(vm: &mut Vm) {
    let class = crate::vm::types::new_class("_local", "_thread", vec![vm.types.object.clone()], None);
    vm.register_native_class("_thread._local", class, Some(|vm, a| {
        // pos[0] is the class.
        if a.pos.len() > 1 || !a.kw.is_empty() {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
        Ok(Value::native_obj(ThreadLocal::default()))
    }));
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn each_thread_sees_only_its_own_attributes() {
        let out = run_output(
            "import threading
data = threading.local()
data.x = 'main'
def worker(n):
    print(n, hasattr(data, 'x'))
    data.x = n
    print(n, data.x)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(data.x)
del data.x
print(hasattr(data, 'x'))
",
        );
        assert_eq!(out, "0 False\n0 0\n1 False\n1 1\nmain\nFalse\n");
    }
}
