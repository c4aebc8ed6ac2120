//! Subscripts and slices (`x[i]`, `x[a:b:c] = v`, `del x[i]`), and dicts and sets
//! made from values (their keys come from `super::hashing`).

use super::{int_of, range_len};
use crate::vm::types::BuiltinType;
use crate::vm::value::{Dict, Key, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;

impl Vm {
    /// A `set` of `items`; `TypeError` for an unhashable one.
    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        // Each element is hashed and inserted (`cost::PER_SET_ITEM`), as in `set_update_internal`.
        self.cost_items(items.len(), crate::vm::cost::PER_SET_ITEM)?;
        let mut s = crate::vm::value::Set::with_capacity(items.len());
        for i in items {
            let k = self.key(i)?;
            let k = self.resolve_key(&s, k)?;
            s.insert(k);
        }
        Ok(Value::obj(Obj::Set(RefCell::new(s))))
    }

    /// A `dict` holding `d`.
    pub fn new_dict(&self, d: Dict) -> Value {
        Value::obj(Obj::Dict(RefCell::new(d)))
    }

    /// The (key, value) pairs of a mapping (for `**kwargs` and `dict.update`).
    pub fn dict_items(&mut self, v: &Value) -> PyResult<Vec<(Key, Value)>> {
        if let Value::Obj(o) = v {
            if let Obj::Dict(d) = o.as_ref() {
                return Ok(d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect());
            }
        }
        let mut out = Vec::new();
        // A mapping (an object with `keys()`): its keys and their values, as `dict(m)`
        // and `dict.update(m)` read it.
        if let Some(inst) = v.as_instance() {
            if let Some(keys) = self.class_lookup(&inst.class, "keys") {
                let ks = self.call_sync(&keys, vec![v.clone()])?;
                for k in self.iterate(&ks)? {
                    let val = self.get_item(v, &k)?;
                    out.push((self.key(k)?, val));
                }
                return Ok(out);
            }
        }
        for item in self.iterate(v)? {
            let pair = self.unpack(&item, 2).map_err(|_| {
                self.type_error("cannot convert dictionary update sequence element to a sequence of length 2")
            })?;
            let mut pair = pair.into_iter();
            let k = pair.next().unwrap();
            out.push((self.key(k)?, pair.next().unwrap()));
        }
        Ok(out)
    }

    /// `obj[key]` (`__getitem__`, `__class_getitem__` for classes).
    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        // A sequence index from an object with `__index__` (an IntEnum member).
        let converted;
        let key = match key.as_instance() {
            Some(inst) if matches!(obj, Value::Str(_)) || matches!(obj.as_obj().map(|o| o.as_ref()), Some(Obj::List(_) | Obj::Tuple(_) | Obj::Range(..) | Obj::Bytes(_) | Obj::ByteArray(_))) => {
                match self.class_lookup(&inst.class, "__index__") {
                    Some(f) => {
                        converted = self.call_sync(&f, vec![key.clone()])?;
                        &converted
                    }
                    None => key,
                }
            }
            _ => key,
        };
        match obj {
            Value::Str(s) => {
                if let Some(sl) = slice_of(key) {
                    let chars: Vec<char> = s.chars().collect();
                    let idx = self.slice_indices(sl, chars.len())?;
                    // The characters are copied (`cost::PER_CHAR_COPY`), as `PyUnicode_Substring`.
                    self.cost_items(idx.len(), crate::vm::cost::PER_CHAR_COPY)?;
                    return Ok(Value::Str(idx.into_iter().map(|i| chars[i]).collect::<String>().into()));
                }
                let i = self.index_arg(key, "string")?;
                let n = s.chars().count();
                let i = self.norm_index(i, n, "string index out of range")?;
                Ok(Value::Str(s.chars().nth(i).unwrap().to_string().into()))
            }
            Value::Obj(o) => match o.as_ref() {
                Obj::List(l) => {
                    if let Some(sl) = slice_of(key) {
                        let idx = self.slice_indices(sl, l.borrow().len())?;
                        // Each element is copied (`cost::PER_ITEM_COPY`), as `list_slice`.
                        self.cost_items(idx.len(), crate::vm::cost::PER_ITEM_COPY)?;
                        let items = l.borrow();
                        return Ok(Value::list(idx.into_iter().map(|i| items[i].clone()).collect()));
                    }
                    let i = self.index_arg(key, "list")?;
                    let items = l.borrow();
                    let i = self.norm_index(i, items.len(), "list index out of range")?;
                    Ok(items[i].clone())
                }
                Obj::Tuple(items) => {
                    if let Some(sl) = slice_of(key) {
                        let idx = self.slice_indices(sl, items.len())?;
                        self.cost_items(idx.len(), crate::vm::cost::PER_ITEM_COPY)?;
                        return Ok(Value::tuple(idx.into_iter().map(|i| items[i].clone()).collect()));
                    }
                    let i = self.index_arg(key, "tuple")?;
                    let i = self.norm_index(i, items.len(), "tuple index out of range")?;
                    Ok(items[i].clone())
                }
                Obj::Bytes(data) => {
                    let data = data.clone();
                    self.bytes_get_item(obj, &data, key)
                }
                // An index reads in place; only a slice copies.
                Obj::ByteArray(data) if slice_of(key).is_none() && int_of(key).is_some() => {
                    let i = int_of(key).unwrap_or(0);
                    let data = data.borrow();
                    let i = self.norm_index(i, data.len(), "bytearray index out of range")?;
                    Ok(Value::Int(data[i] as i64))
                }
                Obj::ByteArray(data) => {
                    let data = data.borrow().clone();
                    self.bytes_get_item(obj, &data, key)
                }
                Obj::Range(a, b, s) => {
                    let n = range_len(*a, *b, *s);
                    let i = self.index_arg(key, "range object")?;
                    let i = self.norm_index(i, n as usize, "range object index out of range")?;
                    Ok(Value::Int(a + s * i as i64))
                }
                Obj::Dict(d) => {
                    let k = self.key_in(d, key.clone())?;
                    let found = d.borrow().get(&k).cloned();
                    match found {
                        Some(v) => Ok(v),
                        None => Err(Fail::Exc(crate::vm::exceptions::new_exception(
                            &self.types.exc("KeyError"),
                            vec![key.clone()],
                        ))),
                    }
                }
                Obj::Instance(inst) => match self.class_lookup(&inst.class, "__getitem__") {
                    Some(f) => self.call_sync(&f, vec![obj.clone(), key.clone()]),
                    None => self.not_subscriptable(obj),
                },
                Obj::Class(c) => {
                    if let Some(f) = self.meta_method(obj, "__getitem__") {
                        return self.call_sync(&f, vec![obj.clone(), key.clone()]);
                    }
                    if let Some(f) = self.class_lookup(obj, "__class_getitem__") {
                        // An implicit classmethod: called with the class.
                        let f = match self.get_attr(obj, "__class_getitem__")? {
                            bound if matches!(bound.as_obj().map(|o| o.as_ref()), Some(Obj::Method(..))) => {
                                return self.call_sync(&bound, vec![key.clone()]);
                            }
                            _ => f,
                        };
                        return self.call_sync(&f, vec![obj.clone(), key.clone()]);
                    }
                    // A class of the program's own, with no base from the runtime's
                    // modules (`typing.Generic`...), is not generic: CPython refuses it.
                    let own = |k: &Value| {
                        k.as_class().map(|kc| matches!(&*kc.module, "__main__" | "__mp_main__")).unwrap_or(false)
                    };
                    let mro = c.mro.borrow().clone();
                    if own(obj) && mro.iter().all(|k| own(k) || k.is(&self.types.object)) {
                        return Err(self.type_error(format!("type '{}' is not subscriptable", c.name)));
                    }
                    // `list[int]`: a `types.GenericAlias` (PEP 585), as CPython's builtin
                    // containers' `__class_getitem__` makes.
                    if matches!(
                        c.builtin,
                        Some(BuiltinType::List | BuiltinType::Dict | BuiltinType::Tuple | BuiltinType::Set | BuiltinType::FrozenSet | BuiltinType::Type)
                    ) {
                        return (self.hooks.generic_alias)(self, obj, key);
                    }
                    // Any other class (`asyncio.Queue[int]`, a `typing.Generic` subclass's
                    // `Stack[int]`): an alias that calls, reads attributes and subclasses as
                    // its class (`__mro_entries__`), and shows its parameters.
                    (self.hooks.generic_alias)(self, obj, key)
                }
                _ => self.not_subscriptable(obj),
            },
            _ => self.not_subscriptable(obj),
        }
    }

    fn not_subscriptable<T>(&self, obj: &Value) -> PyResult<T> {
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object is not subscriptable")))
    }

    /// `obj[key] = v` (`__setitem__`).
    pub fn set_item(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match o.as_ref() {
                Obj::List(l) => {
                    if let Some(sl) = slice_of(&key) {
                        let new = self.iterate(&v)?;
                        let n = l.borrow().len();
                        if matches!(sl.2, Value::None) || int_of(sl.2) == Some(1) {
                            let (a, b) = self.simple_slice_bounds(sl, n)?;
                            l.borrow_mut().splice(a..b, new);
                            return Ok(());
                        }
                        // An extended slice replaces exactly the items it selects
                        // (listobject.c, `list_ass_subscript`).
                        let idx = self.slice_indices(sl, n)?;
                        if idx.len() != new.len() {
                            return Err(self.value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new.len(),
                                idx.len()
                            )));
                        }
                        let mut items = l.borrow_mut();
                        for (i, v) in idx.into_iter().zip(new) {
                            items[i] = v;
                        }
                        return Ok(());
                    }
                    let i = self.index_arg(&key, "list")?;
                    let mut items = l.borrow_mut();
                    let n = items.len();
                    let i = self.norm_index(i, n, "list assignment index out of range")?;
                    items[i] = v;
                    return Ok(());
                }
                Obj::Dict(d) => {
                    let k = self.key_in(d, key)?;
                    d.borrow_mut().insert(k, v);
                    return Ok(());
                }
                Obj::ByteArray(cell) => return self.bytearray_set_item(cell, key, v),
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__setitem__") {
                        self.call_sync(&f, vec![obj.clone(), key, v])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object does not support item assignment")))
    }

    /// `del obj[key]` (`__delitem__`).
    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match o.as_ref() {
                Obj::List(l) => {
                    if let Some(sl) = slice_of(key) {
                        // `del x[a:b:c]` removes the selected items, whatever the step.
                        let n = l.borrow().len();
                        let mut idx = self.slice_indices(sl, n)?;
                        idx.sort_unstable();
                        let mut items = l.borrow_mut();
                        let mut k = 0;
                        let mut pos = 0;
                        items.retain(|_| {
                            let drop = idx.get(k) == Some(&pos);
                            k += drop as usize;
                            pos += 1;
                            !drop
                        });
                        return Ok(());
                    }
                    let i = self.index_arg(key, "list")?;
                    let mut items = l.borrow_mut();
                    let n = items.len();
                    let i = self.norm_index(i, n, "list assignment index out of range")?;
                    items.remove(i);
                    return Ok(());
                }
                Obj::ByteArray(cell) => return self.bytearray_del_item(cell, key),
                Obj::Dict(d) => {
                    let k = self.key_in(d, key.clone())?;
                    if d.borrow_mut().shift_remove(&k).is_none() {
                        return Err(Fail::Exc(crate::vm::exceptions::new_exception(
                            &self.types.exc("KeyError"),
                            vec![key.clone()],
                        )));
                    }
                    return Ok(());
                }
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__delitem__") {
                        self.call_sync(&f, vec![obj.clone(), key.clone()])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object doesn't support item deletion")))
    }

    pub(super) fn index_arg(&self, key: &Value, what: &str) -> PyResult<i64> {
        int_of(key).ok_or_else(|| {
            if let Value::BigInt(_) = key {
                return self.exc("IndexError", "cannot fit 'int' into an index-sized integer");
            }
            let tn = self.type_name(key);
            self.type_error(format!("{what} indices must be integers or slices, not {tn}"))
        })
    }

    pub(super) fn norm_index(&self, i: i64, n: usize, msg: &str) -> PyResult<usize> {
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.exc("IndexError", msg));
        }
        Ok(j as usize)
    }

    /// `start` and `stop` of a step-1 slice clamped to a sequence of length `n`, with
    /// `stop` never before `start` (what `x[a:b] = v` replaces).
    pub(super) fn simple_slice_bounds(&self, (start, stop, _): (&Value, &Value, &Value), n: usize) -> PyResult<(usize, usize)> {
        let n = n as i64;
        let clamp = |x: &Value, d: i64| -> PyResult<i64> {
            match x {
                Value::None => Ok(d),
                x => {
                    let i = int_of(x).ok_or_else(|| self.type_error("slice indices must be integers or None or have an __index__ method"))?;
                    Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
                }
            }
        };
        let a = clamp(start, 0)?;
        let b = clamp(stop, n)?.max(a);
        Ok((a as usize, b as usize))
    }

    /// The indices a slice selects from a sequence of length `n`.
    pub fn slice_indices(&self, (start, stop, step): (&Value, &Value, &Value), n: usize) -> PyResult<Vec<usize>> {
        let n = n as i64;
        let step = match step {
            Value::None => 1,
            v => int_of(v).ok_or_else(|| self.type_error("slice indices must be integers or None"))?,
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let get = |v: &Value, default: i64| -> PyResult<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let i = int_of(v).ok_or_else(|| self.type_error("slice indices must be integers or None"))?;
                    Ok(if i < 0 { i + n } else { i })
                }
            }
        };
        let mut out = Vec::new();
        if step > 0 {
            let a = get(start, 0)?.clamp(0, n);
            let b = get(stop, n)?.clamp(0, n);
            let mut i = a;
            while i < b {
                out.push(i as usize);
                i += step;
            }
        } else {
            let a = get(start, n - 1)?.clamp(-1, n - 1);
            let b = get(stop, -1)?.clamp(-1, n - 1);
            let b = if matches!(stop, Value::None) { -1 } else { b };
            let mut i = a;
            while i > b {
                out.push(i as usize);
                i += step;
            }
        }
        Ok(out)
    }
}

pub(super) fn slice_of(v: &Value) -> Option<(&Value, &Value, &Value)> {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Slice(a, b, c) => Some((a, b, c)),
            _ => None,
        },
        _ => None,
    }
}

