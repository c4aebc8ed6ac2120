//! Iteration: `iter`, `next`, collecting an iterable and unpacking it.

use crate::vm::generator::{GenKind, GenStep};
use crate::vm::value::{Iter, Obj, Resume, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;

impl Vm {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::Str(s) => Iter::Chars { s: s.clone(), byte: 0 },
            Value::Obj(o) => match o.as_ref() {
                Obj::List(_) | Obj::Tuple(_) | Obj::Bytes(_) | Obj::ByteArray(_) => Iter::Seq { seq: v.clone(), index: 0 },
                Obj::Range(a, b, s) => Iter::Range { next: *a, stop: *b, step: *s },
                Obj::Dict(d) => Iter::Keys { container: v.clone(), index: 0, len: d.borrow().len() },
                Obj::Set(s) | Obj::FrozenSet(s) => Iter::Keys { container: v.clone(), index: 0, len: s.borrow().len() },
                Obj::Iter(_) => return Ok(v.clone()),
                Obj::Generator(g) if g.borrow().kind == GenKind::Sync => return Ok(v.clone()),
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__iter__") {
                        return self.call_sync(&f, vec![v.clone()]);
                    }
                    return self.not_iterable(v);
                }
                Obj::Class(_) => match self.meta_method(v, "__iter__") {
                    Some(f) => return self.call_sync(&f, vec![v.clone()]),
                    None => return self.not_iterable(v),
                },
                _ => return self.not_iterable(v),
            },
            _ => return self.not_iterable(v),
        };
        Ok(Value::obj(Obj::Iter(RefCell::new(it))))
    }

    fn not_iterable<T>(&self, v: &Value) -> PyResult<T> {
        let tn = self.type_name(v);
        Err(self.type_error(format!("'{tn}' object is not iterable")))
    }

    /// `next(it)`, or `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        let Value::Obj(o) = it else { return self.not_iterable(it).map(|_: ()| None) };
        if let Obj::Generator(g) = o.as_ref() {
            if g.borrow().kind == GenKind::Sync {
                return Ok(match self.gen_resume(o, Resume::Send(Value::None))? {
                    GenStep::Yield(v) => Some(v),
                    GenStep::Return(_) => None,
                });
            }
        }
        let Obj::Iter(cell) = o.as_ref() else {
            if let Some(inst) = it.as_instance() {
                if let Some(f) = self.class_lookup(&inst.class, "__next__") {
                    return match self.call_sync(&f, vec![it.clone()]) {
                        Ok(v) => Ok(Some(v)),
                        Err(Fail::Exc(e)) if self.is_instance_of(&e, "StopIteration") => Ok(None),
                        Err(e) => Err(e),
                    };
                }
            }
            let tn = self.type_name(it);
            return Err(self.type_error(format!("'{tn}' object is not an iterator")));
        };
        let mut state = cell.borrow_mut();
        Ok(match &mut *state {
            Iter::Seq { seq, index } => {
                let item = match seq {
                    Value::Obj(s) => match s.as_ref() {
                        Obj::List(l) => l.borrow().get(*index).cloned(),
                        Obj::Tuple(t) => t.get(*index).cloned(),
                        Obj::Bytes(b) => b.get(*index).map(|&x| Value::Int(x as i64)),
                        Obj::ByteArray(b) => b.borrow().get(*index).map(|&x| Value::Int(x as i64)),
                        _ => None,
                    },
                    _ => None,
                };
                *index += 1;
                item
            }
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Chars { s, byte } => match s[*byte..].chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    Some(Value::Str(c.to_string().into()))
                }
                None => None,
            },
            Iter::Values { items, index } => {
                let v = items.get(*index).cloned();
                *index += 1;
                v
            }
            Iter::Enumerate { inner, count } => {
                let inner = inner.clone();
                let c = *count;
                *count += 1;
                drop(state);
                return Ok(self.next(&inner)?.map(|v| Value::tuple(vec![Value::Int(c), v])));
            }
            Iter::Zip { inners } => {
                let inners = inners.clone();
                drop(state);
                self.reserve_items::<Value>(inners.len())?;
                let mut out = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => out.push(v),
                        None => {
                            if let Obj::Iter(c) = o.as_ref() {
                                *c.borrow_mut() = Iter::Done;
                            }
                            return Ok(None);
                        }
                    }
                }
                return Ok(Some(Value::tuple(out)));
            }
            Iter::Map { func, inners } => {
                let (func, inners) = (func.clone(), inners.clone());
                drop(state);
                self.reserve_items::<Value>(inners.len())?;
                let mut args = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => {
                            if let Obj::Iter(c) = o.as_ref() {
                                *c.borrow_mut() = Iter::Done;
                            }
                            return Ok(None);
                        }
                    }
                }
                return self.call_sync(&func, args).map(Some);
            }
            Iter::Filter { func, inner } => {
                let (func, inner) = (func.clone(), inner.clone());
                drop(state);
                loop {
                    let Some(v) = self.next(&inner)? else {
                        if let Obj::Iter(c) = o.as_ref() {
                            *c.borrow_mut() = Iter::Done;
                        }
                        return Ok(None);
                    };
                    let keep = if func.is_none() { v.clone() } else { self.call_sync(&func, vec![v.clone()])? };
                    if self.truthy(&keep)? {
                        return Ok(Some(v));
                    }
                    self.tick()?;
                }
            }
            Iter::Callable { func, sentinel } => {
                let (func, sentinel) = (func.clone(), sentinel.clone());
                drop(state);
                let v = self.call_sync(&func, vec![])?;
                if self.eq(&v, &sentinel)? {
                    if let Obj::Iter(c) = o.as_ref() {
                        *c.borrow_mut() = Iter::Done;
                    }
                    return Ok(None);
                }
                return Ok(Some(v));
            }
            Iter::Keys { container, index, len } => {
                // CPython's `dictiter_iternextkey` / `setiter_iternext`.
                let (now, item, what) = match container.as_obj().map(|o| o.as_ref()) {
                    Some(Obj::Dict(d)) => {
                        let d = d.borrow();
                        (d.len(), d.get_index(*index).map(|(k, _)| k.0.clone()), "dictionary")
                    }
                    Some(Obj::Set(s) | Obj::FrozenSet(s)) => {
                        let s = s.borrow();
                        (s.len(), s.get_index(*index).map(|k| k.0.clone()), "Set")
                    }
                    _ => (0, None, "dictionary"),
                };
                if now != *len {
                    *len = usize::MAX;
                    drop(state);
                    return Err(self.exc("RuntimeError", format!("{what} changed size during iteration")));
                }
                *index += 1;
                item
            }
            Iter::Await { coro } => {
                let coro = coro.clone();
                drop(state);
                return Ok(match self.await_wrapper_step(&coro, Resume::Send(Value::None))? {
                    GenStep::Yield(v) => Some(v),
                    GenStep::Return(_) => None,
                });
            }
            Iter::Done => None,
        })
    }

    /// The builtin `next(it[, default])`: a generator's return value and a
    /// `__next__`'s own `StopIteration` reach the caller unchanged, as in CPython.
    pub fn builtin_next(&mut self, it: &Value, default: Option<Value>) -> PyResult<Value> {
        let r = if let Some(g) = crate::vm::generator::as_generator(it, GenKind::Sync) {
            let g = g.clone();
            self.gen_next_or_stop(&g, Resume::Send(Value::None))
        } else if it.as_instance().is_some() {
            match self.lookup_special(it, "__next__", "") {
                Ok(f) => self.call_sync(&f, vec![]),
                Err(_) => {
                    let tn = self.type_name(it);
                    return Err(self.type_error(format!("'{tn}' object is not an iterator")));
                }
            }
        } else {
            match self.next(it) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Err(self.stop_iteration(Value::None)),
                Err(f) => Err(f),
            }
        };
        match (r, default) {
            (Err(Fail::Exc(e)), Some(d)) if self.is_instance_of(&e, "StopIteration") => Ok(d),
            (r, _) => r,
        }
    }

    /// The builtin `iter(obj)` or `iter(callable, sentinel)`.
    pub fn builtin_iter(&mut self, obj: &Value, sentinel: Option<Value>) -> PyResult<Value> {
        let Some(sentinel) = sentinel else { return self.get_iter(obj) };
        let callable = match obj {
            Value::Obj(o) => match o.as_ref() {
                Obj::Function(_) | Obj::Method(..) | Obj::Builtin(_) | Obj::Class(_) => true,
                Obj::Instance(i) => self.class_lookup(&i.class, "__call__").is_some(),
                _ => false,
            },
            _ => false,
        };
        if !callable {
            return Err(self.type_error("iter(v, w): v must be callable"));
        }
        Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Callable { func: obj.clone(), sentinel }))))
    }

    /// All items of an iterable.
    ///
    /// Costs virtual CPU time per element, as the built-ins that call it (`list(x)`, `sum`,
    /// `sorted`, `str.join`...) take in CPython: a pointer copy from a list or tuple
    /// (`cost::PER_ITEM_COPY`), a step of the iterator protocol otherwise (one `tick`).
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        let items = self.iterate_uncharged(v)?;
        if let Value::Obj(o) = v {
            match o.as_ref() {
                Obj::List(_) | Obj::Tuple(_) => self.cost(crate::vm::cost::PER_ITEM_COPY * items.len() as f64),
                // A range makes an int object for each element past the cached small ints
                // (`list(range(n))`: ~20 ns an element in CPython 3.11).
                Obj::Range(..) => {
                    let made = items.iter().filter(|v| !matches!(v, Value::Int(i) if (-5..=256).contains(i))).count();
                    self.cost(crate::vm::cost::INT_ALLOC * made as f64);
                }
                _ => {}
            }
        }
        Ok(items)
    }

    /// `iterate` without the per-element cost of a list or tuple (unpacking `a, b = t`,
    /// whose instruction's weight covers it, as 3.11's specialized `UNPACK_SEQUENCE`).
    fn iterate_uncharged(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = v {
            match o.as_ref() {
                Obj::List(l) => {
                    self.reserve_items::<Value>(l.borrow().len())?;
                    return Ok(l.borrow().clone());
                }
                Obj::Tuple(t) => {
                    self.reserve_items::<Value>(t.len())?;
                    return Ok(t.clone());
                }
                _ => {}
            }
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            if out.len() == out.capacity() {
                // Growing holds the old block and a new one twice its size at once.
                self.reserve_items::<Value>(out.capacity() * 2)?;
            }
            out.push(x);
            self.tick()?;
        }
        Ok(out)
    }

    /// Unpacks `v` into exactly `n` values (`a, b = v`), with CPython's `ValueError` messages
    /// otherwise.
    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = self.iterate_uncharged(v)?;
        if items.len() == n {
            return Ok(items);
        }
        if items.len() > n {
            Err(self.value_error(format!("too many values to unpack (expected {n})")))
        } else {
            Err(self.value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())))
        }
    }
}

/// `len(range(a, b, s))`.
pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    if s > 0 && a < b {
        (b - a + s - 1) / s
    } else if s < 0 && a > b {
        (a - b - s - 1) / (-s)
    } else {
        0
    }
}
