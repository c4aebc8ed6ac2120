//! "Did you mean" suggestions for `AttributeError` and `NameError`, as CPython 3.11's
//! `Python/suggestions.c` computes them when it prints an uncaught exception
//! (`print_exception` → `_Py_Offer_Suggestions`): the candidate nearest by a
//! Levenshtein distance in which a case flip costs 1 and any other edit 2, if no more
//! than a third of the characters change; `AttributeError` searches `dir(obj)` (sorted),
//! `NameError` the innermost frame's variable names, then its globals, then the
//! builtins. `traceback.format_exc()` does not add them in 3.11, only the display does.

use super::value::{Obj, Value};
use super::Vm;
use std::rc::Rc;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.to_ascii_lowercase() == b.to_ascii_lowercase() {
        return CASE_COST;
    }
    MOVE_COST
}

/// `levenshtein_distance` of suggestions.c, on UTF-8 bytes, giving up past `max_cost`.
fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    // Trim away common affixes.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // Prefer the shorter buffer.
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    // Quick fail when a match is impossible.
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// `calculate_suggestions`: the nearest candidate, the first of equals.
pub fn calculate_suggestion<'a>(dir: impl IntoIterator<Item = &'a str>, name: &str) -> Option<String> {
    let dir: Vec<&str> = dir.into_iter().collect();
    if dir.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in dir {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein_distance(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.map(|(_, bd)| d < bd).unwrap_or(true) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.to_string())
}

impl Vm {
    /// `dir(obj)` as far as the VM knows it, sorted: for the suggestions only.
    fn dir_for_suggestions(&self, obj: &Value) -> Vec<Rc<str>> {
        let mut names: Vec<Rc<str>> = Vec::new();
        let add_class = |names: &mut Vec<Rc<str>>, class: &Value| {
            if let Some(c) = class.as_class() {
                for k in c.mro.borrow().iter() {
                    if let Some(kc) = k.as_class() {
                        names.extend(kc.dict.borrow().keys().cloned());
                    }
                }
            }
        };
        let statics: Option<&[&str]> = match obj {
            Value::Str(_) => Some(DIR_STR),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Some(DIR_INT),
            Value::Float(_) => Some(DIR_FLOAT),
            Value::Obj(o) => match o.as_ref() {
                Obj::List(_) => Some(DIR_LIST),
                Obj::Dict(_) => Some(DIR_DICT),
                Obj::Set(_) => Some(DIR_SET),
                Obj::FrozenSet(_) => Some(DIR_FROZENSET),
                Obj::Tuple(_) => Some(DIR_TUPLE),
                Obj::Module(m) => {
                    names.extend(m.dict.borrow().keys().cloned());
                    None
                }
                Obj::Instance(inst) => {
                    names.extend(inst.dict.borrow().keys().cloned());
                    add_class(&mut names, &inst.class);
                    names.extend(["__dict__", "__weakref__", "__module__"].iter().map(|s| Rc::from(*s)));
                    Some(DIR_OBJECT)
                }
                Obj::Class(_) => {
                    add_class(&mut names, obj);
                    Some(DIR_OBJECT)
                }
                _ => return Vec::new(),
            },
            Value::None => return Vec::new(),
        };
        if let Some(s) = statics {
            names.extend(s.iter().map(|n| Rc::from(*n)));
        }
        names.sort();
        names.dedup();
        names
    }

    /// `dir(obj)`: the names the suggestions search, sorted; for other objects (functions,
    /// runtime objects, None) the names of their class and `object`'s.
    pub fn dir_names(&self, obj: &Value) -> Vec<Rc<str>> {
        let names = self.dir_for_suggestions(obj);
        if !names.is_empty() {
            return names;
        }
        let class = self.type_of(obj);
        let mut names: Vec<Rc<str>> = DIR_OBJECT.iter().map(|n| Rc::from(*n)).collect();
        if let Some(c) = class.as_class() {
            for k in c.mro.borrow().iter() {
                if let Some(kc) = k.as_class() {
                    names.extend(kc.dict.borrow().keys().cloned());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }

    /// The suggestion for an uncaught `AttributeError` (from its `name` and `obj`) or
    /// `NameError` (computed where it was raised), if any.
    pub fn suggestion_for(&mut self, exc: &Value) -> Option<String> {
        let inst = exc.as_instance()?;
        if let Some(s) = inst.exc.as_ref().and_then(|st| st.borrow().suggestion.clone()) {
            return Some(s.to_string());
        }
        if !self.is_instance_of(exc, "AttributeError") {
            return None;
        }
        let (name, obj) = {
            let d = inst.dict.borrow();
            (d.get("name").cloned(), d.get("obj").cloned())
        };
        let (Some(Value::Str(name)), Some(obj)) = (name, obj) else { return None };
        let dir = self.dir_for_suggestions(&obj);
        calculate_suggestion(dir.iter().map(|s| &**s), &name)
    }

    /// A `NameError` for `name` raised in a frame with these local variable names and
    /// globals: CPython's message, with the suggestion kept for the display.
    pub fn name_error(&self, name: &str, varnames: &[Rc<str>], globals: &super::value::Module) -> super::Fail {
        let f = self.exc("NameError", format!("name '{name}' is not defined"));
        if let super::Fail::Exc(e) = &f {
            let suggestion = calculate_suggestion(varnames.iter().map(|s| &**s), name)
                .or_else(|| calculate_suggestion(globals.dict.borrow().keys().map(|s| &**s), name))
                .or_else(|| calculate_suggestion(self.builtins.dict.borrow().keys().map(|s| &**s), name));
            if let Some(inst) = e.as_instance() {
                inst.dict.borrow_mut().insert("name".into(), Value::str(name));
                if let (Some(st), Some(s)) = (inst.exc.as_ref(), suggestion) {
                    st.borrow_mut().suggestion = Some(s.into());
                }
            }
        }
        f
    }
}

/// `dir(str)` in CPython 3.11.
const DIR_STR: &[&str] = &["__add__", "__class__", "__contains__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getitem__", "__getnewargs__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__", "__le__", "__len__", "__lt__", "__mod__", "__mul__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__rmod__", "__rmul__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill"];

/// `dir(list)` in CPython 3.11.
const DIR_LIST: &[&str] = &["__add__", "__class__", "__class_getitem__", "__contains__", "__delattr__", "__delitem__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getitem__", "__getstate__", "__gt__", "__hash__", "__iadd__", "__imul__", "__init__", "__init_subclass__", "__iter__", "__le__", "__len__", "__lt__", "__mul__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__reversed__", "__rmul__", "__setattr__", "__setitem__", "__sizeof__", "__str__", "__subclasshook__", "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"];

/// `dir(dict)` in CPython 3.11.
const DIR_DICT: &[&str] = &["__class__", "__class_getitem__", "__contains__", "__delattr__", "__delitem__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getitem__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__ior__", "__iter__", "__le__", "__len__", "__lt__", "__ne__", "__new__", "__or__", "__reduce__", "__reduce_ex__", "__repr__", "__reversed__", "__ror__", "__setattr__", "__setitem__", "__sizeof__", "__str__", "__subclasshook__", "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"];

/// `dir(set)` in CPython 3.11.
const DIR_SET: &[&str] = &["__and__", "__class__", "__class_getitem__", "__contains__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__iand__", "__init__", "__init_subclass__", "__ior__", "__isub__", "__iter__", "__ixor__", "__le__", "__len__", "__lt__", "__ne__", "__new__", "__or__", "__rand__", "__reduce__", "__reduce_ex__", "__repr__", "__ror__", "__rsub__", "__rxor__", "__setattr__", "__sizeof__", "__str__", "__sub__", "__subclasshook__", "__xor__", "add", "clear", "copy", "difference", "difference_update", "discard", "intersection", "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union", "update"];

/// `dir(frozenset)` in CPython 3.11.
const DIR_FROZENSET: &[&str] = &["__and__", "__class__", "__class_getitem__", "__contains__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__", "__le__", "__len__", "__lt__", "__ne__", "__new__", "__or__", "__rand__", "__reduce__", "__reduce_ex__", "__repr__", "__ror__", "__rsub__", "__rxor__", "__setattr__", "__sizeof__", "__str__", "__sub__", "__subclasshook__", "__xor__", "copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset", "symmetric_difference", "union"];

/// `dir(tuple)` in CPython 3.11.
const DIR_TUPLE: &[&str] = &["__add__", "__class__", "__class_getitem__", "__contains__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getitem__", "__getnewargs__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__", "__le__", "__len__", "__lt__", "__mul__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__rmul__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__", "count", "index"];

/// `dir(int)` in CPython 3.11.
const DIR_INT: &[&str] = &["__abs__", "__add__", "__and__", "__bool__", "__ceil__", "__class__", "__delattr__", "__dir__", "__divmod__", "__doc__", "__eq__", "__float__", "__floor__", "__floordiv__", "__format__", "__ge__", "__getattribute__", "__getnewargs__", "__getstate__", "__gt__", "__hash__", "__index__", "__init__", "__init_subclass__", "__int__", "__invert__", "__le__", "__lshift__", "__lt__", "__mod__", "__mul__", "__ne__", "__neg__", "__new__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__reduce__", "__reduce_ex__", "__repr__", "__rfloordiv__", "__rlshift__", "__rmod__", "__rmul__", "__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__", "__rxor__", "__setattr__", "__sizeof__", "__str__", "__sub__", "__subclasshook__", "__truediv__", "__trunc__", "__xor__", "as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes"];

/// `dir(float)` in CPython 3.11.
const DIR_FLOAT: &[&str] = &["__abs__", "__add__", "__bool__", "__ceil__", "__class__", "__delattr__", "__dir__", "__divmod__", "__doc__", "__eq__", "__float__", "__floor__", "__floordiv__", "__format__", "__ge__", "__getattribute__", "__getformat__", "__getnewargs__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__int__", "__le__", "__lt__", "__mod__", "__mul__", "__ne__", "__neg__", "__new__", "__pos__", "__pow__", "__radd__", "__rdivmod__", "__reduce__", "__reduce_ex__", "__repr__", "__rfloordiv__", "__rmod__", "__rmul__", "__round__", "__rpow__", "__rsub__", "__rtruediv__", "__setattr__", "__sizeof__", "__str__", "__sub__", "__subclasshook__", "__truediv__", "__trunc__", "as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real"];

/// `dir(object)` in CPython 3.11.
const DIR_OBJECT: &[&str] = &["__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_cpython() {
        let d = |a: &str, b: &str| levenshtein_distance(a.as_bytes(), b.as_bytes(), 100);
        assert_eq!(d("isAlive", "is_alive"), 3);
        assert_eq!(d("abc", "ABC"), 3);
        assert_eq!(calculate_suggestion(["is_alive", "join", "name"], "isAlive").as_deref(), Some("is_alive"));
        assert_eq!(calculate_suggestion(["append", "extend"], "apend").as_deref(), Some("append"));
        assert_eq!(calculate_suggestion(["foo"], "bar"), None);
    }
}
