//! The virtual machine: values, frames, the dispatch loop, calls and attributes.
//!
//! `Vm` owns everything a run needs: the built-in types and modules, the runtime world
//! (virtual clock, event loop, trace) and the limits. The runtime's state (`Vm::rt`,
//! `crate::runtime::Runtime`) is the VM's one dependency on a layer above it; every other
//! contact goes through `native` (the runtime's objects) and `host` (hooks the builtins
//! and the runtime install). Python exceptions are values
//! (`Fail::Exc`); engine limits (`Fail::Limit`) and a detached child's planned end
//! (`Fail::ChildDone`) unwind everything and are not catchable.

pub mod attr;
pub mod call;
pub mod cost;
pub mod dispatch;
pub mod exceptions;
pub mod finalizer;
pub mod frame;
pub mod generator;
pub mod heap;
pub mod generator_coroutine;
pub mod host;
pub mod metaclass;
pub mod native;
pub mod ops;
pub mod suggestions;
pub mod types;
pub mod value;
pub mod weak;

use crate::compiler::{Code, LineIndex};
use crate::runtime::Runtime;
use std::collections::HashMap;
use std::rc::Rc;
use types::Types;
use value::{Module, Value};

/// Why a run stopped that is not a Python exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitKind {
    /// The run executed more instructions than `Limits::max_steps`.
    Steps,
    /// The program allocated more than the memory budget.
    Memory,
    /// The run was stopped from outside (the UI's Stop button).
    Interrupted,
    /// Every task waits and nothing can wake one; the wait-for cycle, if any.
    Deadlock(Vec<u32>),
}

/// An engine limit, with advice for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// Which limit.
    pub kind: LimitKind,
    /// What happened and what to do (shown to the user).
    pub message: String,
}

/// Why Python code stopped early: a Python exception (which `try` can catch), or one of
/// the two ways the engine unwinds everything at once.
#[derive(Debug, Clone)]
pub enum Fail {
    /// A Python exception (an exception instance), catchable by `except`.
    Exc(Value),
    /// An engine limit: the run is stopped and the user told why.
    Limit(LimitError),
    /// A run detached to one child process (`runtime::processes::detached`) is over, as
    /// planned: no error, the runner reports the child.
    ChildDone,
}

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, Fail>;

/// Budgets that keep any program from running forever or exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytecode instructions (and native steps) a run may execute.
    pub max_steps: u64,
    /// Bytes the program's objects may occupy (checked when an allocator reports usage).
    pub max_memory: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_steps: 10_000_000, max_memory: 512 * 1024 * 1024 }
    }
}

/// The step budget of one prelude run (`Vm::exec_internal`): far more than any prelude
/// takes, so only a bug in one could spend it.
pub const PRELUDE_STEPS: u64 = 1_000_000;

/// How deep Rust-side recursion over nested values (repr, ==) may go: CPython's
/// recursion limit.
pub const MAX_NATIVE_DEPTH: usize = 1000;

/// Units of native work (values copied) [`Vm::charge`] counts as one step: about what one
/// bytecode instruction costs.
pub const WORK_PER_STEP: usize = 16;

/// Reports how many bytes are allocated right now (installed by binaries that count).
pub type MemoryProbe = fn() -> usize;

/// Creates a module the first time a program imports it: it builds the module and
/// registers it with `Vm::add_module` (under the name it was registered for).
pub type ModuleLoader = fn(&mut Vm) -> PyResult<()>;

/// The interpreter: the classes, modules and runtime state of one run.
pub struct Vm {
    /// The built-in classes.
    pub types: Types,
    /// `builtins`.
    pub builtins: Rc<Module>,
    /// `__main__`: the program's globals.
    pub main: Rc<Module>,
    /// The program's module code, kept for a `spawn`ed child process, which runs it again
    /// as `__mp_main__` (multiprocessing's `spawn.prepare`).
    pub main_code: Option<Rc<Code>>,
    /// Modules imported so far, by full name (`asyncio`, `asyncio.tasks`).
    pub modules: HashMap<Rc<str>, Value>,
    /// Modules that exist but were not imported yet, and how to make each one.
    pub loaders: HashMap<&'static str, ModuleLoader>,
    /// The program's own other files, by module name (`helpers` for `helpers.py`), each
    /// run on its first import like CPython's import of a file beside the script.
    pub user_sources: HashMap<String, Rc<str>>,
    /// The runtime's state (clock, event loop, threads, trace) the VM owns for this run.
    pub rt: Runtime,
    /// The budgets of this run.
    pub limits: Limits,
    /// Measures memory in use, checked against the budget; None to skip the check.
    pub memory_probe: Option<MemoryProbe>,
    /// Instructions executed so far (the trace's step counter).
    pub steps: u64,
    /// Source of each file, for traceback lines.
    pub sources: HashMap<Rc<str>, LineIndex>,
    /// Nesting of synchronous calls made from Rust (key functions, `__str__`, callbacks).
    pub sync_depth: usize,
    /// Nesting of generators resumed from inside generators (each nests a dispatch loop).
    pub gen_depth: usize,
    /// Set from outside to stop the run at the next instruction.
    pub interrupt: Option<Rc<std::cell::Cell<bool>>>,
    /// Told the step count every 4,096 steps (the page's worker reports progress with it, so
    /// that Stop can replay the run up to where it was stopped).
    pub progress: Option<fn(u64)>,
    /// `property`, `staticmethod`, `classmethod` (in that order).
    pub descriptor_classes: Vec<Value>,
    /// Current depth of Rust-side recursion over nested values.
    pub native_depth: usize,
    /// The classes of the runtime's native objects, by key (`vm::native`).
    pub native_classes: HashMap<&'static str, Value>,
    /// What the VM asks of the builtins and the runtime (`vm::host`).
    pub hooks: host::Hooks,
}

impl Vm {
    /// A VM with the built-in classes and `builtins` installed, and an empty runtime.
    pub fn new(limits: Limits) -> Vm {
        let types = Types::new();
        let builtins = crate::vm::heap::new_module("builtins");
        let main = crate::vm::heap::new_module("__main__");
        main.set("__name__", Value::str("__main__"));
        // A module without a docstring has `__doc__ = None`; a docstring replaces it.
        main.set("__doc__", Value::None);
        let mut vm = Vm {
            types,
            builtins,
            main,
            main_code: None,
            modules: HashMap::new(),
            user_sources: HashMap::new(),
            loaders: HashMap::new(),
            rt: Runtime::new(),
            limits,
            memory_probe: None,
            steps: 0,
            sources: HashMap::new(),
            sync_depth: 0,
            gen_depth: 0,
            interrupt: None,
            progress: None,
            descriptor_classes: Vec::new(),
            native_depth: 0,
            native_classes: HashMap::new(),
            hooks: host::Hooks::default(),
        };
        // Only the language itself: the built-in functions and types' methods and the
        // runtime (asyncio, threading, the world of threads and processes) are installed
        // by whoever runs a program (`runtime::install`, called by `session::run`).
        // Generators dropped by an earlier run on this thread are not this run's.
        generator::forget_dropped();
        finalizer::forget();
        attr::install_descriptors(&mut vm);
        vm
    }

    /// Remember a file's source so tracebacks can quote its lines.
    pub fn add_source(&mut self, filename: &str, source: &str) {
        self.sources.insert(filename.into(), LineIndex::new(source));
    }

    /// Make a new exception instance of the named built-in class with one message.
    pub fn exc(&self, class: &str, msg: impl Into<String>) -> Fail {
        let msg: String = msg.into();
        let args = if msg.is_empty() { vec![] } else { vec![Value::Str(msg.into())] };
        Fail::Exc(exceptions::new_exception(&self.types.exc(class), args))
    }

    /// A `TypeError` with this message.
    pub fn type_error(&self, msg: impl Into<String>) -> Fail {
        self.exc("TypeError", msg)
    }

    /// A `ValueError` with this message.
    pub fn value_error(&self, msg: impl Into<String>) -> Fail {
        self.exc("ValueError", msg)
    }

    /// Count one step against the budget; also checks memory now and then.
    #[inline]
    pub fn tick(&mut self) -> PyResult<()> {
        self.tick_weighted(1.0)
    }

    /// Count one instruction of `weight` cost units (`cost::weight`) against the budget.
    #[inline(always)]
    pub fn tick_weighted(&mut self, weight: f64) -> PyResult<()> {
        self.steps += 1;
        // The cost model: each instruction takes virtual CPU time, by kind (`cost`).
        let cpu = self.rt.world.cpu_rate * weight;
        self.rt.now += cpu;
        self.rt.world.cpu_total += cpu;
        // One compare on the hot path: the budget and the periodic checks share it.
        if self.steps & 0xfff == 0 || self.steps > self.limits.max_steps {
            return self.tick_slow();
        }
        Ok(())
    }

    #[cold]
    fn tick_slow(&mut self) -> PyResult<()> {
        if self.steps > self.limits.max_steps {
            return Err(Fail::Limit(LimitError {
                kind: LimitKind::Steps,
                message: format!(
                    "the program ran more than {} steps (the step budget) and was stopped. \
                     This is often caused by a loop that never ends or never awaits; \
                     raise the budget with --max-steps if the program really needs more",
                    self.limits.max_steps
                ),
            }));
        }
        self.check_slow_limits()
    }

    #[cold]
    fn check_slow_limits(&mut self) -> PyResult<()> {
        if let Some(progress) = self.progress {
            progress(self.steps);
        }
        if let Some(probe) = self.memory_probe {
            let used = probe();
            if used > self.limits.max_memory {
                return Err(Fail::Limit(LimitError {
                    kind: LimitKind::Memory,
                    message: format!(
                        "the program used more than {} MiB of memory (the memory budget) and was stopped. \
                         This is often caused by a list or queue that grows without bound",
                        self.limits.max_memory / (1024 * 1024)
                    ),
                }));
            }
        }
        if let Some(flag) = &self.interrupt {
            if flag.get() {
                return Err(Fail::Limit(LimitError {
                    kind: LimitKind::Interrupted,
                    message: "the run was stopped".into(),
                }));
            }
        }
        Ok(())
    }

    /// Charge `units` of virtual CPU time (`cost`'s units, times the CPU rate) for work done
    /// inside one instruction: a built-in's per-element work, an instance's creation. Only
    /// the clock moves: the step budget counts instructions (and `charge`).
    #[inline(always)]
    pub fn cost(&mut self, units: f64) {
        let cpu = self.rt.world.cpu_rate * units;
        self.rt.now += cpu;
        self.rt.world.cpu_total += cpu;
    }

    /// Charge a built-in's work on `n` elements at `per` units each: virtual time as
    /// `cost`, and steps as `charge` (so a huge call still meets the step budget).
    pub fn cost_items(&mut self, n: usize, per: f64) -> PyResult<()> {
        self.cost(n as f64 * per);
        self.charge(n)
    }

    /// Count native work a single builtin call does in proportion to its data (the
    /// copying of `sum(lists, [])`, quadratic in CPython too), so the step budget sees
    /// it: one step per `WORK_PER_STEP` units of work.
    pub fn charge(&mut self, work: usize) -> PyResult<()> {
        self.steps = self.steps.saturating_add((work / WORK_PER_STEP) as u64);
        if self.steps > self.limits.max_steps {
            return self.tick_slow();
        }
        Ok(())
    }

    /// Refuse, with CPython's `MemoryError` (what CPython raises when `malloc` fails), to
    /// allocate `bytes` more when that would take the run past its memory budget.
    ///
    /// Called before one builtin makes a large object (repeat, padding, join, split,
    /// extend, format precision): the budget is otherwise checked every 4,096 steps, and
    /// one call could allocate gigabytes in between, or abort the process on a failed
    /// allocation. Without a probe (no counting allocator) the request alone is compared
    /// with the budget.
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        let used = self.memory_probe.map_or(0, |probe| probe());
        if used.saturating_add(bytes) > self.limits.max_memory {
            return Err(self.exc("MemoryError", ""));
        }
        Ok(())
    }

    /// `reserve` for a new str of `len` bytes: it is built in a `String` and then copied
    /// into its shared block, so both exist for a moment.
    pub fn reserve_str(&self, len: usize) -> PyResult<()> {
        self.reserve(len.saturating_mul(2))
    }

    /// `reserve` for `count` values of type `T` (a `MemoryError` when the size overflows).
    pub fn reserve_items<T>(&self, count: usize) -> PyResult<()> {
        self.reserve(count.checked_mul(std::mem::size_of::<T>()).unwrap_or(usize::MAX))
    }

    /// Collect values one builtin makes from native data (the parts of `str.split`),
    /// refusing with `MemoryError` before the list outgrows the memory budget: checked
    /// before each growth of the list and every 4,096 values (each may own a block).
    pub fn collect_within_budget(&self, items: impl Iterator<Item = Value>) -> PyResult<Vec<Value>> {
        let mut out = Vec::new();
        for v in items {
            if out.len() == out.capacity() {
                // A growth allocates the new block while the old one is still held.
                self.reserve_items::<Value>(out.capacity() * 2)?;
            } else if out.len() % 4096 == 0 {
                self.reserve(0)?;
            }
            out.push(v);
        }
        Ok(out)
    }

    /// Register an importable module.
    pub fn add_module(&mut self, module: Rc<Module>) -> Value {
        let v = Value::obj(value::Obj::Module(module.clone()));
        self.modules.insert(module.name.clone(), v.clone());
        v
    }

    /// Make `name` importable without creating it: `load` runs on its first import.
    pub fn register_loader(&mut self, name: &'static str, load: ModuleLoader) {
        self.loaders.insert(name, load);
    }

    /// The module called `name`, loading it now if it was not imported yet; `None` if
    /// there is no such module.
    pub fn find_module(&mut self, name: &str) -> PyResult<Option<Value>> {
        if let Some(m) = self.modules.get(name) {
            return Ok(Some(m.clone()));
        }
        // Taken out before it runs, so a module that imports itself sees the partly
        // made module (as CPython's `sys.modules` does) instead of loading it twice.
        let Some(load) = self.loaders.remove(name) else { return Ok(None) };
        load(self)?;
        Ok(self.modules.get(name).cloned())
    }

    /// Run runtime-internal Python (a prelude, compiled once per thread) in `module`'s
    /// namespace. It costs the program nothing, even when an import runs it mid-run: the
    /// step counter and the clock are put back, and no other thread is switched to.
    /// An engine limit (the Stop button) or an exception (a `RecursionError` when the
    /// import happens deep in the program's recursion) fails the import, as in CPython;
    /// the engine never panics for it.
    pub fn exec_internal(&mut self, module: Rc<Module>, source: &'static str, filename: &'static str) -> PyResult<()> {
        let code = crate::compiler::compile_internal_once(source, filename)
            .unwrap_or_else(|e| panic!("the {filename} prelude does not compile: {e}"));
        let (steps, now, max_steps) = (self.steps, self.rt.now, self.limits.max_steps);
        self.steps = 0;
        // The prelude has a budget of its own: a program's tiny one (`--max-steps 100`)
        // must stop the program, not the runtime installing itself.
        self.limits.max_steps = PRELUDE_STEPS;
        // A sync call is never preempted (see `exec_inner`).
        self.sync_depth += 1;
        let mut fiber = frame::Fiber::new(frame::Frame::new(code, module));
        let outcome = self.run(&mut fiber, value::Resume::Send(Value::None));
        self.sync_depth -= 1;
        self.limits.max_steps = max_steps;
        self.steps = steps;
        self.rt.now = now;
        match outcome {
            dispatch::Outcome::Return(_) => Ok(()),
            dispatch::Outcome::Raise(f) => Err(f),
            dispatch::Outcome::Yield(_) => Err(self.exc("RuntimeError", format!("the {filename} prelude tried to suspend"))),
        }
    }

    /// Compile and run the module code of the main program to completion.
    pub fn run_main(&mut self, code: Rc<Code>) -> PyResult<Value> {
        self.main_code = Some(code.clone());
        let frame = frame::Frame::new(code, self.main.clone());
        let mut fiber = frame::Fiber::new(frame);
        let result = match self.run_nested(&mut fiber, value::Resume::Send(Value::None)) {
            dispatch::Outcome::Return(v) => Ok(v),
            dispatch::Outcome::Raise(f) => Err(f),
            dispatch::Outcome::Yield(_) => Err(self.exc("RuntimeError", "the main program cannot suspend")),
        };
        // What the interpreter's exit waits for (the runtime's hook), even after an exception.
        if matches!(result, Ok(_) | Err(Fail::Exc(_))) {
            (self.hooks.at_exit)(self)?;
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exc_name(vm: &Vm, r: PyResult<()>) -> String {
        match r {
            Err(Fail::Exc(e)) => vm.type_name(&e).to_string(),
            other => format!("{other:?}"),
        }
    }

    /// `reserve` refuses what would pass the budget, counting what is in use already.
    #[test]
    fn reserve_refuses_past_the_memory_budget() {
        let mut vm = Vm::new(Limits { max_steps: 1000, max_memory: 1000 });
        assert!(vm.reserve(1000).is_ok());
        assert_eq!(exc_name(&vm, vm.reserve(1001)), "MemoryError");
        assert_eq!(exc_name(&vm, vm.reserve_items::<Value>(usize::MAX / 2)), "MemoryError");
        assert_eq!(exc_name(&vm, vm.reserve_str(501)), "MemoryError");
        vm.memory_probe = Some(|| 900);
        assert!(vm.reserve(100).is_ok());
        assert_eq!(exc_name(&vm, vm.reserve(101)), "MemoryError");
        let collected = vm.collect_within_budget((0..10).map(Value::Int));
        assert_eq!(exc_name(&vm, collected.map(|_| ())), "MemoryError");
    }
}
