//! The builtins namespace: the built-in types, exception classes, functions and
//! singletons (`NotImplemented`, `Ellipsis`) a program sees without importing.

use super::constructors::{exception_init, object_init};
use super::functions::*; // every built-in function named in the table below
use super::native;
use crate::vm::types;
use crate::vm::value::{NativeFn, Obj, Value};
use crate::vm::Vm;
use std::cell::RefCell;

/// Fill `vm.builtins` (and the `__init__` of `object` and `BaseException`).
pub fn install(vm: &mut Vm) {
    vm.hooks.value_method = super::value_method;
    vm.hooks.base_method = super::base_method;
    vm.hooks.type_attr = super::type_attr;
    vm.hooks.construct = super::construct;
    vm.hooks.percent_format = super::format::percent_format;
    let b = vm.builtins.clone();
    let t = &vm.types;
    for (name, class) in [
        ("int", &t.int),
        ("float", &t.float),
        ("str", &t.str_),
        ("bool", &t.bool_),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("bytes", &t.bytes),
        ("bytearray", &t.bytearray),
        ("range", &t.range),
        ("object", &t.object),
        ("type", &t.type_),
        ("slice", &t.slice),
    ] {
        b.set(name, class.clone());
    }
    for (name, class) in vm.types.exceptions.iter() {
        let c = class.as_class().expect("class");
        if &*c.module == "builtins" {
            b.set(name, class.clone());
        }
    }
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr_fn),
        ("abs", abs),
        ("round", round),
        ("sum", sum),
        ("min", min),
        ("max", max),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("any", any),
        ("all", all),
        ("iter", iter),
        ("next", next),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("vars", vars),
        ("callable", callable),
        ("divmod", divmod),
        ("pow", pow),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("chr", chr),
        ("ord", ord),
        ("hash", hash),
        ("id", id),
        ("dir", dir),
        ("globals", scope_dict),
        ("locals", scope_dict),
        ("map", map),
        ("filter", filter),
        ("format", format_fn),
        ("super", super_fn),
        ("input", input),
    ];
    for (name, f) in fns {
        b.set(name, native(name, *f));
    }
    let not_impl_class = types::new_class("NotImplementedType", "builtins", vec![vm.types.object.clone()], None);
    b.set("NotImplemented", Value::obj(Obj::Instance(Box::new(crate::vm::value::Instance {
        class: not_impl_class,
        dict: RefCell::new(Default::default()),
        exc: None,
    }))));
    let ellipsis_class = types::new_class("ellipsis", "builtins", vec![vm.types.object.clone()], None);
    b.set("Ellipsis", Value::obj(Obj::Instance(Box::new(crate::vm::value::Instance {
        class: ellipsis_class,
        dict: RefCell::new(Default::default()),
        exc: None,
    }))));
    b.set("__name__", Value::str("builtins"));
    // `object.__init__` and `BaseException.__init__`, reachable through `super()`.
    vm.types.object.as_class().unwrap().dict.borrow_mut().insert("__init__".into(), native("__init__", object_init));
    vm.types.exc("BaseException").as_class().unwrap().dict.borrow_mut().insert("__init__".into(), native("__init__", exception_init));
    super::bytes::install_unicode_errors(vm);
    super::memoryview::install(vm);
}
