//! `inspect` and `types`: the parts concurrency programs use to tell coroutines,
//! generators and their functions apart (`inspect.iscoroutinefunction`,
//! `inspect.isawaitable`, `types.coroutine`...), as CPython's `Lib/inspect.py` and
//! `Lib/types.py` define them.

use crate::runtime::modules::native_module;
use crate::vm::generator_coroutine::{is_asyncgen_function, is_coroutine_function, is_generator_function};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};

fn arg(a: &Args) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn kind_of(v: &Value) -> Option<&'static str> {
    v.as_obj().map(|o| o.kind_name())
}

/// Make `inspect` and `types` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("inspect", |vm| {
        let fns: &[(&'static str, NativeFn)] = &[
            ("iscoroutinefunction", |_, a| Ok(Value::Bool(is_coroutine_function(&arg(&a))))),
            ("isgeneratorfunction", |_, a| Ok(Value::Bool(is_generator_function(&arg(&a))))),
            ("isasyncgenfunction", |_, a| Ok(Value::Bool(is_asyncgen_function(&arg(&a))))),
            ("iscoroutine", |_, a| Ok(Value::Bool(kind_of(&arg(&a)) == Some("coroutine")))),
            ("isgenerator", |_, a| Ok(Value::Bool(kind_of(&arg(&a)) == Some("generator")))),
            ("isasyncgen", |_, a| Ok(Value::Bool(kind_of(&arg(&a)) == Some("async_generator")))),
            ("isawaitable", |vm, a| Ok(Value::Bool(vm.is_awaitable(&arg(&a))))),
            ("isfunction", |_, a| Ok(Value::Bool(matches!(arg(&a).as_obj().map(|o| o.as_ref()), Some(Obj::Function(_)))))),
            ("isclass", |_, a| Ok(Value::Bool(arg(&a).as_class().is_some()))),
        ];
        let m = native_module("inspect", fns);
        vm.add_module(m);
        Ok(())
    });
    vm.register_loader("types", |vm| {
        let fns: &[(&'static str, NativeFn)] = &[("coroutine", types_coroutine)];
        let m = native_module("types", fns);
        m.set("GeneratorType", vm.types.generator.clone());
        m.set("CoroutineType", vm.types.coroutine.clone());
        m.set("AsyncGeneratorType", vm.types.async_generator.clone());
        m.set("FunctionType", vm.types.function.clone());
        m.set("BuiltinFunctionType", vm.types.builtin_function.clone());
        m.set("MethodType", vm.types.method.clone());
        m.set("ModuleType", vm.types.module.clone());
        m.set("NoneType", vm.types.none.clone());
        vm.add_module(m.clone());
        crate::runtime::run_prelude(vm, m, include_str!("types.py"), "<types>")
    });
}

/// `list[int]`: `types.GenericAlias(list, int)` (the VM's `generic_alias` hook).
pub fn generic_alias(vm: &mut Vm, origin: &Value, args: &Value) -> PyResult<Value> {
    let types = vm.import("types")?;
    let ga = vm.get_attr(&types, "GenericAlias")?;
    vm.call_sync(&ga, vec![origin.clone(), args.clone()])
}

/// `int | None`: a `types.UnionType` (the VM's `union_type` hook).
pub fn union_type(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let types = vm.import("types")?;
    let union = vm.get_attr(&types, "_union")?;
    vm.call_sync(&union, vec![a.clone(), b.clone()])
}

fn types_coroutine(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.len() != 1 {
        return Err(vm.type_error(format!("coroutine() takes 1 positional argument but {} were given", a.pos.len())));
    }
    vm.types_coroutine(&a.pos[0])
}

/// `asyncio.iscoroutinefunction` (the same test as `inspect`'s here).
pub fn asyncio_iscoroutinefunction(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(is_coroutine_function(&arg(&a))))
}
