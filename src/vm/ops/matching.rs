//! The run-time side of `match`: which subjects are sequences and mappings, looking up a
//! mapping pattern's keys, and a class pattern's attributes. CPython 3.11's
//! `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`, `COPY_DICT_WITHOUT_KEYS` and
//! `MATCH_CLASS` (`match_keys`, `match_class` in `Python/ceval.c`).

use crate::vm::types::{self, BuiltinType};
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

/// The built-in types whose class pattern with one positional sub-pattern matches the
/// subject itself (`case int(x)`), CPython's `_Py_TPFLAGS_MATCH_SELF`.
const MATCH_SELF: &[BuiltinType] = &[
    BuiltinType::Bool,
    BuiltinType::Dict,
    BuiltinType::Float,
    BuiltinType::Int,
    BuiltinType::List,
    BuiltinType::Set,
    BuiltinType::Str,
    BuiltinType::Tuple,
];

impl Vm {
    /// Does a sequence pattern apply to `v`? Lists, tuples, ranges and deques (and their
    /// subclasses) do; strings and dicts do not (`Py_TPFLAGS_SEQUENCE`).
    pub fn is_match_sequence(&self, v: &Value) -> bool {
        let t = self.type_of(v);
        let builtin = [&self.types.list, &self.types.tuple, &self.types.range];
        if builtin.iter().any(|b| types::is_subclass(&t, b)) {
            return true;
        }
        let Some(c) = t.as_class() else { return false };
        let mro = c.mro.borrow();
        mro.iter().any(|k| &*types::qualified_name(k) == "collections.deque")
    }

    /// Does a mapping pattern apply to `v` (a dict, `Py_TPFLAGS_MAPPING`)?
    pub fn is_match_mapping(&self, v: &Value) -> bool {
        types::is_subclass(&self.type_of(v), &self.types.dict)
    }

    /// The subject's values for `keys`, or None when one is missing (`match_keys`).
    pub fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let keys = self.iterate(keys)?;
        let mut seen = Vec::with_capacity(keys.len());
        let mut values = Vec::with_capacity(keys.len());
        for k in keys {
            let key = self.key(k.clone())?;
            if seen.contains(&key) {
                let r = self.repr(&k)?;
                return Err(self.value_error(format!("mapping pattern checks duplicate key ({r})")));
            }
            let key = self.resolve_in(subject, key)?;
            let found = match subject.as_obj().map(|o| o.as_ref()) {
                Some(Obj::Dict(d)) => d.borrow().get(&key).cloned(),
                _ => None,
            };
            seen.push(key);
            match found {
                Some(v) => values.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(Value::tuple(values))
    }

    /// A copy of the dict `subject` without `keys` (`**rest`).
    pub fn dict_without_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let mut d = match subject.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Dict(d)) => d.borrow().clone(),
            _ => Default::default(),
        };
        for k in self.iterate(keys)? {
            let key = self.key(k)?;
            let key = self.resolve_key(&d, key)?;
            d.shift_remove(&key);
        }
        Ok(self.new_dict(d))
    }

    /// The attributes a class pattern matches against: the positional ones named by
    /// `cls.__match_args__` (or the subject itself for `int(x)` and its kin), then the
    /// keyword ones; None if `subject` is not an instance of `cls` or lacks one.
    pub fn match_class(&mut self, subject: &Value, cls: &Value, npos: usize, kw: &[std::rc::Rc<str>]) -> PyResult<Value> {
        let Some(class) = cls.as_class() else {
            return Err(self.type_error("called match pattern must be a type"));
        };
        if !types::is_subclass(&self.type_of(subject), cls) {
            return Ok(Value::None);
        }
        let cname = class.name.clone();
        // The subject itself (for `int(x)`), then the attributes to fetch, by name.
        let mut out = Vec::new();
        let mut names: Vec<std::rc::Rc<str>> = Vec::new();
        if npos > 0 {
            match self.try_get_attr(cls, "__match_args__")? {
                Some(ma) => {
                    let items = match ma.as_obj().map(|o| o.as_ref()) {
                        Some(Obj::Tuple(t)) => t.clone(),
                        _ => {
                            let tn = self.type_name(&ma);
                            return Err(self.type_error(format!("{cname}.__match_args__ must be a tuple (got {tn})")));
                        }
                    };
                    if npos > items.len() {
                        return Err(self.too_many_positional(&cname, items.len(), npos));
                    }
                    for item in items.into_iter().take(npos) {
                        let Value::Str(name) = item else {
                            let tn = self.type_name(&item);
                            return Err(self.type_error(format!("__match_args__ elements must be strings (got {tn})")));
                        };
                        names.push(name);
                    }
                }
                None if self.matches_self(cls) => {
                    if npos > 1 {
                        return Err(self.too_many_positional(&cname, 1, npos));
                    }
                    out.push(subject.clone());
                }
                None => return Err(self.too_many_positional(&cname, 0, npos)),
            }
        }
        names.extend(kw.iter().cloned());
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                return Err(self.type_error(format!("{cname}() got multiple sub-patterns for attribute '{name}'")));
            }
            match self.try_get_attr(subject, name)? {
                Some(a) => out.push(a),
                None => return Ok(Value::None),
            }
        }
        Ok(Value::tuple(out))
    }

    /// Is `cls` (or a base) one of the built-in types whose pattern matches the subject?
    fn matches_self(&self, cls: &Value) -> bool {
        let Some(c) = cls.as_class() else { return false };
        let mro = c.mro.borrow();
        mro.iter().any(|k| k.as_class().and_then(|kc| kc.builtin).is_some_and(|b| MATCH_SELF.contains(&b)))
    }

    fn too_many_positional(&self, cname: &str, allowed: usize, given: usize) -> crate::vm::Fail {
        let s = if allowed == 1 { "" } else { "s" };
        self.type_error(format!("{cname}() accepts {allowed} positional sub-pattern{s} ({given} given)"))
    }
}
