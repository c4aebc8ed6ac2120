//! The simulated runtime: the virtual clock, program output, the trace recorder, and
//! the asyncio event loop with its primitives. Threads and processes join it later.
//!
//! Nothing here takes real time: the clock only moves when every task waits (to the
//! next timer) or when code blocks (`time.sleep`).

pub mod asyncio;
mod deadlock;
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
        }
    }

    pub fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    pub fn note_coroutine_created(&mut self) {}

    /// The task whose step is running, if any.
    pub fn current_task_id(&self) -> Option<TaskId> {
        let l = self.event_loop.as_ref()?;
        let t = l.current_task.as_ref()?;
        asyncio::task::task_id(t)
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
        let stream = if to_stderr { Stream::Stderr } else { Stream::Stdout };
        let now = self.rt.now;
        let task = self.rt.current_task_id();
        for line in self.rt.output.write(stream, text, now) {
            let stream_name = if to_stderr { "stderr" } else { "stdout" };
            self.record(EventKind::Output { task, stream: stream_name.into(), text: line });
        }
    }

    pub fn is_stderr(&self, f: &Value) -> bool {
        matches!(f, Value::Obj(o) if matches!(o.as_ref(), Obj::Primitive(Primitive::Stream(Stream::Stderr))))
    }

    /// The source line the current code is executing (for trace events).
    pub fn current_line(&self) -> u32 {
        self.rt.event_loop.as_ref().map(|l| l.current_line).unwrap_or(0)
    }
}

pub fn install(vm: &mut Vm) {
    time::install(vm);
    asyncio::install(vm);
    sys_module(vm);
}

fn sys_module(vm: &mut Vm) {
    let m = std::rc::Rc::new(crate::vm::value::Module::new("sys"));
    m.set("stdout", Value::obj(Obj::Primitive(Primitive::Stream(Stream::Stdout))));
    m.set("stderr", Value::obj(Obj::Primitive(Primitive::Stream(Stream::Stderr))));
    m.set("version", Value::str("3.11.7 (Interleave)"));
    m.set("platform", Value::str("interleave"));
    m.set("getrecursionlimit", crate::builtins::native("getrecursionlimit", |_vm, _a| Ok(Value::Int(1000))));
    m.set("getswitchinterval", crate::builtins::native("getswitchinterval", |_vm, _a| Ok(Value::Float(0.005))));
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
        Obj::Primitive(p) => asyncio::primitives::attr(vm, obj, p, name),
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
