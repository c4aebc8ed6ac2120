//! Metaclasses and `__new__`: which metaclass builds a class, what calling a class does
//! when its metaclass or the class itself customises it, and the operators a class
//! supports through its metaclass (`for m in Color`, `Color['RED']`, `len(Color)`).
//!
//! Models CPython's `Objects/typeobject.c`: `_PyType_CalculateMetaclass` (the most
//! derived metaclass of the explicit one and the bases'), `type_call` (`__new__`, then
//! `__init__` when the result is an instance of the class), `type_new` and
//! `object_new`. A class whose metaclass is `type` keeps `Class::meta == None`, so
//! ordinary classes pay nothing for this.

use super::dispatch::Invoke;
use super::types::{self, BuiltinType};
use super::value::{Args, Class, Instance, Key, Obj, Value};
use super::{PyResult, Vm};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// The end of a `class` statement: the metaclass is the explicit one or the most
    /// derived of the bases' (`_PyType_CalculateMetaclass`); `type` builds the class
    /// directly, any other metaclass is called as `meta(name, bases, namespace)`.
    pub fn make_class(
        &mut self,
        explicit: Option<Value>,
        name: &Rc<str>,
        qualname: &Rc<str>,
        bases: Vec<Value>,
        ns: IndexMap<Rc<str>, Value>,
    ) -> PyResult<Value> {
        let mut ns = ns;
        let bases = self.update_bases(bases, &mut ns)?;
        // A metaclass that is not a class (a plain function) is simply called.
        if let Some(m) = &explicit {
            if m.as_class().is_none() {
                let ns = self.ns_dict(ns);
                return self.call_sync(m, vec![Value::Str(name.clone()), Value::tuple(bases), ns]);
            }
        }
        // `__build_class__`: without an explicit metaclass, the first base's type is the
        // candidate (`class L(threading.Lock)` then fails as in CPython, by calling it).
        let meta = explicit.unwrap_or_else(|| match bases.first() {
            Some(b) => self.type_of(b),
            None => self.types.type_.clone(),
        });
        let winner = self.calculate_meta(meta, &bases)?;
        if winner.is(&self.types.type_) {
            return self.build_class(name, qualname, bases, ns, None);
        }
        ns.entry("__qualname__".into()).or_insert_with(|| Value::Str(qualname.clone()));
        let ns = self.ns_dict(ns);
        self.call_sync(&winner, vec![Value::Str(name.clone()), Value::tuple(bases), ns])
    }

    /// `__build_class__`'s `update_bases`: a base that is not a class but has
    /// `__mro_entries__` (`class IntStack(Stack[int])`, `class Q(asyncio.Queue[int])`)
    /// is replaced by the classes it names; the original bases are kept as
    /// `__orig_bases__`.
    fn update_bases(&mut self, bases: Vec<Value>, ns: &mut IndexMap<Rc<str>, Value>) -> PyResult<Vec<Value>> {
        if bases.iter().all(|b| b.as_class().is_some()) {
            return Ok(bases);
        }
        let original = Value::tuple(bases.clone());
        let mut out = Vec::with_capacity(bases.len());
        let mut changed = false;
        for b in bases {
            if b.as_class().is_none() {
                if let Some(f) = self.try_get_attr(&b, "__mro_entries__")? {
                    let entries = self.call_sync(&f, vec![original.clone()])?;
                    if !matches!(&entries, Value::Obj(o) if matches!(o.as_ref(), Obj::Tuple(_))) {
                        return Err(self.type_error("__mro_entries__ must return a tuple"));
                    }
                    out.extend(self.iterate(&entries)?);
                    changed = true;
                    continue;
                }
            }
            out.push(b);
        }
        if changed {
            ns.insert("__orig_bases__".into(), original);
        }
        Ok(out)
    }

    /// The most derived of `meta` and the bases' metaclasses (`_PyType_CalculateMetaclass`).
    fn calculate_meta(&self, meta: Value, bases: &[Value]) -> PyResult<Value> {
        let mut winner = meta;
        for b in bases {
            let bm = self.type_of(b);
            if types::is_subclass(&winner, &bm) {
                continue;
            }
            if types::is_subclass(&bm, &winner) {
                winner = bm;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }

    fn ns_dict(&self, ns: IndexMap<Rc<str>, Value>) -> Value {
        let d = ns.into_iter().map(|(k, v)| (Key::new(Value::Str(k)), v)).collect();
        Value::obj(Obj::Dict(RefCell::new(d)))
    }

    /// For a class whose metaclass is a Python class: `name` found on the metaclass
    /// (CPython looks special methods up on the type, so `len(Color)` asks `EnumType`).
    pub fn meta_method(&self, v: &Value, name: &str) -> Option<Value> {
        let meta = v.as_class()?.meta.as_ref()?;
        self.class_lookup(meta, name)
    }

    /// Calling a class whose metaclass defines `__call__` (`EnumType.__call__`), or a
    /// class that defines `__new__`, or a metaclass (a class deriving from `type`);
    /// `None` when plain instantiation applies.
    pub(super) fn call_class_special(&mut self, class: &Value, args: &mut Args) -> PyResult<Option<Invoke>> {
        let Some(c) = class.as_class() else { return Ok(None) };
        if c.meta.is_some() {
            if let Some(call) = self.meta_method(class, "__call__") {
                let mut a = std::mem::take(args);
                a.pos.insert(0, class.clone());
                return self.invoke(call, a).map(Some);
            }
        }
        if c.builtin.is_some() || c.native_new.get().is_some() {
            return Ok(None);
        }
        let is_meta = types::is_subclass(class, &self.types.type_);
        let new = self.class_lookup(class, "__new__");
        if new.is_none() && !is_meta {
            return Ok(None);
        }
        self.type_call(class, std::mem::take(args)).map(|v| Some(Invoke::Value(v)))
    }

    /// `type.__call__(cls, *args)`: `cls.__new__(cls, *args)`, then `__init__` on the
    /// result when it is an instance of `cls` (`type_call`).
    pub fn type_call(&mut self, class: &Value, args: Args) -> PyResult<Value> {
        let is_meta = types::is_subclass(class, &self.types.type_);
        let obj = match self.class_lookup(class, "__new__") {
            Some(new) => {
                let new = self.unwrap_static(new);
                let mut a = Args { pos: args.pos.clone(), kw: args.kw.clone() };
                a.pos.insert(0, class.clone());
                self.call_sync_args(&new, a)?
            }
            None if is_meta => {
                let mut a = Args { pos: args.pos.clone(), kw: args.kw.clone() };
                a.pos.insert(0, class.clone());
                type_new(self, a)?
            }
            None => {
                // No `__new__` anywhere: plain instantiation runs `__init__` itself.
                let inv = self.instantiate(class, args)?;
                return self.finish_invoke(inv);
            }
        };
        let ot = self.type_of(&obj);
        if !types::is_subclass(&ot, class) {
            return Ok(obj);
        }
        if let Some(init) = self.class_lookup(&ot, "__init__") {
            let mut a = args;
            a.pos.insert(0, obj.clone());
            let r = self.call_sync_args(&init, a)?;
            if !r.is_none() {
                let tn = self.type_name(&r);
                return Err(self.type_error(format!("__init__() should return None, not '{tn}'")));
            }
        }
        Ok(obj)
    }

    /// `__new__` is an implicit static method: a `staticmethod` wrapper, if any, is removed.
    fn unwrap_static(&self, f: Value) -> Value {
        if let Some(inst) = f.as_instance() {
            if self.descriptor_classes.get(1).map(|c| c.is(&inst.class)).unwrap_or(false) {
                return inst.dict.borrow().get("__func__").cloned().unwrap_or(f.clone());
            }
        }
        f
    }
}

/// `object.__new__(cls, *args)`: a new, empty instance of `cls` (`object_new`).
pub fn object_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(cls) = args.pos.first().cloned() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let Some(c) = cls.as_class() else {
        let tn = vm.type_name(&cls);
        return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({tn})")));
    };
    if let Some(b) = c.builtin {
        if !matches!(b, BuiltinType::Object | BuiltinType::BaseException) {
            let n = c.name.clone();
            return Err(vm.type_error(format!("object.__new__({n}) is not safe, use {n}.__new__()")));
        }
    }
    let is_exc = types::is_exception_class(&cls);
    Ok(Value::obj(Obj::Instance(Box::new(Instance {
        class: cls.clone(),
        dict: RefCell::new(IndexMap::new()),
        exc: is_exc.then(|| RefCell::new(super::value::ExcState { args: args.pos[1..].to_vec(), ..Default::default() })),
    }))))
}

/// `type.__new__(mcls, name, bases, namespace)`: a class whose metaclass is `mcls`
/// (`type_new`); `type(name, bases, namespace)` when `mcls` is `type`.
pub fn type_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [mcls, name, bases, ns] = args.pos.as_slice() else {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    };
    let Value::Str(name) = name else {
        let tn = vm.type_name(name);
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {tn}")));
    };
    let bases = match bases.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Tuple(t)) => t.to_vec(),
        _ => {
            let tn = vm.type_name(bases);
            return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {tn}")));
        }
    };
    // `type(name, bases, ns)` where a base has a Python metaclass: that metaclass
    // builds the class (type_new's `_PyType_CalculateMetaclass`).
    if mcls.is(&vm.types.type_) {
        let winner = vm.calculate_meta(mcls.clone(), &bases)?;
        if !winner.is(mcls) {
            return vm.call_sync(&winner, args.pos[1..].to_vec());
        }
    }
    let mut map: IndexMap<Rc<str>, Value> = IndexMap::new();
    match ns.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Dict(d)) => {
            for (k, v) in d.borrow().iter() {
                if let Value::Str(s) = &k.0 {
                    map.insert(s.clone(), v.clone());
                }
            }
        }
        _ => {
            let tn = vm.type_name(ns);
            return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {tn}")));
        }
    }
    let qualname = match map.shift_remove("__qualname__") {
        Some(Value::Str(q)) => q,
        _ => name.clone(),
    };
    let meta = if mcls.is(&vm.types.type_) { None } else { Some(mcls.clone()) };
    vm.build_class(name, &qualname, bases, map, meta)
}

/// `type.__init__`: nothing to do once `type.__new__` built the class.
pub fn type_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `type.__call__(cls, *args)`, reached through `super().__call__(...)` in a metaclass.
pub fn type_call_native(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    }
    let cls = args.pos.remove(0);
    if cls.as_class().is_none() {
        let tn = vm.type_name(&cls);
        return Err(vm.type_error(format!("descriptor '__call__' requires a 'type' object but received a '{tn}'")));
    }
    vm.type_call(&cls, args)
}

/// `object.__setattr__(obj, name, value)` and `type.__setattr__(cls, name, value)`:
/// the store without the class's (or metaclass's) own `__setattr__`.
pub fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [obj, name, value] = args.pos.as_slice() else {
        return Err(vm.type_error(format!("expected 3 arguments, got {}", args.pos.len())));
    };
    let Value::Str(name) = name else {
        let tn = vm.type_name(name);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    };
    match obj.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Instance(inst)) => {
            inst.dict.borrow_mut().insert(name.clone(), value.clone());
        }
        Some(Obj::Class(c)) => {
            c.dict.borrow_mut().insert(name.clone(), value.clone());
        }
        _ => vm.set_attr(obj, name, value.clone())?,
    }
    Ok(Value::None)
}

/// `object.__delattr__(obj, name)` and `type.__delattr__(cls, name)`.
pub fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [obj, name] = args.pos.as_slice() else {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", args.pos.len())));
    };
    let Value::Str(name) = name else {
        let tn = vm.type_name(name);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    };
    let removed = match obj.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Instance(inst)) => inst.dict.borrow_mut().shift_remove(&**name),
        Some(Obj::Class(c)) => c.dict.borrow_mut().shift_remove(&**name),
        _ => return vm.del_attr(obj, name).map(|_| Value::None),
    };
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(vm.attr_error(obj, name)),
    }
}

/// Classes built for a metaclass keep it; used by `build_class`.
pub(super) fn new_class_value(
    name: &Rc<str>,
    qualname: &Rc<str>,
    module: Rc<str>,
    bases: Vec<Value>,
    ns: IndexMap<Rc<str>, Value>,
    builtin: Option<BuiltinType>,
    meta: Option<Value>,
) -> Value {
    Value::obj(Obj::Class(Box::new(Class {
        name: name.clone(),
        qualname: qualname.clone(),
        module,
        bases,
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(ns),
        builtin,
        native_new: Default::default(),
        meta,
        native_base: RefCell::new(None),
        has_del: Default::default(),
    })))
}

/// The hidden entries of an instance whose native base keeps its attributes: the native
/// object, and the arguments of the call that made it (for `__init__` in each thread).
const NATIVE_STORE: &str = "__interleave_native__";
const NATIVE_INIT_ARGS: &str = "__interleave_init_args__";

impl Vm {
    /// A new instance of a Python subclass of the native class `base`: it carries an
    /// object of `base` (made by calling `base` with no arguments), which keeps its
    /// attributes, and the call's arguments.
    pub(super) fn attach_native_base(&mut self, instance: &Value, base: &Value, args: &Args) -> PyResult<()> {
        let Some(new) = base.as_class().and_then(|b| b.native_new.get()) else { return Ok(()) };
        let is_local = self.native_class("_thread._local").is(base);
        let own_init = matches!(self.class_lookup(&instance.as_instance().map(|i| i.class.clone()).unwrap_or(Value::None), "__init__"), Some(Value::Obj(o)) if matches!(o.as_ref(), Obj::Function(_)));
        if !is_local && !own_init {
            // The native class's `__init__` makes the object from the call's arguments.
            return Ok(());
        }
        if !is_local {
            // Other native bases (`asyncio.Queue`, `asyncio.Lock`...): the object the
            // inherited `__init__` makes from its arguments; made here with none when
            // that is possible, so an `__init__` that does not call `super().__init__()`
            // still finds the methods.
            if let Ok(store) = new(self, Args::new(vec![base.clone()])) {
                if let Some(Obj::Native(n)) = store.as_obj().map(|o| o.as_ref()) {
                    n.set_subclass_instance(instance);
                }
                if let Some(inst) = instance.as_instance() {
                    inst.dict.borrow_mut().insert(NATIVE_STORE.into(), store);
                }
            }
            return Ok(());
        }
        let store = new(self, Args::new(vec![base.clone()]))?;
        // The creating thread's namespace exists from the start: the constructor's own
        // `__init__` fills it (the VM re-runs `__init__` only in other threads).
        if let Some(Obj::Native(n)) = store.as_obj().map(|o| o.as_ref()) {
            n.instance_namespace(self);
        }
        let kw: super::value::Dict =
            args.kw.iter().map(|(k, v)| (Key::new(Value::Str(k.clone())), v.clone())).collect();
        let saved = Value::tuple(vec![Value::tuple(args.pos.clone()), Value::obj(Obj::Dict(RefCell::new(kw)))]);
        if let Some(inst) = instance.as_instance() {
            let mut d = inst.dict.borrow_mut();
            d.insert(NATIVE_STORE.into(), store);
            d.insert(NATIVE_INIT_ARGS.into(), saved);
        }
        Ok(())
    }

    /// The namespace holding `obj`'s attributes when its class has a native base that
    /// keeps them (`threading.local`): this thread's, after running `__init__` in it if
    /// it is new. `None` for ordinary instances.
    pub(super) fn native_namespace(&mut self, obj: &Value) -> PyResult<Option<super::native::InstanceNamespace>> {
        let Some(inst) = obj.as_instance() else { return Ok(None) };
        let has_base = inst.class.as_class().map(|c| c.native_base.borrow().is_some()).unwrap_or(false);
        if !has_base {
            return Ok(None);
        }
        let store = inst.dict.borrow().get(NATIVE_STORE).cloned();
        let Some(Value::Obj(o)) = store else { return Ok(None) };
        let Obj::Native(n) = o.as_ref() else { return Ok(None) };
        let Some((ns, fresh)) = n.instance_namespace(self) else { return Ok(None) };
        if fresh {
            let saved = inst.dict.borrow().get(NATIVE_INIT_ARGS).cloned();
            let class = inst.class.clone();
            if let (Some(init), Some(saved)) = (self.class_lookup(&class, "__init__"), saved) {
                if let Some(Obj::Tuple(parts)) = saved.as_obj().map(|o| o.as_ref()) {
                    let mut pos = vec![obj.clone()];
                    if let Some(Obj::Tuple(p)) = parts[0].as_obj().map(|o| o.as_ref()) {
                        pos.extend(p.iter().cloned());
                    }
                    let kw = match parts[1].as_obj().map(|o| o.as_ref()) {
                        Some(Obj::Dict(d)) => d
                            .borrow()
                            .iter()
                            .filter_map(|(k, v)| match &k.0 {
                                Value::Str(s) => Some((s.clone(), v.clone())),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    self.call_sync_args(&init, Args { pos, kw })?;
                }
            }
        }
        Ok(Some(ns))
    }
}

impl Vm {
    /// The native object an instance of a Python subclass of a native class carries
    /// (`class MyQueue(asyncio.Queue)`), if `obj` is one.
    pub(super) fn native_store(&self, obj: &Value) -> Option<Value> {
        self.native_base_object(obj)
    }

    /// The native object an instance of a Python subclass of a native class carries
    /// (`class MyFuture(asyncio.Future)`): what the runtime's functions that take the
    /// native type (`gather`, `ensure_future`) use for it.
    pub fn native_base_object(&self, obj: &Value) -> Option<Value> {
        let inst = obj.as_instance()?;
        if inst.class.as_class()?.native_base.borrow().is_none() {
            return None;
        }
        inst.dict.borrow().get(NATIVE_STORE).cloned()
    }

    /// What a subclass instance inherits from its native base: the native object's method
    /// or attribute `name`, bound to that object (as `asyncio.Queue.put` binds to the
    /// instance in CPython; overrides are found first, on the Python classes of the MRO).
    /// `__init__` re-creates the native object from the call's arguments
    /// (`super().__init__(maxsize=2)`).
    pub(super) fn native_base_attr(&mut self, obj: &Value, name: &str) -> Option<Value> {
        if name == "__init__" {
            let inst = obj.as_instance()?;
            let base = inst.class.as_class()?.native_base.borrow().clone()?;
            // `threading.local` keeps per-thread namespaces in its object: never replaced.
            if self.native_class("_thread._local").is(&base) {
                return None;
            }
            return Some(super::native::bound(obj, "__init__", native_base_init));
        }
        let store = self.native_store(obj)?;
        let Some(Obj::Native(n)) = store.as_obj().map(|o| o.as_ref()) else { return None };
        self.native_attr(&store, n.as_ref(), name)
    }

    /// `repr(x)` for an instance of a subclass of a native class that does not define
    /// `__repr__`: the native object's repr under the subclass's name, as CPython's
    /// reprs read `type(self)` (`<MyQueue maxsize=2>`, `<__main__.MyLock object [unlocked]>`).
    pub fn native_subclass_repr(&mut self, obj: &Value) -> Option<PyResult<String>> {
        let store = self.native_store(obj)?;
        let Some(Obj::Native(n)) = store.as_obj().map(|o| o.as_ref()) else { return None };
        // `threading.local` subclasses keep object's repr, with the address.
        if n.class_key() == "_thread._local" {
            return None;
        }
        let r = match n.repr(self, &store) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let inst = obj.as_instance()?;
        let base = inst.class.as_class()?.native_base.borrow().clone()?;
        let (bc, c) = (base.as_class()?, inst.class.as_class()?);
        let long = format!("<{}.{} ", bc.module, bc.name);
        let short = format!("<{} ", bc.name);
        let out = if let Some(rest) = r.strip_prefix(&long) {
            format!("<{}.{} {rest}", c.module, c.qualname)
        } else if let Some(rest) = r.strip_prefix(&short) {
            format!("<{} {rest}", c.name)
        } else if r == format!("<{}>", bc.name) {
            format!("<{}>", c.name)
        } else {
            r
        };
        Some(Ok(out))
    }

    /// A class statement whose bases include a native class Interleave cannot extend
    /// faithfully: the `TypeError` that says what is missing, raised at the class
    /// statement rather than as an `AttributeError` deep inside a later call.
    pub(super) fn check_native_subclass(&self, class: &Value, native: &Value) -> PyResult<()> {
        let (Some(c), Some(n)) = (class.as_class(), native.as_class()) else { return Ok(()) };
        let key = format!("{}.{}", n.module, n.name);
        let key = match key.as_str() {
            "asyncio.queues.Queue" | "asyncio.queues.PriorityQueue" | "asyncio.queues.LifoQueue" => "asyncio.Queue",
            k => k,
        };
        if key == "asyncio.Queue" {
            let mro = c.mro.borrow();
            for k in mro.iter().take_while(|k| !k.is(native)) {
                let Some(kc) = k.as_class() else { continue };
                for hook in ["_init", "_put", "_get"] {
                    if kc.dict.borrow().contains_key(hook) {
                        return Err(self.type_error(format!(
                            "{}.{hook}: Interleave's {} is native and does not call _init/_put/_get overrides; override put/get (or subclass queue.Queue, which does)",
                            c.name, n.name
                        )));
                    }
                }
            }
        }
        Ok(())
    }
}

/// `NativeBase.__init__(self, *args, **kwargs)` for a subclass instance: a new native
/// object made from these arguments replaces the one made when the instance was created
/// (which had none), as CPython's `asyncio.Queue.__init__(self, maxsize)` sets its state.
pub(super) fn native_base_init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    }
    let me = args.pos.remove(0);
    let Some(inst) = me.as_instance() else { return Ok(Value::None) };
    let base = inst.class.as_class().and_then(|c| c.native_base.borrow().clone());
    let Some(base) = base else { return Ok(Value::None) };
    let Some(new) = base.as_class().and_then(|b| b.native_new.get()) else { return Ok(Value::None) };
    args.pos.insert(0, base.clone());
    let store = new(vm, args)?;
    if let Some(Obj::Native(n)) = store.as_obj().map(|o| o.as_ref()) {
        n.set_subclass_instance(&me);
    }
    inst.dict.borrow_mut().insert(NATIVE_STORE.into(), store);
    Ok(Value::None)
}
