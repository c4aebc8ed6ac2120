//! How the runtime installs itself into a `Vm`: the world of the run (its main process
//! and thread, with the run's settings) and the modules a program can import.
//!
//! A module is made on its first `import` (`Vm::register_loader`), not when the VM is
//! built: `import asyncio` does not pay for `multiprocessing`, and a hello-world pays for
//! nothing. Many modules are partly written in Python (ports of CPython's Lib/ files,
//! the "preludes"); each prelude is compiled once per thread and runs off the program's
//! books (no steps, no virtual time, no trace events), whenever the import happens.

use crate::builtins::native;
use crate::runtime::{Stream, threads};
use crate::vm::value::{Args, Module, NativeFn, Value};
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

/// Install the builtins and the runtime into a new `Vm`, once, before the program runs:
/// the built-in functions, the VM's hooks, the world
/// (the main process and its main thread) with `config`, and make the runtime's modules
/// importable.
pub fn install(vm: &mut Vm, config: &Config) {
    crate::builtins::install(vm);
    vm.hooks.run_nested = Vm::run_blocking;
    vm.hooks.stored = super::values::stored;
    vm.hooks.touched = super::values::touched;
    vm.hooks.touch_done = super::values::touch_done;
    vm.hooks.frame_left = super::values::frame_left;
    vm.hooks.choice_point = threads::explore::choice_point;
    vm.hooks.write_stderr = |vm, text| vm.write_output(text, true);
    vm.hooks.generic_alias = super::stdlib::introspect::generic_alias;
    vm.hooks.union_type = super::stdlib::introspect::union_type;
    vm.hooks.builtin_base = super::stdlib::builtin_base;
    vm.hooks.first_iter_asyncgen = crate::runtime::asyncio::event_loop::remember_asyncgen;
    vm.hooks.at_exit = |vm| {
        // The interpreter's exit waits for non-daemon threads (`threading._shutdown`) and
        // child processes (multiprocessing's exit handler), even after an exception.
        if vm.rt.world.is_concurrent() {
            threads::threading_module::at_exit(vm)?;
            vm.block_here(threads::BlockOn::NonDaemonThreads)?;
        }
        // Then `atexit`'s functions (`Py_FinalizeEx` calls them after joining the threads),
        // then the main module's globals go, finalizing what they held (`__del__`). A child
        // run alone (real mode) ends as a forked child does, with `os._exit`: no teardown.
        super::stdlib::run_atexit(vm)?;
        if vm.rt.forks.alone.is_none() {
            vm.clear_main_module()?;
        }
        Ok(())
    };
    super::output::register_class(vm);
    threads::sync::register_classes(vm);
    super::processes::queue::register_class(vm);
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
    let m = crate::vm::heap::new_module(name);
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
            ("getswitchinterval", |vm, _a| Ok(Value::Float(vm.rt.world.switch_interval))),
            ("setswitchinterval", set_switch_interval),
            ("exit", system_exit),
            // Called through the dispatch loop, which answers from the calling frame;
            // reached here only through a reference called from Rust.
            ("exc_info", |_vm, _a| Ok(Value::tuple(vec![Value::None, Value::None, Value::None]))),
        ],
    );
    m.set("stdout", Value::native_obj(super::output::StdStream(Stream::Stdout)));
    m.set("stderr", Value::native_obj(super::output::StdStream(Stream::Stderr)));
    m.set("version", Value::str("3.11.7 (Interleave)"));
    m.set("platform", Value::str("interleave"));
    let argv = if vm.rt.argv.is_empty() { vec!["prog.py".to_string()] } else { vm.rt.argv.clone() };
    m.set("argv", Value::list(argv.iter().map(|a| Value::str(a)).collect()));
    m.set("maxsize", Value::Int(i64::MAX));
    m.set("byteorder", Value::str("little"));
    vm.add_module(m.clone());
    run_prelude(vm, m, SYS_PRELUDE, "<sys>")
}

/// What `sys` has that is easier said in Python: `version_info`, a named tuple that
/// compares with plain tuples (`sys.version_info >= (3, 8)`).
const SYS_PRELUDE: &str = r#"
class _VersionInfo:
    _fields = ('major', 'minor', 'micro', 'releaselevel', 'serial')

    def __init__(self, *values):
        object.__setattr__(self, '_values', values)

    major = property(lambda self: self._values[0])
    minor = property(lambda self: self._values[1])
    micro = property(lambda self: self._values[2])
    releaselevel = property(lambda self: self._values[3])
    serial = property(lambda self: self._values[4])

    def __setattr__(self, name, value):
        raise AttributeError('readonly attribute')

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return 5

    def __iter__(self):
        return iter(self._values)

    def __hash__(self):
        return hash(self._values)

    def __eq__(self, other):
        return self._values == tuple(other) if isinstance(other, (tuple, _VersionInfo)) else NotImplemented

    def __lt__(self, other):
        return self._values < tuple(other)

    def __le__(self, other):
        return self._values <= tuple(other)

    def __gt__(self, other):
        return self._values > tuple(other)

    def __ge__(self, other):
        return self._values >= tuple(other)

    def __repr__(self):
        return ('sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)'
                % self._values)


version_info = _VersionInfo(3, 11, 7, 'final', 0)
del _VersionInfo
"#;

/// `sys.setswitchinterval(interval)`: how long a thread waiting for the GIL waits before
/// it asks the holder to drop it (CPython's `_PyEval_SetSwitchInterval`).
fn set_switch_interval(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "setswitchinterval", 1, 1)?;
    let interval = match crate::vm::ops::num(&a.pos[0]) {
        Some(n) => n.as_f64(),
        None => {
            let tn = vm.type_name(&a.pos[0]);
            return Err(vm.type_error(format!("must be real number, not {tn}")));
        }
    };
    if !(interval > 0.0) {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    vm.rt.world.switch_interval = interval;
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{run, RunOptions};
    use crate::vm::Limits;

    /// A VM with the runtime installed that has run `src` (which must not fail).
    fn vm_after(src: &str, config: &Config) -> Vm {
        let mut vm = Vm::new(Limits::default());
        install(&mut vm, config);
        let code = crate::compiler::compile(src, "prog.py").expect("compiles");
        if let Err(e) = vm.run_main(code) {
            panic!("the program failed: {e:?}");
        }
        vm
    }

    /// `time.NAME` after the run (the main module's own globals are gone by then, as at
    /// CPython's exit).
    fn time_attr(vm: &mut Vm, name: &str) -> f64 {
        let time = vm.modules.get("time").cloned().expect("time was imported");
        match vm.get_attr(&time, name) {
            Ok(Value::Float(f)) => f,
            other => panic!("{name} is {other:?}"),
        }
    }

    /// At exit the main module's globals go and `__del__` runs for what they held: the
    /// order plain `python3` 3.11 printed for this program (definition order, containers'
    /// contents after the instances named directly), after `atexit`'s functions.
    #[test]
    fn the_main_modules_globals_are_finalized_at_exit_in_cpythons_order() {
        let out = crate::runtime::run_output(
            "import atexit\nclass A:\n    def __init__(self, n):\n        self.n = n\n    def __del__(self):\n        print('del', self.n)\n\
             p = A('p')\nl = [A('in list')]\ny = A('y')\nd = {'k': A('in dict')}\n_u = A('_u')\nz = A('z')\n\
             atexit.register(print, 'atexit')\nprint('end')\n",
        );
        assert_eq!(out, "end\natexit\ndel p\ndel y\ndel _u\ndel z\ndel in list\ndel in dict\n");
    }

    /// A run stopped by its budget has no exit: what its objects' `__del__` would print
    /// never shows, not even in the next run on the same thread (the page's worker).
    #[test]
    fn finalizers_left_by_a_stopped_run_never_reach_the_next_run() {
        std::thread::spawn(|| {
            let mut options = RunOptions::default();
            options.limits.max_steps = 2_000;
            let src = "class A:\n    def __del__(self):\n        print('from the first run')\nkeep = A()\nkeep.child = A()\nwhile True:\n    pass\n";
            let first = run(src, &options);
            assert_eq!(first.exit_code, 1);
            assert_eq!(first.stdout(false), "");
            let second = run("print('second')\n", &RunOptions::default());
            assert_eq!(second.stdout(false), "second\n");
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_module_is_made_on_its_first_import_only() {
        let vm = vm_after("import asyncio\n", &Config::default());
        for name in ["asyncio", "asyncio.tasks", "asyncio.locks", "_asyncio"] {
            assert!(vm.modules.contains_key(name), "{name} is missing");
        }
        for name in ["multiprocessing", "threading", "queue", "concurrent", "random", "sys"] {
            assert!(!vm.modules.contains_key(name), "{name} was loaded though not imported");
        }
    }

    #[test]
    fn preludes_are_compiled_once_per_thread() {
        // A thread of its own, so no other test has filled its cache.
        std::thread::spawn(|| {
            let src = "import asyncio, threading, queue, multiprocessing, random, collections, functools\n";
            let before = crate::compiler::internal_compilations();
            assert_eq!(run(src, &RunOptions::default()).exit_code, 0);
            let after_first = crate::compiler::internal_compilations();
            assert!(after_first > before + 10, "the first run compiled {} preludes", after_first - before);
            assert_eq!(run(src, &RunOptions::default()).exit_code, 0);
            assert_eq!(crate::compiler::internal_compilations(), after_first, "the second run compiled again");
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_late_import_takes_no_steps_no_time_and_no_trace_events() {
        // Every instruction costs virtual time at this rate, so running a prelude would show.
        let config = Config { cpu_rate: 0.001, ..Config::default() };
        let mut vm = vm_after(
            "import time\ntime.t0 = time.monotonic()\nimport threading, queue, multiprocessing, concurrent.futures, asyncio\ntime.t1 = time.monotonic()\n",
            &config,
        );
        let elapsed = time_attr(&mut vm, "t1") - time_attr(&mut vm, "t0");
        // (Five imports, five stores of module attributes and the `time.monotonic()` call
        // cost about 80 units, `vm::cost`; running a prelude would cost thousands.)
        assert!(elapsed < 0.15, "the imports took {elapsed} virtual seconds");
        assert!(vm.steps < 40, "the program took {} steps", vm.steps);

        let options = RunOptions { cpu_rate: Some(0.001), ..RunOptions::default() };
        // (`pass`: a store would record the program's variable.)
        let plain = run("pass\n", &options);
        let importing = run("import threading, queue, multiprocessing, concurrent.futures, asyncio\n", &options);
        assert_eq!(importing.trace.events.len(), plain.trace.events.len(), "{:?}", importing.trace.events);
    }

    #[test]
    fn an_import_in_a_thread_is_never_preempted_midway() {
        // The importer's prelude runs while another thread wants the GIL: it must finish
        // before the switch, or the prelude would be suspended half made. The switch
        // comes every 5000 instructions (a loop turn is 3): one of these offsets puts it
        // inside the prelude.
        for offset in (0..1700).step_by(20) {
            let src = format!(
                "\
import threading
def spin():
    for i in range(8000):
        pass
def importer():
    for i in range({offset}):
        pass
    import concurrent.futures
    print('imported', concurrent.futures.ThreadPoolExecutor.__name__)
a = threading.Thread(target=spin)
b = threading.Thread(target=importer)
a.start()
b.start()
a.join()
b.join()
"
            );
            let r = run(&src, &RunOptions::default());
            assert_eq!((r.exit_code, r.stdout(false).as_str()), (0, "imported ThreadPoolExecutor\n"), "offset {offset}: {}", r.stderr());
        }
    }

    #[test]
    fn a_missing_module_lists_every_importable_one() {
        let r = run("import typing, asyncio\nimport numpy\n", &RunOptions::default());
        let last = r.stderr().lines().last().unwrap_or("").to_string();
        let vm = vm_after("", &Config::default());
        let mut expected: Vec<&str> = vm.loaders.keys().copied().filter(|n| !n.starts_with('_')).collect();
        expected.sort_unstable();
        let (tail, head) = expected.split_last().unwrap();
        let want = format!("ModuleNotFoundError: No module named 'numpy' (Interleave provides {} and {tail})", head.join(", "));
        assert_eq!(last, want);
        for name in ["typing", "logging", "dataclasses", "asyncio", "sys"] {
            assert!(last.contains(name), "{name} is not listed");
        }
    }

    #[test]
    fn the_world_is_made_once_with_the_runs_settings() {
        let config = Config { cpus: 3, cpu_rate: 0.5, policy: threads::policy::Policy::Fifo };
        let vm = vm_after("", &config);
        assert_eq!(vm.rt.world.cores.len(), 3);
        assert_eq!(vm.rt.world.cpu_rate, 0.5);
        assert_eq!(vm.rt.world.threads.len(), 1, "one main thread");
        assert_eq!(vm.rt.world.processes.len(), 1, "one main process");
    }
}
