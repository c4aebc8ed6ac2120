//! Hashing values into dict keys and set members, as CPython's `PyObject_Hash`, and
//! matching keys hashed by a user `__hash__` with the VM's `==` (CPython's dict
//! lookup compares equal-hash keys with `__eq__`).

use crate::vm::value::{self, Dict, Key, Obj, SameHash, Set, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;

impl Vm {
    /// Make a dict key / set member, refusing unhashable values, as CPython's
    /// `PyObject_Hash`: lists, dicts and sets are unhashable, so is an instance whose
    /// class sets `__hash__ = None` (implicitly, by defining `__eq__` alone); an
    /// instance whose class defines `__hash__` gets the hash it returns, which must be
    /// an int ("__hash__ method should return an integer"). Such keys must then be
    /// matched against a map with [`Vm::key_in`] or [`Vm::resolve_key`].
    pub fn key(&mut self, v: Value) -> PyResult<Key> {
        let Value::Obj(o) = &v else { return Ok(Key::new(v)) };
        match o.as_ref() {
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::ByteArray(_) => Err(self.unhashable(&v)),
            Obj::Tuple(items) => {
                // A tuple nested 300,000 deep: CPython's `tuplehash` recurses in C with no
                // check (and crashes); here the native depth limit raises instead, which
                // also bounds the recursion of `Key`'s own hash and equality.
                if self.native_depth >= crate::vm::MAX_NATIVE_DEPTH {
                    return Err(self.exc("RecursionError", "maximum recursion depth exceeded while calling a Python object"));
                }
                self.native_depth += 1;
                let r = self.tuple_key(&v, items);
                self.native_depth -= 1;
                r
            }
            // Members hashed by user code make the frozenset's hash user-made too.
            Obj::FrozenSet(s) if s.borrow().iter().any(|k| k.user_hash().is_some()) => {
                let h = value::frozenset_hash(s.borrow().iter().map(|k| k.user_hash().unwrap_or_else(|| value::builtin_hash(&k.0))));
                Ok(Key::with_user_hash(v.clone(), h))
            }
            Obj::Instance(inst) => match self.class_lookup(&inst.class, "__hash__") {
                None => Ok(Key::new(v)),
                Some(Value::None) => Err(self.unhashable(&v)),
                Some(f) => {
                    let h = self.call_sync(&f, vec![v.clone()])?;
                    let h = match h {
                        Value::Int(i) => value::hash_i64(i),
                        Value::Bool(b) => b as i64,
                        Value::BigInt(b) => value::hash_bigint(&b),
                        _ => return Err(self.type_error("__hash__ method should return an integer")),
                    };
                    // As CPython: -1 is reserved for errors, so a hash of -1 becomes -2.
                    Ok(Key::with_user_hash(v, if h == -1 { -2 } else { h }))
                }
            },
            _ => Ok(Key::new(v)),
        }
    }

    /// The key of the tuple `v` (its `items`): builtin unless an item has a user hash.
    fn tuple_key(&mut self, v: &Value, items: &[Value]) -> PyResult<Key> {
        let mut hashes = Vec::with_capacity(items.len());
        let mut user = false;
        for i in items {
            let k = self.key(i.clone())?;
            user |= k.user_hash().is_some();
            hashes.push(k.user_hash().unwrap_or_else(|| value::builtin_hash(&k.0)));
        }
        if !user {
            return Ok(Key::new(v.clone()));
        }
        Ok(Key::with_user_hash(v.clone(), tuple_hash(&hashes)))
    }

    fn unhashable(&self, v: &Value) -> Fail {
        let tn = self.type_name(v);
        self.type_error(format!("unhashable type: '{tn}'"))
    }

    /// The key for `v` in the dict or set `m`: `v`'s key, or, when a user `__hash__`
    /// hashed it, the stored key with the same hash that is `==` to it (CPython's
    /// lookup compares equal-hash keys with `==`; the map stays unborrowed while a user
    /// `__eq__` runs, so it may even read the map).
    pub fn key_in<M: SameHashKeys>(&mut self, m: &RefCell<M>, v: Value) -> PyResult<Key> {
        let k = self.key(v)?;
        if k.user_hash().is_none() {
            return Ok(k);
        }
        let found = m.borrow().same_hash_keys(&k);
        self.pick_equal(k, found)
    }

    /// [`Vm::key_in`] for a key already made, against a map being built.
    pub fn resolve_key<M: SameHashKeys>(&mut self, m: &M, k: Key) -> PyResult<Key> {
        if k.user_hash().is_none() {
            return Ok(k);
        }
        let found = m.same_hash_keys(&k);
        self.pick_equal(k, found)
    }

    /// [`Vm::key_in`] for a key already made, against the dict or set `container`
    /// (any other container leaves the key as it is).
    pub fn resolve_in(&mut self, container: &Value, k: Key) -> PyResult<Key> {
        if k.user_hash().is_none() {
            return Ok(k);
        }
        let found = match container.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Dict(d)) => d.borrow().same_hash_keys(&k),
            Some(Obj::Set(s) | Obj::FrozenSet(s)) => s.borrow().same_hash_keys(&k),
            _ => return Ok(k),
        };
        self.pick_equal(k, found)
    }

    /// The members of `keys` as keys of `base`: `None` when no member was hashed by
    /// user code (then they already are), else a copy whose members `==` to one of
    /// `base`'s are that stored key, so set algebra and comparisons, which match keys
    /// in Rust, treat equal user objects as one.
    pub fn align_keys<M: SameHashKeys>(&mut self, base: &RefCell<M>, keys: &RefCell<Set>) -> PyResult<Option<Set>> {
        if !keys.borrow().iter().any(|k| k.user_hash().is_some()) {
            return Ok(None);
        }
        let members: Vec<Key> = keys.borrow().iter().cloned().collect();
        let mut out = Set::with_capacity(members.len());
        for k in members {
            let k = if k.user_hash().is_some() {
                let found = base.borrow().same_hash_keys(&k);
                self.pick_equal(k, found)?
            } else {
                k
            };
            out.insert(k);
        }
        Ok(Some(out))
    }

    fn pick_equal(&mut self, k: Key, found: Vec<Key>) -> PyResult<Key> {
        for stored in found {
            // The stored key on the left, as CPython's `dict` lookup compares them.
            if stored.0.is(&k.0) || self.eq(&stored.0, &k.0)? {
                return Ok(stored);
            }
        }
        Ok(k)
    }
}

/// Combine a tuple's item hashes (one of them from a user `__hash__`), in the manner
/// of CPython's `tuplehash` (xxHash-style rounds), so equal tuples hash alike.
fn tuple_hash(hashes: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(hashes.len() as u64 ^ (P5 ^ 3527539));
    let h = (acc >> 2) as i64;
    if h == -1 { -2 } else { h }
}

/// The dicts and sets whose stored keys [`Vm::key_in`] can search by hash.
pub trait SameHashKeys {
    /// The stored keys hashed by user code with `k`'s hash.
    fn same_hash_keys(&self, k: &Key) -> Vec<Key>;
}

impl SameHashKeys for Dict {
    fn same_hash_keys(&self, k: &Key) -> Vec<Key> {
        let probe = SameHash { key: k, found: RefCell::new(Vec::new()) };
        self.get_index_of(&probe);
        probe.found.into_inner()
    }
}

impl SameHashKeys for Set {
    fn same_hash_keys(&self, k: &Key) -> Vec<Key> {
        let probe = SameHash { key: k, found: RefCell::new(Vec::new()) };
        self.get_index_of(&probe);
        probe.found.into_inner()
    }
}
