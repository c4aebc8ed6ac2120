//! The simulated runtime: the virtual clock, program output, the trace recorder, and
//! the asyncio event loop with its primitives. Threads and processes join it later.
//!
//! Nothing here takes real time: the clock only moves when every task waits (to the
//! next timer) or when code blocks (`time.sleep`).

pub mod asyncio;
mod deadlock;
pub mod processes;
pub mod stdlib;
pub mod threads;
mod output;
mod time;

use crate::trace::{EventKind, Recorder, TaskId};
use crate::vm::types::BuiltinType;
use crate::vm::value::{Args, Obj, Value};
use crate::vm::{PyResult, Vm};
use asyncio::event_loop::EventLoop;
use asyncio::primitives::Primitive;
pub use output::{Output, OutputLine, Stream};

/// All mutable runtime state of one run.
pub struct Runtime {
    /// Virtual seconds since the start of the run.
    pub now: f64,
    pub output: Output,
    pub recorder: Recorder,
    /// The running asyncio event loop, if any.
    pub event_loop: Option<EventLoop>,
    /// `Task-N` names come from one counter for the whole run, as in CPython.
    pub task_name_counter: u32,
    /// Trace ids for tasks, futures, resources and handles.
    pub next_id: u32,
    /// Classes of the runtime's objects (for `type()` and `isinstance`).
    pub classes: RuntimeClasses,
    /// Which task holds each asyncio lock (for deadlock reports).
    pub lock_holders: std::collections::HashMap<u32, TaskId>,
    /// Threads and processes, and their scheduler.
    pub world: threads::World,
    /// The Python `Thread` object of each thread started with `threading.Thread`.
    pub thread_objects: std::collections::HashMap<threads::ThreadId, Value>,
    /// The (copied) `Process` object of each child process, and whether it is a daemon.
    pub process_objects: std::collections::HashMap<threads::ProcessId, Value>,
    pub daemon_processes: std::collections::HashMap<threads::ProcessId, bool>,
    /// The default executor's worker slots (busy or idle), and each worker's slot.
    pub executor_busy: Vec<bool>,
    pub executor_slots: std::collections::HashMap<threads::ThreadId, usize>,
    /// Display names of resources, and how many of each kind were made.
    pub resource_names: std::collections::HashMap<u32, String>,
    pub resource_counts: std::collections::HashMap<&'static str, u32>,
    /// The `random` module's generator (seeded with 0 unless the program seeds it).
    pub random: stdlib::random::Mt,
    /// Child processes recorded for real mode, or the one child this run is for.
    pub forks: processes::detached::Forks,
}

#[derive(Default)]
pub struct RuntimeClasses {
    pub by_name: std::collections::HashMap<&'static str, Value>,
}

impl Runtime {
    pub fn new() -> Runtime {
        Runtime {
            now: 0.0,
            output: Output::default(),
            recorder: Recorder::new("prog.py"),
            event_loop: None,
            task_name_counter: 0,
            next_id: 0,
            classes: RuntimeClasses::default(),
            lock_holders: std::collections::HashMap::new(),
            world: threads::World::new(4, threads::DEFAULT_CPU_RATE, threads::policy::Policy::Fifo),
            thread_objects: std::collections::HashMap::new(),
            process_objects: std::collections::HashMap::new(),
            daemon_processes: std::collections::HashMap::new(),
            executor_busy: Vec::new(),
            executor_slots: std::collections::HashMap::new(),
            resource_names: std::collections::HashMap::new(),
            resource_counts: std::collections::HashMap::new(),
            random: stdlib::random::Mt::from_words(vec![0]),
            forks: Default::default(),
        }
    }

    pub fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }


    /// The task whose step is running, or else the running thread when there are
    /// several (both are lanes of the timeline; their ids share one space).
    pub fn current_task_id(&self) -> Option<TaskId> {
        if let Some(t) = self.event_loop.as_ref().and_then(|l| l.current_task.as_ref()) {
            return asyncio::task::task_id(t);
        }
        if self.world.is_concurrent() {
            return Some(self.world.current);
        }
        None
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Vm {
    /// Is the trace being recorded? Check before building costly event payloads.
    #[inline]
    pub fn tracing(&self) -> bool {
        self.rt.recorder.enabled
    }

    /// Append an event to the trace at the current time and step.
    pub fn record(&mut self, kind: EventKind) {
        let (t, s) = (self.rt.now, self.steps);
        self.rt.recorder.record(t, s, kind);
    }

    /// Write program output (print), stamping each line with the virtual time.
    pub fn write_output(&mut self, text: &str, to_stderr: bool) {
        self.warn_never_awaited();
        let stream = if to_stderr { Stream::Stderr } else { Stream::Stdout };
        let now = self.rt.now;
        let task = self.rt.current_task_id();
        for line in self.rt.output.write(stream, text, now) {
            self.record(EventKind::Output { task, stream, text: line });
        }
        processes::detached::on_output(self);
    }

    /// `RuntimeWarning: coroutine 'f' was never awaited`, for coroutines dropped unrun.
    pub fn warn_never_awaited(&mut self) {
        for name in crate::vm::value::take_never_awaited() {
            let text = format!("RuntimeWarning: coroutine '{name}' was never awaited\n");
            let now = self.rt.now;
            for line in self.rt.output.write(Stream::Stderr, &text, now) {
                let task = self.rt.current_task_id();
                self.record(EventKind::Output { task, stream: Stream::Stderr, text: line });
            }
        }
    }

    pub fn is_stderr(&self, f: &Value) -> bool {
        matches!(f, Value::Obj(o) if matches!(o.as_ref(), Obj::Primitive(p) if matches!(**p, Primitive::Stream(Stream::Stderr))))
    }

}

pub fn install(vm: &mut Vm) {
    time::install(vm);
    asyncio::install(vm);
    threads::threading_module::install(vm);
    processes::install(vm);
    stdlib::install(vm);
    sys_module(vm);
    vm.init_world(4, threads::DEFAULT_CPU_RATE, threads::policy::Policy::Fifo);
}

/// Compile and run a Python prelude in `module`'s namespace (runtime-internal code).
pub fn run_prelude(vm: &mut Vm, module: std::rc::Rc<crate::vm::value::Module>, source: &str, filename: &str) {
    let code = crate::compiler::compile_internal(source, filename)
        .unwrap_or_else(|e| panic!("the {filename} prelude does not compile: {e}"));
    let frame = crate::vm::frame::Frame::new(code, module);
    let mut fiber = crate::vm::frame::Fiber::new(frame);
    match vm.run(&mut fiber, crate::vm::value::Resume::Send(Value::None)) {
        crate::vm::dispatch::Outcome::Return(_) => {}
        crate::vm::dispatch::Outcome::Raise(crate::vm::Fail::Exc(e)) => {
            let tb = vm.format_traceback(&e);
            panic!("the {filename} prelude failed:\n{tb}")
        }
        _ => panic!("the {filename} prelude failed"),
    }
    // Setting up the runtime takes no time on the program's clock.
    vm.steps = 0;
    vm.rt.now = 0.0;
}


/// `sys.exit(code)`: raise SystemExit(code).
fn system_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = a.pos.into_iter().take(1).collect();
    Err(crate::vm::Fail::Exc(crate::vm::exceptions::new_exception(&vm.types.exc("SystemExit"), args)))
}

fn sys_module(vm: &mut Vm) {
    let m = std::rc::Rc::new(crate::vm::value::Module::new("sys"));
    m.set("stdout", Value::obj(Obj::Primitive(Box::new(Primitive::Stream(Stream::Stdout)))));
    m.set("stderr", Value::obj(Obj::Primitive(Box::new(Primitive::Stream(Stream::Stderr)))));
    m.set("version", Value::str("3.11.7 (Interleave)"));
    m.set("platform", Value::str("interleave"));
    m.set("getrecursionlimit", crate::builtins::native("getrecursionlimit", |_vm, _a| Ok(Value::Int(1000))));
    m.set("getswitchinterval", crate::builtins::native("getswitchinterval", |_vm, _a| Ok(Value::Float(0.005))));
    m.set("exit", crate::builtins::native("exit", system_exit));
    m.set("argv", Value::list(vec![Value::str("prog.py")]));
    vm.builtins.set("exit", crate::builtins::native("exit", system_exit));
    vm.builtins.set("quit", crate::builtins::native("quit", system_exit));
    vm.add_module(m);
}

/// Special methods of runtime objects (`__aenter__` of locks...).
pub fn special_method(vm: &mut Vm, obj: &Value, name: &str) -> Option<Value> {
    match obj {
        Value::Obj(o) => match o.as_ref() {
            Obj::Primitive(_) | Obj::Future(_) => attr(vm, obj, name),
            _ => None,
        },
        _ => None,
    }
}

/// Attribute lookup on futures, tasks and primitives.
pub fn attr(vm: &mut Vm, obj: &Value, name: &str) -> Option<Value> {
    let Value::Obj(o) = obj else { return None };
    match o.as_ref() {
        Obj::Future(_) => asyncio::future::attr(vm, obj, name),
        Obj::Primitive(p) => asyncio::primitives::attr(obj, p, name),
        _ => None,
    }
}

pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let Value::Obj(o) = v else { return Ok(String::new()) };
    match o.as_ref() {
        Obj::Future(_) => asyncio::future::repr(vm, o),
        Obj::Primitive(p) => asyncio::primitives::repr(vm, v, p),
        _ => Ok(String::new()),
    }
}

pub fn primitive_class(vm: &Vm, p: &Primitive) -> Value {
    vm.rt.classes.by_name.get(p.class_name()).cloned().unwrap_or_else(|| vm.types.object.clone())
}

pub fn primitive_truthy(_p: &Primitive) -> bool {
    true
}

/// Items of iterable primitives (none yet).
pub fn primitive_items(_vm: &mut Vm, _v: &Value) -> Option<Vec<Value>> {
    None
}

/// Construct a runtime type called directly (`asyncio.Future()`, `asyncio.Lock()`...).
pub fn construct(vm: &mut Vm, b: BuiltinType, class: &Value, args: Args) -> PyResult<Option<Value>> {
    match b {
        BuiltinType::Future => {
            let _ = args;
            Ok(Some(Value::Obj(asyncio::future::new_future(vm, asyncio::future::Label::Plain))))
        }
        BuiltinType::Task => {
            let coro = args.pos.first().cloned().unwrap_or(Value::None);
            asyncio::task::create_task(vm, coro, None).map(Some)
        }
        BuiltinType::Primitive => {
            let name = class.as_class().map(|c| c.name.clone()).unwrap_or_else(|| "?".into());
            asyncio::primitives::construct(vm, &name, args).map(Some)
        }
        _ => Ok(None),
    }
}
