//! `_interleave`: what the Python preludes of the standard library ask of the runtime:
//! the running thread's and process's names and ids (logging's `%(threadName)s`,
//! `%(processName)s`, `os.getpid()`), and CPython's rendering of a traceback
//! (`traceback.format_exception`), so they need not import `threading` or
//! `multiprocessing` (importing those switches a program to the threads' cost model).

use crate::runtime::modules::native_module;
use crate::vm::value::{NativeFn, Value};
use crate::vm::{PyResult, Vm};

/// Make `_interleave` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("_interleave", load);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("thread_name", |vm, _a| {
            let w = &vm.rt.world;
            Ok(Value::Str(w.thread(w.current).name.clone()))
        }),
        ("thread_ident", |vm, _a| {
            let w = &vm.rt.world;
            Ok(Value::Int(w.thread(w.current).ident))
        }),
        ("process_name", |vm, _a| {
            let w = &vm.rt.world;
            Ok(Value::Str(w.process(w.current_process()).name.clone()))
        }),
        // A process's id as `Process.pid` numbers it.
        ("pid", |vm, _a| Ok(Value::Int(vm.rt.world.current_process().0 as i64))),
        // The parent's id; the main process's parent (the shell, not simulated) is 1.
        ("ppid", |vm, _a| {
            let w = &vm.rt.world;
            Ok(Value::Int(w.process(w.current_process()).parent.map_or(1, |p| p.0 as i64)))
        }),
        ("cpu_count", |vm, _a| Ok(Value::Int(vm.rt.world.cores.len() as i64))),
        // Store into an instance's own namespace, past any property of its class (a
        // frozen dataclass's __init__; CPython's uses `object.__setattr__`).
        ("set_instance_attr", |vm, a| {
            crate::builtins::arity(vm, &a, "set_instance_attr", 3, 3)?;
            let (Some(inst), Value::Str(name)) = (a.pos[0].as_instance(), &a.pos[1]) else {
                return Err(vm.type_error("set_instance_attr(instance, name, value)"));
            };
            inst.dict.borrow_mut().insert(name.clone(), a.pos[2].clone());
            Ok(Value::None)
        }),
        // source_line(filename, line): the program's text of that line, stripped ('' when
        // unknown), as `linecache.getline` gives `warnings` its source line.
        ("source_line", |vm, a| {
            crate::builtins::arity(vm, &a, "source_line", 2, 2)?;
            let (Value::Str(f), Some(line)) = (&a.pos[0], crate::vm::ops::int_of(&a.pos[1])) else { return Ok(Value::str("")) };
            let text = vm.sources.get(f).map(|s| s.line_text(line.max(0) as u32).trim().to_string()).unwrap_or_default();
            Ok(Value::str(&text))
        }),
        // `gc.collect()`: free the unreachable reference cycles (`vm::heap::collect`).
        ("gc_collect", |_vm, _a| Ok(Value::Int(crate::vm::heap::collect() as i64))),
        // Answered by the VM from the calling frame (`Vm::special_call`); this is
        // only reached through an indirect call, which has no frame to tell.
        ("call_site", |_vm, _a| Ok(Value::None)),
        // The text CPython prints for an exception: its chain, each traceback, the last line.
        ("format_exception", |vm, a| {
            crate::builtins::arity(vm, &a, "format_exception", 1, 1)?;
            Ok(Value::str(&vm.format_traceback(&a.pos[0])))
        }),
    ];
    vm.add_module(native_module("_interleave", fns));
    Ok(())
}
