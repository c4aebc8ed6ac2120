//! How the runtime installs itself into a `Vm`: the world of the run (its main process
//! and thread, with the run's settings) and the modules a program can import.
//!
//! A module is made on its first `import` (`Vm::register_loader`), not when the VM is
//! built: `import asyncio` does not pay for `multiprocessing`, and a hello-world pays for
//! nothing. Many modules are partly written in Python (ports of CPython's Lib/ files,
//! the "preludes"); each prelude is compiled once per thread and runs off the program's
//! books (no steps, no virtual time, no trace events), whenever the import happens.

use crate::builtins::native;
use crate::runtime::asyncio::primitives::Primitive;
use crate::runtime::{Stream, threads};
use crate::vm::value::{Args, Module, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The settings a run gives its runtime.
#[derive(Debug, Clone)]
pub struct Config {
    /// Simulated cores (`multiprocessing.cpu_count()`).
    pub cpus: usize,
    /// Virtual CPU seconds per bytecode instruction.
    pub cpu_rate: f64,
    /// Who gets the GIL when several threads wait.
    pub policy: threads::policy::Policy,
}

impl Default for Config {
    fn default() -> Self {
        Config { cpus: 4, cpu_rate: threads::DEFAULT_CPU_RATE, policy: threads::policy::Policy::Fifo }
    }
}

/// Install the runtime into a new `Vm`, once, before the program runs: create the world
/// (the main process and its main thread) with `config`, and make the runtime's modules
/// importable.
pub fn install(vm: &mut Vm, config: &Config) {
    vm.register_loader("sys", sys_module);
    super::time::install(vm);
    super::asyncio::install(vm);
    threads::threading_module::install(vm);
    super::processes::install(vm);
    super::stdlib::install(vm);
    // `exit()` and `quit()` are builtins that the `site` module adds in CPython.
    vm.builtins.set("exit", native("exit", system_exit));
    vm.builtins.set("quit", native("quit", system_exit));
    vm.init_world(config.cpus, config.cpu_rate, config.policy.clone());
}

/// Run a module's Python prelude in its namespace (see `Vm::exec_internal`), with the
/// trace off: the program did not do what the prelude does.
pub fn run_prelude(vm: &mut Vm, module: Rc<Module>, source: &'static str, filename: &'static str) -> PyResult<()> {
    let tracing = std::mem::replace(&mut vm.rt.recorder.enabled, false);
    let result = vm.exec_internal(module, source, filename);
    vm.rt.recorder.enabled = tracing;
    result
}

/// A new module called `name` holding native functions.
pub fn native_module(name: &str, fns: &[(&'static str, NativeFn)]) -> Rc<Module> {
    let m = Rc::new(Module::new(name));
    m.set("__name__", Value::str(name));
    for (fname, f) in fns {
        m.set(fname, native(fname, *f));
    }
    m
}

/// Copy the names a submodule exports (its `__all__`) into its package, as the
/// package's `from .tasks import *` does in CPython (`asyncio/__init__.py`).
pub fn export_all(vm: &mut Vm, from: &Module, to: &Module) -> PyResult<()> {
    let names = from.get("__all__").unwrap_or_else(|| panic!("{} has no __all__", from.name));
    for name in vm.iterate(&names)? {
        let Value::Str(name) = name else { panic!("{}.__all__ holds a non-string", from.name) };
        let v = from.get(&name).unwrap_or_else(|| panic!("{}.__all__ names a missing {name}", from.name));
        to.set(&name, v);
    }
    Ok(())
}

/// Register `sub` as `package.sub`: importable by its full name and an attribute of
/// its package (`import asyncio.tasks`, `asyncio.tasks.wait_for`).
pub fn add_submodule(vm: &mut Vm, package: &Module, sub: Rc<Module>) {
    let short = sub.name.rsplit('.').next().unwrap_or(&sub.name).to_string();
    let v = vm.add_module(sub);
    package.set(&short, v);
}

/// `sys.exit(code)`: raise SystemExit(code).
fn system_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = a.pos.into_iter().take(1).collect();
    Err(crate::vm::Fail::Exc(crate::vm::exceptions::new_exception(&vm.types.exc("SystemExit"), args)))
}

fn sys_module(vm: &mut Vm) -> PyResult<()> {
    let m = native_module(
        "sys",
        &[
            ("getrecursionlimit", |_vm, _a| Ok(Value::Int(1000))),
            ("getswitchinterval", |_vm, _a| Ok(Value::Float(0.005))),
            ("exit", system_exit),
        ],
    );
    m.set("stdout", Value::obj(Obj::Primitive(Box::new(Primitive::Stream(Stream::Stdout)))));
    m.set("stderr", Value::obj(Obj::Primitive(Box::new(Primitive::Stream(Stream::Stderr)))));
    m.set("version", Value::str("3.11.7 (Interleave)"));
    m.set("platform", Value::str("interleave"));
    m.set("argv", Value::list(vec![Value::str("prog.py")]));
    vm.add_module(m);
    Ok(())
}
