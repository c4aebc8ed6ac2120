//! Calling: argument binding with CPython's error messages, instance creation, classes,
//! synchronous calls from Rust, and imports.

use super::dispatch::{Invoke, Outcome};
use super::frame::{Fiber, Frame, FrameKind};
use super::generator::GenKind;
use super::types::{self, BuiltinType};
use super::value::{Args, CoroState, Coroutine, Function, Instance, Obj, Resume, Value};
use super::{Fail, PyResult, Vm};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// Start calling `func`: native callables run now; Python functions give a frame.
    pub fn invoke(&mut self, func: Value, mut args: Args) -> PyResult<Invoke> {
        let Value::Obj(o) = &func else {
            let tn = self.type_name(&func);
            return Err(self.type_error(format!("'{tn}' object is not callable")));
        };
        match o.as_ref() {
            Obj::Function(f) => self.call_function(&func, f, args),
            Obj::Method(recv, inner) => {
                args.pos.insert(0, recv.clone());
                let inner = inner.clone();
                self.invoke(inner, args)
            }
            Obj::Builtin(b) => {
                if let Some(r) = &b.recv {
                    args.pos.insert(0, r.clone());
                } else if let Some(of) = b.unbound {
                    self.check_unbound_receiver(of, b.name, &mut args)?;
                }
                (b.f)(self, args).map(Invoke::Value)
            }
            Obj::Class(_) => match self.call_class_special(&func, &mut args)? {
                Some(inv) => Ok(inv),
                None => self.instantiate(&func, args),
            },
            Obj::Instance(_) => {
                let call = self.lookup_special(&func, "__call__", "calls").map_err(|_| {
                    let tn = self.type_name(&func);
                    self.type_error(format!("'{tn}' object is not callable"))
                })?;
                self.invoke(call, args)
            }
            _ => {
                let tn = self.type_name(&func);
                Err(self.type_error(format!("'{tn}' object is not callable")))
            }
        }
    }

    /// `obj.name(*args)` where `args[0]` is `obj`: Python methods and the native methods
    /// of runtime objects are called without allocating a bound method.
    pub fn call_method(&mut self, name: &str, mut args: Vec<Value>) -> PyResult<Invoke> {
        if let Value::Obj(o) = &args[0] {
            match o.as_ref() {
                Obj::Instance(inst) if inst.exc.is_none() && !inst.dict.borrow().contains_key(name) => {
                    if let Some(f) = self.class_lookup(&inst.class, name) {
                        if let Value::Obj(fo) = &f {
                            if let Obj::Function(func) = fo.as_ref() {
                                return self.call_function(&f, func, Args::new(args));
                            }
                        }
                    }
                }
                Obj::Native(n) => {
                    if let Some((_, f)) = n.method(name) {
                        return f(self, Args::new(args)).map(Invoke::Value);
                    }
                }
                _ => {}
            }
        }
        let obj = args.remove(0);
        let f = self.get_attr(&obj, name)?;
        self.invoke(f, Args::new(args))
    }

    /// Call and run to completion (for calls made from Rust: key functions, callbacks,
    /// `__str__`...). The callee cannot suspend.
    pub fn call_sync(&mut self, func: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call_sync_args(func, Args::new(args))
    }

    /// Calls `func` with `args` from Rust and runs it to completion.
    pub fn call_sync_args(&mut self, func: &Value, args: Args) -> PyResult<Value> {
        let inv = self.invoke(func.clone(), args)?;
        self.finish_invoke(inv)
    }

    /// Runs a started call to completion from Rust.
    pub(super) fn finish_invoke(&mut self, inv: Invoke) -> PyResult<Value> {
        match inv {
            Invoke::Value(v) => self.finish_blocking(v),
            Invoke::Frame(mut f) => {
                if self.sync_depth > 200 {
                    return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
                }
                if let FrameKind::Normal = f.kind {
                    f.kind = FrameKind::SyncCall;
                }
                let mut fiber = Fiber { slots: vec![super::frame::Slot::Python(f)] };
                self.sync_depth += 1;
                let out = self.run_nested(&mut fiber, Resume::Send(Value::None));
                self.sync_depth -= 1;
                match out {
                    Outcome::Return(v) => Ok(v),
                    Outcome::Raise(e) => Err(e),
                    Outcome::Yield(_) => Err(self.exc(
                        "RuntimeError",
                        "a function called from a builtin or a callback tried to await",
                    )),
                }
            }
        }
    }

    /// Run a blocking call returned to Rust code (a callback like `time.sleep`) in place.
    fn finish_blocking(&mut self, v: Value) -> PyResult<Value> {
        let Value::Obj(o) = &v else { return Ok(v) };
        let Obj::NativeCoro(c) = o.as_ref() else { return Ok(v) };
        if !c.borrow().as_ref().map(|n| n.is_blocking_call()).unwrap_or(false) {
            return Ok(v);
        }
        let n = c.borrow_mut().take().expect("blocking call");
        let mut fiber = Fiber { slots: vec![super::frame::Slot::Native(n)] };
        match self.run_nested(&mut fiber, Resume::Send(Value::None)) {
            Outcome::Return(r) => Ok(r),
            Outcome::Raise(e) => Err(e),
            Outcome::Yield(_) => Err(self.exc("RuntimeError", "a blocking call suspended unexpectedly")),
        }
    }

    fn call_function(&mut self, func: &Value, f: &Function, args: Args) -> PyResult<Invoke> {
        self.cost(super::cost::FRAME);
        let mut frame = self.bind(f, args)?;
        frame.function = Some(func.clone());
        if f.code.is_generator {
            let kind = if f.code.is_async { GenKind::Async } else { GenKind::Sync };
            return Ok(Invoke::Value(self.make_generator(frame, kind)));
        }
        if f.code.is_coroutine() {
            let coro = Coroutine {
                name: f.code.name.clone(),
                qualname: f.code.qualname.clone(),
                state: CoroState::Created(Box::new(frame)),
                driven: None,
            };
            return Ok(Invoke::Value(Value::obj(Obj::Coroutine(RefCell::new(coro)))));
        }
        Ok(Invoke::Frame(Box::new(frame)))
    }

    /// Bind arguments to parameters, with CPython's messages.
    pub fn bind(&mut self, f: &Function, args: Args) -> PyResult<Frame> {
        let code = &f.code;
        let mut frame = Frame::new(code.clone(), f.globals.clone());
        frame.cells.extend(f.closure.iter().cloned());
        // CPython 3.10+ names the function by its qualified name (`A.m() missing ...`).
        let name = &code.qualname;
        let argc = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let npos = args.pos.len();
        let mut pos = args.pos.into_iter();
        for i in 0..argc.min(npos) {
            frame.fast[i] = pos.next();
        }
        let extra: Vec<Value> = pos.collect();
        let mut slot = argc + kwonly;
        if code.has_varargs {
            frame.fast[slot] = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let given = npos;
            let takes = if f.defaults.is_empty() {
                format!("{argc}")
            } else {
                format!("from {} to {}", argc - f.defaults.len(), argc)
            };
            let s = if argc == 1 && f.defaults.is_empty() { "" } else { "s" };
            let was = if given == 1 { "was" } else { "were" };
            return Err(self.type_error(format!(
                "{name}() takes {takes} positional argument{s} but {given} {was} given"
            )));
        }
        let mut varkw: IndexMap<super::value::Key, Value> = IndexMap::new();
        for (k, v) in args.kw {
            let idx = code.varnames[..argc + kwonly].iter().position(|n| *n == k);
            match idx {
                Some(i) => {
                    if frame.fast[i].is_some() {
                        return Err(self.type_error(format!("{name}() got multiple values for argument '{k}'")));
                    }
                    frame.fast[i] = Some(v);
                }
                None if code.has_varkw => {
                    varkw.insert(super::value::Key::new(Value::Str(k)), v);
                }
                None => {
                    return Err(self.type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
                }
            }
        }
        if code.has_varkw {
            frame.fast[slot] = Some(Value::obj(Obj::Dict(RefCell::new(varkw))));
        }
        // Defaults fill the last positional parameters.
        let first_default = argc - f.defaults.len().min(argc);
        let mut missing = Vec::new();
        for i in 0..argc {
            if frame.fast[i].is_none() {
                if i >= first_default {
                    frame.fast[i] = Some(f.defaults[i - first_default].clone());
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(missing_message(name, "positional", &missing)));
        }
        let mut missing_kw = Vec::new();
        for i in argc..argc + kwonly {
            if frame.fast[i].is_none() {
                let pname = &code.varnames[i];
                match f.kwdefaults.iter().find(|(k, _)| k == pname) {
                    Some((_, v)) => frame.fast[i] = Some(v.clone()),
                    None => missing_kw.push(pname.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.type_error(missing_message(name, "keyword-only", &missing_kw)));
        }
        for &(ci, slot) in &code.cell_params {
            if let Obj::Cell(c) = frame.cells[ci as usize].as_ref() {
                *c.borrow_mut() = frame.fast[slot as usize].clone();
            }
        }
        Ok(frame)
    }

    /// Call a class: built-in constructors, exceptions, or a Python class with `__init__`.
    pub(super) fn instantiate(&mut self, class: &Value, args: Args) -> PyResult<Invoke> {
        let c = class.as_class().expect("class");
        if let Some(new) = c.native_new.get() {
            let mut args = args;
            args.pos.insert(0, class.clone());
            return new(self, args).map(Invoke::Value);
        }
        if let Some(b) = c.builtin {
            if b != BuiltinType::BaseException && b != BuiltinType::Object {
                return (self.hooks.construct)(self, b, class, args).map(Invoke::Value);
            }
        }
        // A user class deriving from a runtime type (asyncio.Future, ...) is not supported.
        self.cost(super::cost::INSTANCE);
        let is_exc = types::is_exception_class(class);
        let instance = Value::obj(Obj::Instance(Box::new(Instance {
            class: class.clone(),
            dict: RefCell::new(IndexMap::new()),
            exc: if is_exc {
                Some(RefCell::new(super::value::ExcState { args: args.pos.clone(), ..Default::default() }))
            } else {
                None
            },
        })));
        let native_base = c.native_base.borrow().clone();
        if let Some(base) = native_base {
            self.attach_native_base(&instance, &base, &args)?;
        }
        let init = self.class_lookup(class, "__init__");
        match init {
            Some(init @ Value::Obj(_)) if matches!(init.as_obj().map(|o| o.as_ref()), Some(Obj::Function(_))) => {
                let mut args = args;
                args.pos.insert(0, instance.clone());
                let Obj::Function(f) = init.as_obj().unwrap().as_ref() else { unreachable!() };
                self.cost(super::cost::INIT + super::cost::FRAME);
                let mut frame = self.bind(f, args)?;
                frame.function = Some(init.clone());
                frame.kind = FrameKind::Init(instance);
                Ok(Invoke::Frame(Box::new(frame)))
            }
            // A subclass of a native class without its own `__init__`: the native
            // class's, made from the call's arguments (`MyQueue(maxsize=2)`).
            _ if self.native_base_attr(&instance, "__init__").is_some() => {
                let mut args = args;
                args.pos.insert(0, instance.clone());
                super::metaclass::native_base_init(self, args)?;
                Ok(Invoke::Value(instance))
            }
            _ => {
                if !is_exc && (!args.pos.is_empty() || !args.kw.is_empty()) {
                    let name = c.name.clone();
                    return Err(self.type_error(format!("{name}() takes no arguments")));
                }
                if is_exc && !args.kw.is_empty() {
                    let name = c.name.clone();
                    return Err(self.type_error(format!("{name}() takes no keyword arguments")));
                }
                if is_exc {
                    // A built-in exception's own native `__init__` runs (UnicodeDecodeError
                    // checks and keeps its five arguments); BaseException's would only set
                    // the `args` already set.
                    let base_init = self.types.exc("BaseException").as_class().and_then(|c| c.dict.borrow().get("__init__").cloned());
                    let own_native = |i: &Value| {
                        matches!(i.as_obj().map(|o| o.as_ref()), Some(Obj::Builtin(_))) && !base_init.as_ref().is_some_and(|b| b.is(i))
                    };
                    if let Some(init) = init.filter(own_native) {
                        let mut pos = args.pos;
                        pos.insert(0, instance.clone());
                        self.call_sync(&init, pos)?;
                    }
                    return Ok(Invoke::Value(super::exceptions::init_group_if_needed(self, &instance)?));
                }
                Ok(Invoke::Value(instance))
            }
        }
    }

    /// Look `name` up along a class's MRO.
    pub fn class_lookup(&self, class: &Value, name: &str) -> Option<Value> {
        let c = class.as_class()?;
        for k in c.mro.borrow().iter() {
            if let Some(v) = k.as_class().and_then(|kc| kc.dict.borrow().get(name).cloned()) {
                return Some(v);
            }
        }
        None
    }

    /// Build a class from its body's namespace.
    pub fn build_class(
        &mut self,
        name: &Rc<str>,
        qualname: &Rc<str>,
        bases: Vec<Value>,
        ns: IndexMap<Rc<str>, Value>,
        meta: Option<Value>,
    ) -> PyResult<Value> {
        let bases = if bases.is_empty() { vec![self.types.object.clone()] } else { bases };
        let mut ns = ns;
        // As CPython's `type_new`: a class that defines `__eq__` but not `__hash__` gets
        // `__hash__ = None`, so its instances are unhashable.
        // `type_new` gives every class a `__doc__`: its docstring, else None.
        if !ns.contains_key("__doc__") {
            ns.insert("__doc__".into(), Value::None);
        }
        if ns.contains_key("__eq__") && !ns.contains_key("__hash__") {
            ns.insert("__hash__".into(), Value::None);
        }
        let mut bases = bases;
        for b in bases.iter_mut() {
            // `class X(int)`: a Python class stands for `int` (the runtime's, see the hook).
            if b.as_class().is_some_and(|bc| bc.builtin.is_some()) {
                if let Some(stand_in) = (self.hooks.builtin_base)(self, b)? {
                    *b = stand_in;
                }
            }
            let Some(bc) = b.as_class() else {
                return Err(self.type_error("bases must be types"));
            };
            if let Some(bt) = bc.builtin {
                // Types CPython itself refuses as bases (no `Py_TPFLAGS_BASETYPE`).
                if !matches!(
                    bt,
                    BuiltinType::Object
                        | BuiltinType::BaseException
                        | BuiltinType::Type
                        | BuiltinType::Int
                        | BuiltinType::Float
                        | BuiltinType::Str
                        | BuiltinType::List
                        | BuiltinType::Tuple
                        | BuiltinType::Dict
                        | BuiltinType::Set
                        | BuiltinType::FrozenSet
                        | BuiltinType::Bytes
                        | BuiltinType::ByteArray
                        | BuiltinType::Module
                ) {
                    return Err(self.type_error(format!("type '{}' is not an acceptable base type", bc.name)));
                }
                if !matches!(bt, BuiltinType::Object | BuiltinType::BaseException | BuiltinType::Type) {
                    return Err(self.type_error(format!(
                        "subclassing the built-in type '{}' is not supported in Interleave",
                        bc.name
                    )));
                }
            }
        }
        let is_exc = bases.iter().any(types::is_exception_class);
        // A class body may name its module (CPython sets it from the defining module).
        let module = match ns.get("__module__") {
            Some(Value::Str(m)) => m.clone(),
            _ => self.main.name.clone(),
        };
        let builtin = if is_exc { Some(BuiltinType::BaseException) } else { None };
        let class = super::metaclass::new_class_value(name, qualname, module, bases.clone(), ns, builtin, meta);
        let mro = types::compute_mro(&class, &bases).ok_or_else(|| {
            self.type_error("Cannot create a consistent method resolution order (MRO)")
        })?;
        let c = class.as_class().unwrap();
        let native = mro.iter().skip(1).find(|k| k.as_class().map(|kc| kc.native_new.get().is_some()).unwrap_or(false)).cloned();
        if let Some(n) = &native {
            c.mro.replace(mro.clone());
            self.check_native_subclass(&class, n)?;
        }
        c.native_base.replace(native);
        c.mro.replace(mro);
        for v in c.dict.borrow().values() {
            if let Value::Obj(o) = v {
                if let Obj::Function(f) = o.as_ref() {
                    f.owner.replace(Some(class.clone()));
                }
            }
        }
        // `type_new`'s `type_new_set_names`: each attribute whose type has `__set_name__`
        // (a descriptor such as `functools.cached_property`) learns its owner and name.
        let named: Vec<(Rc<str>, Value)> = c
            .dict
            .borrow()
            .iter()
            .filter(|(_, v)| v.as_instance().is_some())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (attr, v) in named {
            let Some(inst) = v.as_instance() else { continue };
            let klass = inst.class.clone();
            if let Some(set_name) = self.class_lookup(&klass, "__set_name__") {
                self.call_sync(&set_name, vec![v.clone(), class.clone(), Value::Str(attr)])?;
            }
        }
        // type_new ends with `super(cls, cls).__init_subclass__()`: the nearest base's
        // hook (an implicit classmethod), called with the new class.
        let hook = {
            let mro = c.mro.borrow();
            mro.iter().skip(1).find_map(|k| k.as_class().and_then(|kc| kc.dict.borrow().get("__init_subclass__").cloned()))
        };
        if let Some(hook) = hook {
            let func = match hook.as_instance() {
                Some(inst) if self.descriptor_classes.iter().any(|d| d.is(&inst.class)) => {
                    inst.dict.borrow().get("__func__").cloned().unwrap_or(Value::None)
                }
                _ => hook,
            };
            self.call_sync(&func, vec![class.clone()])?;
        }
        Ok(class)
    }

    /// A special method looked up on the type (`__enter__`, `__aexit__`...), bound.
    pub fn lookup_special(&mut self, obj: &Value, name: &str, protocol: &str) -> PyResult<Value> {
        if let Some(Obj::Native(n)) = obj.as_obj().map(|o| o.as_ref()) {
            if let Some(v) = self.native_attr(obj, n.as_ref(), name) {
                return Ok(v);
            }
        }
        if let Some(inst) = obj.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, name) {
                return Ok(bind_method(obj, f));
            }
            if let Some(v) = self.native_base_attr(obj, name) {
                return Ok(v);
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object does not support {protocol}")))
    }

    /// `import name`: the module, loading it (and its parent packages) on first import.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        let top = name.split('.').next().unwrap_or(name);
        match self.find_module(top)? {
            Some(m) => Ok(m),
            None if self.user_sources.contains_key(top) => self.import_user_module(top),
            None => {
                let msg = format!("No module named '{name}' (Interleave provides {})", self.importable_modules());
                Err(self.exc("ModuleNotFoundError", msg))
            }
        }
    }

    /// `dict.keys()`, `dict.keys(5)`: a built-in type's method called through the class
    /// needs a first argument of that type (bool counts as int), with CPython's messages.
    fn check_unbound_receiver(&self, of: BuiltinType, name: &str, args: &mut Args) -> PyResult<()> {
        let want = match of {
            BuiltinType::Str => "str",
            BuiltinType::List => "list",
            BuiltinType::Dict => "dict",
            BuiltinType::Set => "set",
            BuiltinType::Int => "int",
            BuiltinType::Float => "float",
            BuiltinType::Bytes => "bytes",
            BuiltinType::ByteArray => "bytearray",
            _ => "object",
        };
        let Some(first) = args.pos.first().cloned() else {
            return Err(self.type_error(format!("unbound method {want}.{name}() needs an argument")));
        };
        let first = &first;
        let got = self.type_of(first);
        let got_builtin = got.as_class().and_then(|c| c.builtin);
        let fits = got_builtin == Some(of) || (of == BuiltinType::Int && got_builtin == Some(BuiltinType::Bool));
        if fits {
            return Ok(());
        }
        // An instance of a subclass of the type (`str.lower(Upper("a"))`,
        // `dict.__setitem__(self, k, v)` in a `dict` subclass): the method acts on the
        // value its stand-in base keeps (`runtime::stdlib::builtin_bases`).
        if let Some(inst) = first.as_instance() {
            let stands_for = self.class_lookup(&inst.class, "__interleave_value_type__");
            if stands_for.and_then(|t| t.as_class().and_then(|c| c.builtin)) == Some(of) {
                if let Some(v) = inst.dict.borrow().get("_value_").cloned() {
                    args.pos[0] = v;
                    return Ok(());
                }
            }
        }
        let got_name = self.type_name(first);
        Err(self.type_error(format!("descriptor '{name}' for '{want}' objects doesn't apply to a '{got_name}' object")))
    }

    /// Runs the program's file `NAME.py` as module `name` (its first import): the module
    /// is in `modules` before its code runs, so an import cycle sees the partly made
    /// module, as CPython's `sys.modules` does; a module that raises is removed again.
    fn import_user_module(&mut self, name: &str) -> PyResult<Value> {
        let source = self.user_sources[name].clone();
        let filename = format!("{name}.py");
        let code = crate::compiler::compile(&source, &filename).map_err(|e| {
            // The compiler's message carries its class (`IndentationError: …`); the
            // exception is raised as SyntaxError with the rest, naming the file and line.
            let (class, message) = match e.message.split_once(": ") {
                Some((c, m)) if c.ends_with("Error") => (c.to_string(), m.to_string()),
                _ => ("SyntaxError".to_string(), e.message.clone()),
            };
            let class = if self.types.exceptions.contains_key(class.as_str()) { class } else { "SyntaxError".to_string() };
            self.exc(&class, format!("{message} ({filename}, line {})", e.line))
        })?;
        self.add_source(&filename, &source);
        let module = super::heap::new_module(name);
        module.set("__name__", Value::str(name));
        module.set("__file__", Value::str(&filename));
        let value = self.add_module(module.clone());
        let frame = super::frame::Frame::new(code, module);
        let mut fiber = super::frame::Fiber::new(frame);
        match self.run_nested(&mut fiber, super::value::Resume::Send(Value::None)) {
            super::dispatch::Outcome::Return(_) => Ok(value),
            super::dispatch::Outcome::Raise(f) => {
                self.modules.remove(name);
                Err(f)
            }
            super::dispatch::Outcome::Yield(_) => Err(self.exc("RuntimeError", "a module cannot suspend")),
        }
    }

    /// The public modules a program can import (those loaded and those with a loader,
    /// but not the private `_name` ones or submodules), sorted: "asyncio, … and typing".
    pub fn importable_modules(&self) -> String {
        let loaded = self.modules.keys().map(|n| &**n);
        let mut names: Vec<&str> =
            self.loaders.keys().copied().chain(loaded).filter(|n| !n.starts_with('_') && !n.contains('.')).collect();
        names.sort_unstable();
        names.dedup();
        match names.split_last() {
            None => "no modules".to_string(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// Bind a function found on a class to an instance.
pub fn bind_method(recv: &Value, f: Value) -> Value {
    match &f {
        Value::Obj(o) => match o.as_ref() {
            Obj::Function(_) => Value::obj(Obj::Method(recv.clone(), f.clone())),
            Obj::Builtin(b) if b.recv.is_none() => Value::obj(Obj::Builtin(super::value::Builtin {
                name: b.name,
                f: b.f,
                recv: Some(recv.clone()),
                unbound: None,
            })),
            _ => f.clone(),
        },
        _ => f,
    }
}

fn missing_message(name: &str, kind: &str, missing: &[Rc<str>]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => {
            let (last, rest) = quoted.split_last().unwrap();
            format!("{}, and {}", rest.join(", "), last)
        }
    };
    let s = if missing.len() == 1 { "" } else { "s" };
    format!("{name}() missing {} required {kind} argument{s}: {list}", missing.len())
}

impl Fail {
    /// The exception value, if this is a Python exception.
    pub fn exception(&self) -> Option<&Value> {
        match self {
            Fail::Exc(e) => Some(e),
            Fail::Limit(_) | Fail::ChildDone => None,
        }
    }
}
