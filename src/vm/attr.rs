//! Attribute access: instances, classes, modules, and the methods of built-in values.

use super::call::bind_method;
use super::types::BuiltinType;
use super::value::{Obj, Value};
use super::{PyResult, Vm};

/// Which descriptor a class attribute is.
enum Descriptor {
    Property(Value),
    Static(Value),
    ClassMethod(Value),
    Plain,
}

/// Install `property`, `staticmethod` and `classmethod` into the builtins.
pub fn install_descriptors(vm: &mut Vm) {
    let builtins = vm.builtins.clone();
    vm.exec_internal(builtins, include_str!("descriptors.py"), "<builtins>").expect("nothing stops a new VM");
    for name in ["property", "staticmethod", "classmethod"] {
        if let Some(c) = vm.builtins.get(name) {
            vm.descriptor_classes.push(c);
        }
    }
}

impl Vm {
    fn descriptor(&self, v: &Value) -> Descriptor {
        let Some(inst) = v.as_instance() else { return Descriptor::Plain };
        let which = self.descriptor_classes.iter().position(|c| c.is(&inst.class));
        let field = |n: &str| inst.dict.borrow().get(n).cloned().unwrap_or(Value::None);
        match which {
            Some(0) => Descriptor::Property(v.clone()),
            Some(1) => Descriptor::Static(field("__func__")),
            Some(2) => Descriptor::ClassMethod(field("__func__")),
            _ => Descriptor::Plain,
        }
    }

    /// A class attribute `f` found for `obj` (an instance) or for a class (`obj` is None).
    fn bind_class_attr(&mut self, f: Value, obj: Option<&Value>, class: &Value, name: &str) -> PyResult<Value> {
        match self.descriptor(&f) {
            Descriptor::Property(p) => match obj {
                Some(o) => {
                    let fget = p.as_instance().and_then(|i| i.dict.borrow().get("fget").cloned()).unwrap_or(Value::None);
                    if fget.is_none() {
                        let tn = self.type_name(o);
                        return Err(self.exc("AttributeError", format!("property '{name}' of '{tn}' object has no getter")));
                    }
                    self.call_sync(&fget, vec![o.clone()])
                }
                None => Ok(p),
            },
            Descriptor::Static(func) => Ok(func),
            Descriptor::ClassMethod(func) => Ok(Value::obj(Obj::Method(class.clone(), func))),
            Descriptor::Plain => {
                // A descriptor of the program's own (a class with `__get__`:
                // `functools.cached_property`, a validator): `__get__(obj, owner)`, or
                // `__get__(None, cls)` through the class.
                if let Some(inst) = f.as_instance() {
                    let klass = inst.class.clone();
                    if let Some(get) = self.class_lookup(&klass, "__get__") {
                        let (this, owner) = match obj {
                            Some(o) => (o.clone(), class.clone()),
                            None => (Value::None, class.clone()),
                        };
                        return self.call_sync(&get, vec![f.clone(), this, owner]);
                    }
                }
                Ok(match obj {
                    Some(o) => bind_method(o, f),
                    None => f,
                })
            }
        }
    }

    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> Value {
        let t = &self.types;
        match v {
            Value::None => t.none.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str_.clone(),
            Value::Obj(o) => match o.as_ref() {
                Obj::List(_) => t.list.clone(),
                Obj::Tuple(_) => t.tuple.clone(),
                Obj::Dict(_) => t.dict.clone(),
                Obj::Set(_) => t.set.clone(),
                Obj::FrozenSet(_) => t.frozenset.clone(),
                Obj::Bytes(_) => t.bytes.clone(),
                Obj::ByteArray(_) => t.bytearray.clone(),
                Obj::Range(..) => t.range.clone(),
                Obj::Slice(..) => t.slice.clone(),
                Obj::Function(_) => t.function.clone(),
                Obj::Method(..) => t.method.clone(),
                Obj::Builtin(_) => t.builtin_function.clone(),
                Obj::Class(c) => c.meta.clone().unwrap_or_else(|| t.type_.clone()),
                Obj::Instance(i) => i.class.clone(),
                Obj::Module(_) => t.module.clone(),
                Obj::Cell(_) => t.cell.clone(),
                Obj::Coroutine(_) | Obj::NativeCoro(_) => t.coroutine.clone(),
                Obj::Generator(g) => match g.borrow().kind {
                    super::generator::GenKind::Sync => t.generator.clone(),
                    super::generator::GenKind::Async => t.async_generator.clone(),
                },
                Obj::Iter(_) => t.iterator.clone(),
                Obj::Native(n) => self.native_class(n.class_key()),
                Obj::Super(..) => t.object.clone(),
            },
        }
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> std::rc::Rc<str> {
        match self.type_of(v).as_class() {
            Some(c) => c.name.clone(),
            None => "object".into(),
        }
    }

    /// A `super()` object for `obj`, looking up after `class` in its MRO.
    pub fn make_super(&self, class: Value, obj: Value) -> Value {
        Value::obj(Obj::Super(class, obj))
    }

    /// `getattr(obj, name)`; `AttributeError` when it is missing.
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match self.try_get_attr(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attr_error(obj, name)),
        }
    }

    /// The `AttributeError` CPython raises for a missing attribute.
    pub fn attr_error(&self, obj: &Value, name: &str) -> super::Fail {
        let msg = match obj {
            Value::Obj(o) => match o.as_ref() {
                Obj::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
                Obj::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
                _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
            },
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        let f = self.exc("AttributeError", msg);
        // `name` and `obj`, as CPython sets them; the display's suggestion reads them.
        if let super::Fail::Exc(e) = &f {
            if let Some(inst) = e.as_instance() {
                let mut d = inst.dict.borrow_mut();
                d.insert("name".into(), Value::str(name));
                d.insert("obj".into(), obj.clone());
            }
        }
        f
    }

    /// `getattr(obj, name)`, or `None` when there is no such attribute.
    pub fn try_get_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(self.type_of(obj)));
        }
        let Value::Obj(o) = obj else {
            return Ok((self.hooks.value_method)(self, obj, name));
        };
        match o.as_ref() {
            Obj::Module(m) => Ok(m.get(name)),
            Obj::Instance(inst) => {
                if let Some(ns) = self.native_namespace(obj)? {
                    // `threading.local` subclasses: this thread's attributes, then the class's.
                    if let Some(v) = ns.borrow().get(name).cloned() {
                        return Ok(Some(v));
                    }
                } else if let Some(v) = inst.dict.borrow().get(name) {
                    return Ok(Some(v.clone()));
                }
                if inst.exc.is_some() {
                    if let Some(v) = super::exceptions::exception_attr(self, obj, name) {
                        return Ok(Some(v));
                    }
                }
                if name == "__dict__" {
                    // A built-in type's stand-in keeps its value out of sight (`vars(MyDict())`
                    // is `{}` as in CPython).
                    let hide = super::value::stand_in_class(&inst.class);
                    let d = inst.dict.borrow().iter().filter(|(k, _)| !(hide && &***k == "_value_")).map(|(k, v)| (super::value::Key::new(Value::Str(k.clone())), v.clone())).collect();
                    return Ok(Some(Value::obj(Obj::Dict(std::cell::RefCell::new(d)))));
                }
                let class = inst.class.clone();
                match self.class_lookup(&class, name) {
                    Some(f) => self.bind_class_attr(f, Some(obj), &class, name).map(Some),
                    // A subclass of a native class (`class MyQueue(asyncio.Queue)`)
                    // inherits the native object's methods.
                    None if name != "__init__" && self.native_store(obj).is_some() => Ok(self.native_base_attr(obj, name)),
                    // The class's `__getattr__` (a Python function) is asked last; its
                    // AttributeError means there is no such attribute.
                    None => match self.class_lookup(&class, "__getattr__") {
                        Some(f) if matches!(&f, Value::Obj(fo) if matches!(fo.as_ref(), Obj::Function(_))) => {
                            match self.call_sync(&f, vec![obj.clone(), Value::str(name)]) {
                                Ok(v) => Ok(Some(v)),
                                Err(super::Fail::Exc(e)) if self.is_instance_of(&e, "AttributeError") => Ok(None),
                                Err(e) => Err(e),
                            }
                        }
                        _ => Ok(None),
                    },
                }
            }
            Obj::Class(c) => {
                match name {
                    "__name__" => return Ok(Some(Value::Str(c.name.clone()))),
                    "__qualname__" => return Ok(Some(Value::Str(c.qualname.clone()))),
                    "__module__" => return Ok(Some(Value::Str(c.module.clone()))),
                    "__bases__" => return Ok(Some(Value::tuple(c.bases.clone()))),
                    "__mro__" => return Ok(Some(Value::tuple(c.mro.borrow().clone()))),
                    // A copy (CPython gives a read-only mappingproxy): the class's own
                    // attributes, not its bases' (dataclasses read its `__annotations__`).
                    "__dict__" => {
                        let d = c.dict.borrow().iter().map(|(k, v)| (super::value::Key::new(Value::Str(k.clone())), v.clone())).collect();
                        return Ok(Some(Value::obj(Obj::Dict(std::cell::RefCell::new(d)))));
                    }
                    _ => {}
                }
                // `list.__init__(self, items)`, `tuple.__new__(cls, items)`: the stand-in
                // base's, which make and fill a subclass's value (before `object`'s).
                if matches!(name, "__new__" | "__init__") && c.builtin.is_some_and(|b| !matches!(b, BuiltinType::Object | BuiltinType::Type | BuiltinType::BaseException)) {
                    if let Some(v) = self.stand_in_attr(obj, name)? {
                        return Ok(Some(v));
                    }
                }
                if let Some(v) = self.class_lookup(obj, name) {
                    return self.bind_class_attr(v, None, obj, name).map(Some);
                }
                // Then the metaclass's attributes, bound to the class (`Color.__members__`).
                if let Some(meta) = c.meta.clone() {
                    if let Some(v) = self.class_lookup(&meta, name) {
                        return self.bind_class_attr(v, Some(obj), &meta, name).map(Some);
                    }
                }
                if let Some(b) = c.builtin {
                    if b != BuiltinType::BaseException {
                        let found = (self.hooks.type_attr)(self, b, name);
                        if found.is_none() && STAND_IN_DUNDERS.contains(&name) {
                            return self.stand_in_attr(obj, name);
                        }
                        return Ok(found);
                    }
                }
                Ok(None)
            }
            Obj::Function(f) => Ok(match name {
                _ if f.attrs.borrow().as_ref().is_some_and(|d| d.contains_key(name)) => {
                    f.attrs.borrow().as_ref().and_then(|d| d.get(name).cloned())
                }
                "__dict__" => {
                    let d = f.attrs.borrow().as_ref().map(|d| d.iter().map(|(k, v)| (super::value::Key::new(Value::Str(k.clone())), v.clone())).collect()).unwrap_or_default();
                    Some(Value::obj(Obj::Dict(std::cell::RefCell::new(d))))
                }
                "__name__" => Some(Value::Str(f.name.clone())),
                "__qualname__" => Some(Value::Str(f.code.qualname.clone())),
                "__module__" => Some(Value::Str(f.globals.name.clone())),
                "__doc__" => Some(f.code.doc.as_ref().map(|d| Value::Str(d.clone())).unwrap_or(Value::None)),
                _ => None,
            }),
            Obj::Builtin(b) => Ok(match name {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                _ => None,
            }),
            Obj::Method(recv, f) => match name {
                // What `weakref.WeakMethod` takes a bound method apart into.
                "__self__" => Ok(Some(recv.clone())),
                "__func__" => Ok(Some(f.clone())),
                _ => {
                    let f = f.clone();
                    self.try_get_attr(&f, name)
                }
            },
            Obj::Super(class, this) => {
                // `super(C, x)`: x's type's MRO, or x's own when x is a subclass of C
                // (a classmethod, `__new__`); a class whose metaclass is C counts as
                // an instance (`super_check` in typeobject.c).
                let start_type = match this.as_class() {
                    Some(_) if super::types::is_subclass(this, class) => this.clone(),
                    _ => self.type_of(this),
                };
                let mro = start_type.as_class().map(|c| c.mro.borrow().clone()).unwrap_or_default();
                let after = mro.iter().position(|k| k.is(class)).map(|i| i + 1).unwrap_or(mro.len());
                for k in &mro[after..] {
                    let kc = k.as_class().expect("class");
                    // `__new__` is a static method: `super().__new__(cls)` passes cls itself.
                    let bind = |v: Value| if name == "__new__" { v } else { bind_method(this, v) };
                    if let Some(v) = kc.dict.borrow().get(name).cloned() {
                        if name == "__new__" {
                            return Ok(Some(self.bind_class_attr(v, None, this, name)?));
                        }
                        if matches!(self.descriptor(&v), Descriptor::ClassMethod(_) | Descriptor::Static(_) | Descriptor::Property(_)) {
                            let (inst, cls) = match this.as_class() {
                                Some(_) => (None, this.clone()),
                                None => (Some(this), self.type_of(this)),
                            };
                            return Ok(Some(self.bind_class_attr(v, inst, &cls, name)?));
                        }
                        return Ok(Some(bind(v)));
                    }
                    if let Some(b) = kc.builtin {
                        if let Some(v) = (self.hooks.base_method)(self, b, name) {
                            return Ok(Some(bind(v)));
                        }
                    }
                    // `super().put(item)` in a subclass of a native class: the native
                    // object's method (`__init__` re-creates it from the arguments).
                    if kc.native_new.get().is_some() && name != "__new__" {
                        if let Some(v) = self.native_base_attr(this, name) {
                            return Ok(Some(v));
                        }
                    }
                }
                Ok(None)
            }
            Obj::Coroutine(_) | Obj::NativeCoro(_) => Ok(self.coroutine_attr(obj, name)),
            Obj::Native(n) => Ok(self.native_attr(obj, n.as_ref(), name)),
            Obj::Generator(_) => Ok(self.generator_attr(obj, name)),
            _ => Ok((self.hooks.value_method)(self, obj, name)),
        }
    }

    /// `setattr(obj, name, v)`.
    pub fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match o.as_ref() {
                Obj::Instance(inst) => {
                    if inst.exc.is_some() && super::exceptions::set_exception_attr(obj, name, &v) {
                        return Ok(());
                    }
                    if let Some(f) = self.class_lookup(&inst.class, name) {
                        if let Descriptor::Property(p) = self.descriptor(&f) {
                            let fset = p.as_instance().and_then(|i| i.dict.borrow().get("fset").cloned()).unwrap_or(Value::None);
                            if fset.is_none() {
                                let tn = self.type_name(obj);
                                return Err(self.exc("AttributeError", format!("property '{name}' of '{tn}' object has no setter")));
                            }
                            self.call_sync(&fset, vec![obj.clone(), v])?;
                            return Ok(());
                        }
                        // A data descriptor of the program's own: `__set__(obj, value)`.
                        if let Some(d) = f.as_instance() {
                            let klass = d.class.clone();
                            if let Some(set) = self.class_lookup(&klass, "__set__") {
                                self.call_sync(&set, vec![f.clone(), obj.clone(), v])?;
                                return Ok(());
                            }
                        }
                    }
                    // A class's own `__setattr__` (a Python function) takes every store.
                    if let Some(f) = self.class_lookup(&inst.class, "__setattr__") {
                        if matches!(&f, Value::Obj(fo) if matches!(fo.as_ref(), Obj::Function(_))) {
                            self.call_sync(&f, vec![obj.clone(), Value::str(name), v])?;
                            return Ok(());
                        }
                    }
                    if let Some(ns) = self.native_namespace(obj)? {
                        ns.borrow_mut().insert(name.into(), v);
                        return Ok(());
                    }
                    inst.dict.borrow_mut().insert(name.into(), v);
                    return Ok(());
                }
                Obj::Class(c) => {
                    if name == "__del__" {
                        super::finalizer::del_changed();
                    }
                    // The metaclass's `__setattr__` takes every store (`EnumType`'s
                    // "cannot reassign member").
                    if c.meta.is_some() {
                        if let Some(f) = self.meta_method(obj, "__setattr__") {
                            self.call_sync(&f, vec![obj.clone(), Value::str(name), v])?;
                            return Ok(());
                        }
                    }
                    c.dict.borrow_mut().insert(name.into(), v);
                    return Ok(());
                }
                Obj::Module(m) => {
                    m.set(name, v);
                    return Ok(());
                }
                Obj::Function(f) => {
                    // CPython checks the type of these few; the rest go to `__dict__`.
                    if matches!(name, "__name__" | "__qualname__") && !matches!(v, Value::Str(_)) {
                        return Err(self.type_error(format!("{name} must be set to a string object")));
                    }
                    if matches!(name, "__code__" | "__globals__" | "__closure__" | "__defaults__" | "__kwdefaults__" | "__dict__") {
                        return Err(self.exc("AttributeError", format!("setting function attribute '{name}' is not supported")));
                    }
                    let mut attrs = f.attrs.borrow_mut();
                    attrs.get_or_insert_with(Default::default).insert(name.into(), v);
                    return Ok(());
                }
                Obj::Native(n) => {
                    if let Some(r) = n.set_attr(self, name, v) {
                        return r;
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.exc("AttributeError", format!("'{tn}' object attribute '{name}' is read-only")))
    }

    /// `delattr(obj, name)`.
    pub fn del_attr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            let removed = match o.as_ref() {
                Obj::Instance(inst) => match self.native_namespace(obj)? {
                    Some(ns) => ns.borrow_mut().shift_remove(name),
                    None => inst.dict.borrow_mut().shift_remove(name),
                },
                Obj::Class(c) => {
                    if name == "__del__" {
                        super::finalizer::del_changed();
                    }
                    c.dict.borrow_mut().shift_remove(name)
                }
                Obj::Module(m) => m.dict.borrow_mut().shift_remove(name),
                Obj::Native(n) => match n.del_attr(self, name) {
                    Some(r) => return r,
                    None => None,
                },
                _ => None,
            };
            if removed.is_some() {
                return Ok(());
            }
        }
        Err(self.attr_error(obj, name))
    }
}

/// The special methods a subclass of a built-in type calls through the type itself
/// (`tuple.__new__(cls, (x, y))` in a hand-written namedtuple, `dict.__setitem__(self, k,
/// v)` in an overridden `__setitem__`): found on the type's stand-in base.
const STAND_IN_DUNDERS: &[&str] =
    &["__new__", "__init__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__len__", "__iter__", "__repr__", "__str__"];

impl Vm {
    /// `str.__new__`, `dict.__setitem__`...: the stand-in base's function (see
    /// `STAND_IN_DUNDERS`), for the built-in types that have one.
    fn stand_in_attr(&mut self, class: &Value, name: &str) -> PyResult<Option<Value>> {
        let Some(base) = (self.hooks.builtin_base)(self, class)? else { return Ok(None) };
        // The stand-in's `_via_type` checks the receiver (a plain value gets the type's own
        // behaviour, another type CPython's descriptor error).
        if let Some(via) = self.class_lookup(&base, "__interleave_via_type__") {
            let via = match via.as_instance() {
                Some(inst) => inst.dict.borrow().get("__func__").cloned().unwrap_or(via.clone()),
                None => via,
            };
            return match self.call_sync(&via, vec![class.clone(), Value::str(name)]) {
                Ok(v) => Ok(Some(v)),
                Err(super::Fail::Exc(e)) if self.is_instance_of(&e, "AttributeError") => Ok(None),
                Err(e) => Err(e),
            };
        }
        match self.class_lookup(&base, name) {
            Some(v) => self.bind_class_attr(v, None, &base, name).map(Some),
            None => Ok(None),
        }
    }
}
