//! What the VM asks of the layers above it, as function pointers installed once per VM.
//!
//! The VM runs bytecode over its value model; the built-in types' methods live in
//! `crate::builtins`, and scheduling (threads blocking inside nested runs, the
//! interpreter's exit waiting for threads) in `crate::runtime`. Both install their hooks
//! here (`builtins::install`, `runtime::install`), so the VM calls them without naming
//! either module. The defaults are those of a bare VM: no methods on built-in values,
//! no scheduler (a nested run is a plain run), nothing to wait for at exit.

use super::dispatch::Outcome;
use super::frame::{Fiber, Frame};
use super::types::BuiltinType;
use super::value::{Args, Resume, Value};
use super::{PyResult, Vm};

/// Where a value is being stored, for [`Hooks::stored`]: a local, a global or
/// module-level name, or an attribute of an object.
pub enum Target<'a> {
    /// A function's local (`STORE_FAST`, or `STORE_DEREF` into a cell).
    Local(&'a str),
    /// A global, from inside a function (`STORE_GLOBAL`).
    Global(&'a str),
    /// A name stored by module or class-body code (`STORE_NAME`): a global when the frame
    /// has no class namespace.
    Name(&'a str),
    /// `obj.attr`: the object and the attribute.
    Attr(&'a Value, &'a str),
}

/// How `frame`'s code may change values in place, for [`Hooks::touched`].
#[derive(Clone, Copy)]
pub enum Touch<'a> {
    /// `obj.name(args)`: the receiver, and the arguments it is given.
    Method {
        /// The receiver.
        obj: &'a Value,
        /// The method's name.
        name: &'a str,
        /// The positional and keyword argument values.
        args: &'a [Value],
    },
    /// `func(args)`: the arguments, and the receiver of a bound method.
    Call {
        /// What is called.
        func: &'a Value,
        /// The positional and keyword argument values.
        args: &'a [Value],
    },
    /// `obj[k] = v`.
    SetItem(&'a Value),
    /// `del obj[k]`.
    DelItem(&'a Value),
}

/// The hooks; see the module doc.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// A method or attribute of a built-in value (`[].append`, `'x'.upper`), bound.
    pub value_method: fn(&mut Vm, &Value, &str) -> Option<Value>,
    /// A method of a built-in type looked up along a user class's MRO (`super().__init__`).
    pub base_method: fn(&mut Vm, BuiltinType, &str) -> Option<Value>,
    /// An attribute of a built-in type object (`dict.fromkeys`, `int.from_bytes`).
    pub type_attr: fn(&mut Vm, BuiltinType, &str) -> Option<Value>,
    /// Calling a built-in type (`int('3')`, `list(x)`).
    pub construct: fn(&mut Vm, BuiltinType, &Value, Args) -> PyResult<Value>,
    /// `template % args` for a string template.
    pub percent_format: fn(&mut Vm, &str, &Value) -> PyResult<Value>,
    /// Run `fiber` to an outcome that is not a thread-level yield: the runtime blocks the
    /// current thread in place (scheduling others) when code inside a native call blocks.
    pub run_nested: fn(&mut Vm, &mut Fiber, Resume) -> Outcome,
    /// At the end of the main program: wait for what the interpreter's exit waits for
    /// (non-daemon threads, child processes).
    pub at_exit: fn(&mut Vm) -> PyResult<()>,
    /// A value is being stored into `Target` by `frame` (called only while tracing): the
    /// runtime learns the program's names for its primitives.
    pub stored: fn(&mut Vm, &Frame, Target, &Value),
    /// Values `frame` may change in place (called only while tracing): a method call's
    /// receiver, a call's arguments (a callee, native or Python, may change them), the
    /// target of `x[k] = v` or `del x[k]`. The trace shows a variable holding a list whose
    /// `append` ran, or that `heapq.heappush` was given, with its new repr.
    pub touched: fn(&mut Vm, &Frame, Touch),
    /// The call or item store whose values `touched` just named has returned or raised
    /// (called only while tracing, at the same instruction of `frame`): until then, a native
    /// callee may still change them after an event recorded from a callback it runs
    /// (`xs.sort(key=f)` where `f` prints).
    pub touch_done: fn(&mut Vm, &Frame),
    /// A frame whose locals the trace shows (`Frame::trace_id` set by `stored`) returned or
    /// raised (true), or a generator frame yielded (false). Never called for other frames,
    /// so untraced runs pay one test of a field per frame exit.
    pub frame_left: fn(&mut Vm, &Frame, bool),
    /// An async generator is iterated for the first time (asyncio remembers it for
    /// `loop.shutdown_asyncgens`, as CPython's `sys.set_asyncgen_hooks` firstiter).
    pub first_iter_asyncgen: fn(&mut Vm, &std::rc::Rc<super::value::Obj>),
    /// Before `instr` runs in `frame`, in explore mode only (`World::explore`): true when
    /// the thread must give up the GIL here (the schedule switches threads).
    pub choice_point: fn(&mut Vm, &Frame, crate::compiler::code::Instr) -> PyResult<bool>,
    /// Write `text` to the program's stderr (`PyErr_WriteUnraisable`'s report of an
    /// exception no caller can see: a weak reference's callback that raised).
    pub write_stderr: fn(&mut Vm, &str),
    /// `cls[args]` for a built-in class (`list[int]`): a `types.GenericAlias`.
    pub generic_alias: fn(&mut Vm, &Value, &Value) -> PyResult<Value>,
    /// `a | b` of two classes (or None): a `types.UnionType` (`int | None`).
    pub union_type: fn(&mut Vm, &Value, &Value) -> PyResult<Value>,
    /// The class a Python class gets as its base in place of the built-in class given
    /// (`class X(int)`: a Python class keeping the int in each instance), or `None` when
    /// that built-in class cannot be subclassed here.
    pub builtin_base: fn(&mut Vm, &Value) -> PyResult<Option<Value>>,
}

impl Default for Hooks {
    fn default() -> Self {
        Hooks {
            value_method: |_, _, _| None,
            base_method: |_, _, _| None,
            type_attr: |_, _, _| None,
            construct: |vm, _, class, _| {
                let name = class.as_class().map(|c| c.name.to_string()).unwrap_or_default();
                Err(vm.type_error(format!("cannot create '{name}' instances")))
            },
            percent_format: |vm, _, _| Err(vm.type_error("not all arguments converted during string formatting")),
            run_nested: |vm, fiber, input| vm.run(fiber, input),
            at_exit: |_| Ok(()),
            stored: |_, _, _, _| {},
            touched: |_, _, _| {},
            touch_done: |_, _| {},
            frame_left: |_, _, _| {},
            first_iter_asyncgen: |_, _| {},
            choice_point: |_, _, _| Ok(false),
            write_stderr: |_, _| {},
            generic_alias: |_, class, _| Ok(class.clone()),
            builtin_base: |_, _| Ok(None),
            union_type: |vm, _, _| Err(vm.type_error("unsupported operand type(s) for |: 'type' and 'type'")),
        }
    }
}

impl Vm {
    /// Run `fiber` to a non-thread outcome (see [`Hooks::run_nested`]).
    #[inline]
    pub fn run_nested(&mut self, fiber: &mut Fiber, input: Resume) -> Outcome {
        (self.hooks.run_nested)(self, fiber, input)
    }
}
