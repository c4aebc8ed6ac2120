//! `bytes` and `bytearray`: their constructors, methods, repr, and the codecs that
//! cross between them and `str` (`str.encode`, `bytes.decode`), after CPython's
//! `Objects/bytesobject.c`, `Objects/bytearrayobject.c`, `Objects/bytes_methods.c` and
//! `Objects/unicodeobject.c`. Their operators (`+`, `*`, `in`, `b[i]`, comparisons)
//! are in `vm::ops::bytes`.
//!
//! Three codecs are built in, under CPython's names and aliases: `utf-8`, `ascii` and
//! `latin-1`, with the error handlers `strict`, `ignore`, `replace`,
//! `backslashreplace` (and `xmlcharrefreplace` when encoding). Their errors carry
//! CPython's messages (`'ascii' codec can't encode character '\xe9' in position 0:
//! ordinal not in range(128)`).

use crate::vm::ops::bytes::{find, same_kind};
use crate::vm::ops::int_of;
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use std::cell::RefCell;
use std::rc::Rc;

/// ASCII whitespace, as `bytes.split()` and `bytes.strip()` see it (`Py_ISSPACE`).
const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

/// `repr(b)` of bytes holding `data` (`bytes_repr`): single quotes unless the data
/// holds a `'` and no `"`; `\t`, `\n`, `\r`, `\\` and the quote escaped; bytes outside
/// printable ASCII as `\xhh`.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr` of a bytes or bytearray value (`bytearray(b'...')` for the latter).
pub fn repr_of(o: &Obj) -> Option<String> {
    match o {
        Obj::Bytes(b) => Some(bytes_repr(b)),
        Obj::ByteArray(b) => Some(format!("bytearray({})", bytes_repr(&b.borrow()))),
        _ => None,
    }
}

/// The contents of a bytes-like argument, or CPython's `TypeError: a bytes-like object
/// is required, not 'str'`.
fn buffer(vm: &Vm, v: &Value) -> PyResult<Rc<[u8]>> {
    v.byte_contents().ok_or_else(|| {
        let tn = vm.type_name(v);
        vm.type_error(format!("a bytes-like object is required, not '{tn}'"))
    })
}

/// The receiver's contents (`args.pos[0]`).
fn this(a: &Args) -> Rc<[u8]> {
    a.pos.first().and_then(|v| v.byte_contents()).unwrap_or_else(|| Rc::from(&[][..]))
}

/// A result of the receiver's type (`bytearray.upper()` is a bytearray).
fn like(a: &Args, data: Vec<u8>) -> Value {
    match a.pos.first() {
        Some(v) => same_kind(v, data),
        None => Value::bytes(data),
    }
}

/// The arguments after the receiver, by position or by keyword, in the order of
/// `names`; at most `names.len()`, at least `required`.
fn params(vm: &Vm, a: &mut Args, name: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let given = a.pos.len().saturating_sub(1) + a.kw.len();
    if given > names.len() {
        return Err(vm.type_error(format!("{name}() takes at most {} arguments ({given} given)", names.len())));
    }
    let mut out: Vec<Option<Value>> = a.pos.iter().skip(1).cloned().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in std::mem::take(&mut a.kw) {
        match names.iter().position(|n| *n == &*k) {
            Some(i) if out[i].is_none() => out[i] = Some(v),
            Some(_) => return Err(vm.type_error(format!("argument for {name}() given by name ('{k}') and position"))),
            None => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))),
        }
    }
    if let Some(i) = out.iter().take(required).position(|v| v.is_none()) {
        return Err(vm.type_error(format!("{name}() missing required argument '{}' (pos {})", names[i], i + 1)));
    }
    Ok(out)
}

/// A `str` argument (or its default), with CPython's message for another type.
fn str_param(vm: &Vm, v: &Option<Value>, name: &str, what: &str, default: &str) -> PyResult<Rc<str>> {
    match v {
        None => Ok(default.into()),
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(v) => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{name}() argument '{what}' must be str, not {tn}")))
        }
    }
}

// ── constructors ──

/// The `(object, encoding, errors)` arguments of `bytes()`, `bytearray()` and `str()`,
/// by position or keyword (`object` named `first`), at most three.
fn object_encoding_errors(vm: &Vm, mut args: Args, kind: &str, first: &str) -> PyResult<[Option<Value>; 3]> {
    let object = args.take_kw(first);
    let encoding = args.take_kw("encoding");
    let errors = args.take_kw("errors");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {kind}()")));
    }
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!("{kind}() takes at most 3 arguments ({} given)", args.pos.len())));
    }
    let mut pos = args.pos.into_iter();
    Ok([pos.next().or(object), pos.next().or(encoding), pos.next().or(errors)])
}

/// `bytes(...)` and `bytearray(...)` (`bytes_new`, `bytearray___init__`): from nothing,
/// a size, a str with its encoding, a bytes-like object, an object with `__bytes__`, or
/// an iterable of ints in `range(256)`.
pub fn construct(vm: &mut Vm, array: bool, args: Args) -> PyResult<Value> {
    let kind = if array { "bytearray" } else { "bytes" };
    let [source, encoding, errors] = object_encoding_errors(vm, args, kind, "source")?;
    let make = |data: Vec<u8>| if array { Value::obj(Obj::ByteArray(RefCell::new(data))) } else { Value::bytes(data) };
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(make(Vec::new()));
    };
    if let Value::Str(s) = &source {
        let Some(encoding) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let encoding = str_param(vm, &Some(encoding), kind, "encoding", "utf-8")?;
        let errors = str_param(vm, &errors, kind, "errors", "strict")?;
        return Ok(make(encode(vm, s, &encoding, &errors)?));
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    // `bytes(b)` of an exact bytes is `b` itself, as CPython returns it.
    if !array && matches!(source.as_obj().map(|o| o.as_ref()), Some(Obj::Bytes(_))) {
        return Ok(source);
    }
    if let Some(data) = source.byte_contents() {
        return Ok(make(data.to_vec()));
    }
    if let Some(inst) = source.as_instance() {
        if !array {
            if let Some(f) = vm.class_lookup(&inst.class, "__bytes__") {
                let r = vm.call_sync(&f, vec![source.clone()])?;
                if !matches!(r.as_obj().map(|o| o.as_ref()), Some(Obj::Bytes(_))) {
                    let tn = vm.type_name(&r);
                    return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")));
                }
                return Ok(r);
            }
        }
        if let Some(f) = vm.class_lookup(&inst.class, "__index__") {
            let n = vm.call_sync(&f, vec![source.clone()])?;
            return zeroed(vm, &n).map(make);
        }
    }
    if source.is_int() {
        return zeroed(vm, &source).map(make);
    }
    let iterable = match &source {
        Value::Obj(o) => !matches!(o.as_ref(), Obj::Function(_) | Obj::Builtin(_) | Obj::Module(_) | Obj::Method(..)),
        _ => false,
    };
    if !iterable {
        let tn = vm.type_name(&source);
        return Err(vm.type_error(format!("cannot convert '{tn}' object to {kind}")));
    }
    let items = match vm.iterate(&source) {
        Ok(items) => items,
        Err(Fail::Exc(e)) if vm.is_instance_of(&e, "TypeError") && source.as_instance().is_some() => {
            let tn = vm.type_name(&source);
            return Err(vm.type_error(format!("cannot convert '{tn}' object to {kind}")));
        }
        Err(e) => return Err(e),
    };
    let mut data = Vec::with_capacity(items.len());
    for item in &items {
        match vm.byte_value(item) {
            Ok(b) => data.push(b),
            // `bytes([300])` says "bytes must be", `bytearray([300])` "byte must be".
            Err(Fail::Exc(e)) if !array && vm.is_instance_of(&e, "ValueError") => {
                return Err(vm.value_error("bytes must be in range(0, 256)"))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(make(data))
}

/// `bytes(n)`: `n` zero bytes, refused before allocating when negative or too large.
fn zeroed(vm: &Vm, n: &Value) -> PyResult<Vec<u8>> {
    let Some(n) = int_of(n) else {
        return Err(vm.exc("OverflowError", "cannot fit 'int' into an index-sized integer"));
    };
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    vm.reserve(n as usize)?;
    Ok(vec![0; n as usize])
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`: pairs of hex digits, whitespace allowed
/// between them (`_PyBytes_FromHex`).
pub fn fromhex(vm: &mut Vm, array: bool, a: &Args, arg: usize) -> PyResult<Value> {
    let s = match a.pos.get(arg) {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("fromhex() argument must be str, not {tn}")));
        }
        None => return Err(vm.type_error("fromhex() takes exactly one argument (0 given)")),
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).filter(|_| chars[i].is_ascii());
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16).filter(|_| c.is_ascii()));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (None, _) => return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}"))),
            (Some(_), None) => {
                return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1)))
            }
        }
        i += 2;
    }
    Ok(if array { Value::obj(Obj::ByteArray(RefCell::new(out))) } else { Value::bytes(out) })
}

// ── methods ──

/// The method `name` of a `bytes` value.
pub fn bytes_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "decode" => |vm, mut a| {
            let p = params(vm, &mut a, "decode", &["encoding", "errors"], 0)?;
            let encoding = str_param(vm, &p[0], "decode", "encoding", "utf-8")?;
            let errors = str_param(vm, &p[1], "decode", "errors", "strict")?;
            Ok(Value::Str(decode(vm, &this(&a), &encoding, &errors)?.into()))
        },
        "hex" => hex,
        "fromhex" => |vm, a| {
            let array = matches!(a.pos.first().and_then(|v| v.as_obj()).map(|o| o.as_ref()), Some(Obj::ByteArray(_)));
            fromhex(vm, array, &a, 1)
        },
        "upper" => |vm, a| no_args(vm, &a, "upper").map(|_| like(&a, this(&a).to_ascii_uppercase())),
        "lower" => |vm, a| no_args(vm, &a, "lower").map(|_| like(&a, this(&a).to_ascii_lowercase())),
        "swapcase" => |vm, a| {
            no_args(vm, &a, "swapcase")?;
            let out = this(&a).iter().map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect();
            Ok(like(&a, out))
        },
        "capitalize" => |vm, a| {
            no_args(vm, &a, "capitalize")?;
            let mut out = this(&a).to_ascii_lowercase();
            if let Some(c) = out.first_mut() {
                c.make_ascii_uppercase();
            }
            Ok(like(&a, out))
        },
        "isdigit" => |_vm, a| Ok(Value::Bool(!this(&a).is_empty() && this(&a).iter().all(u8::is_ascii_digit))),
        "isalpha" => |_vm, a| Ok(Value::Bool(!this(&a).is_empty() && this(&a).iter().all(u8::is_ascii_alphabetic))),
        "isalnum" => |_vm, a| Ok(Value::Bool(!this(&a).is_empty() && this(&a).iter().all(u8::is_ascii_alphanumeric))),
        "isspace" => |_vm, a| Ok(Value::Bool(!this(&a).is_empty() && this(&a).iter().all(|c| WHITESPACE.contains(c)))),
        "isascii" => |_vm, a| Ok(Value::Bool(this(&a).is_ascii())),
        "islower" => |_vm, a| {
            let t = this(&a);
            Ok(Value::Bool(t.iter().any(u8::is_ascii_lowercase) && !t.iter().any(u8::is_ascii_uppercase)))
        },
        "isupper" => |_vm, a| {
            let t = this(&a);
            Ok(Value::Bool(t.iter().any(u8::is_ascii_uppercase) && !t.iter().any(u8::is_ascii_lowercase)))
        },
        "strip" => |vm, a| strip(vm, a, "strip", true, true),
        "lstrip" => |vm, a| strip(vm, a, "lstrip", true, false),
        "rstrip" => |vm, a| strip(vm, a, "rstrip", false, true),
        "split" => |vm, a| split(vm, a, "split"),
        "rsplit" => |vm, a| split(vm, a, "rsplit"),
        "join" => join,
        "startswith" => |vm, a| affix(vm, a, "startswith"),
        "endswith" => |vm, a| affix(vm, a, "endswith"),
        "find" => |vm, a| Ok(Value::Int(search(vm, &a, "find")?.map_or(-1, |i| i as i64))),
        "rfind" => |vm, a| Ok(Value::Int(search(vm, &a, "rfind")?.map_or(-1, |i| i as i64))),
        "index" => |vm, a| search(vm, &a, "index")?.map(|i| Value::Int(i as i64)).ok_or_else(|| vm.value_error("subsection not found")),
        "rindex" => |vm, a| search(vm, &a, "rindex")?.map(|i| Value::Int(i as i64)).ok_or_else(|| vm.value_error("subsection not found")),
        "count" => count,
        "replace" => replace,
        "__mod__" => percent,
        "ljust" => |vm, a| pad(vm, a, "ljust"),
        "rjust" => |vm, a| pad(vm, a, "rjust"),
        "center" => |vm, a| pad(vm, a, "center"),
        "zfill" => zfill,
        "splitlines" => splitlines,
        "title" => |vm, a| {
            no_args(vm, &a, "title")?;
            let mut prev_alpha = false;
            let out = this(&a)
                .iter()
                .map(|&c| {
                    let r = if prev_alpha { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                    prev_alpha = c.is_ascii_alphabetic();
                    r
                })
                .collect();
            Ok(like(&a, out))
        },
        "istitle" => |_vm, a| {
            // Uppercase only after a non-letter, lowercase only after a letter; one cased at least.
            let (mut cased, mut prev_cased) = (false, false);
            for &c in this(&a).iter() {
                if c.is_ascii_uppercase() {
                    if prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    (cased, prev_cased) = (true, true);
                } else if c.is_ascii_lowercase() {
                    if !prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    (cased, prev_cased) = (true, true);
                } else {
                    prev_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        },
        "translate" => translate,
        "partition" => |vm, a| partition(vm, a, false),
        "rpartition" => |vm, a| partition(vm, a, true),
        _ => return None,
    })
}

/// The method `name` of a `bytearray`: those of `bytes`, and the mutating ones.
pub fn bytearray_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "append" => |vm, a| {
            arity_exact(vm, &a, "append", 1)?;
            let b = vm.byte_value(&a.pos[1])?;
            with_array(&a, |d| d.push(b));
            Ok(Value::None)
        },
        "extend" => |vm, a| {
            arity_exact(vm, &a, "extend", 1)?;
            let data = match a.pos[1].byte_contents() {
                Some(d) => d.to_vec(),
                None => {
                    let items = vm.iterate(&a.pos[1])?;
                    let mut out = Vec::with_capacity(items.len());
                    for i in &items {
                        out.push(vm.byte_value(i)?);
                    }
                    out
                }
            };
            vm.reserve(with_array(&a, |d| d.len()).saturating_add(data.len()))?;
            with_array(&a, |d| d.extend_from_slice(&data));
            Ok(Value::None)
        },
        "insert" => |vm, a| {
            arity_exact(vm, &a, "insert", 2)?;
            let i = int_of(&a.pos[1]).ok_or_else(|| {
                let tn = vm.type_name(&a.pos[1]);
                vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
            })?;
            let b = vm.byte_value(&a.pos[2])?;
            with_array(&a, |d| {
                let n = d.len() as i64;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
                d.insert(at as usize, b)
            });
            Ok(Value::None)
        },
        "pop" => |vm, a| {
            if a.pos.len() > 2 {
                return Err(vm.type_error(format!("pop expected at most 1 argument, got {}", a.pos.len() - 1)));
            }
            let i = match a.pos.get(1) {
                None => -1,
                Some(v) => int_of(v).ok_or_else(|| {
                    let tn = vm.type_name(v);
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                })?,
            };
            let n = with_array(&a, |d| d.len()) as i64;
            if n == 0 {
                return Err(vm.exc("IndexError", "pop from empty bytearray"));
            }
            let at = if i < 0 { i + n } else { i };
            if !(0..n).contains(&at) {
                return Err(vm.exc("IndexError", "pop index out of range"));
            }
            Ok(Value::Int(with_array(&a, |d| d.remove(at as usize)) as i64))
        },
        "remove" => |vm, a| {
            arity_exact(vm, &a, "remove", 1)?;
            let b = vm.byte_value(&a.pos[1])?;
            match this(&a).iter().position(|&c| c == b) {
                Some(i) => {
                    with_array(&a, |d| d.remove(i));
                    Ok(Value::None)
                }
                None => Err(vm.value_error("value not found in bytearray")),
            }
        },
        "clear" => |vm, a| {
            no_args(vm, &a, "clear")?;
            with_array(&a, |d| d.clear());
            Ok(Value::None)
        },
        "reverse" => |vm, a| {
            no_args(vm, &a, "reverse")?;
            with_array(&a, |d| d.reverse());
            Ok(Value::None)
        },
        "copy" => |vm, a| {
            no_args(vm, &a, "copy")?;
            Ok(like(&a, this(&a).to_vec()))
        },
        _ => return bytes_method(name),
    })
}

/// Run `f` on the receiver's buffer, if it is a bytearray.
fn with_array<R: Default>(a: &Args, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    match a.pos.first().and_then(|v| v.as_obj()).map(|o| o.as_ref()) {
        Some(Obj::ByteArray(d)) => f(&mut d.borrow_mut()),
        _ => R::default(),
    }
}

fn no_args(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no arguments ({} given)", a.pos.len() - 1 + a.kw.len())));
    }
    Ok(())
}

fn arity_exact(vm: &Vm, a: &Args, name: &str, n: usize) -> PyResult<()> {
    let given = a.pos.len().saturating_sub(1);
    if given != n || !a.kw.is_empty() {
        let msg = match n {
            1 => format!("{name}() takes exactly one argument ({given} given)"),
            _ => format!("{name} expected {n} arguments, got {given}"),
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// `b.hex(sep=..., bytes_per_sep=1)`: two hex digits a byte, `sep` between groups of
/// `bytes_per_sep` counted from the right (from the left when negative).
fn hex(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let p = params(vm, &mut a, "hex", &["sep", "bytes_per_sep"], 0)?;
    let data = this(&a);
    let sep: Option<String> = match &p[0] {
        None => None,
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(v) => match v.byte_contents() {
            Some(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            None => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("sep must be str or bytes, not {tn}")));
            }
        },
    };
    if sep.as_ref().is_some_and(|s| s.chars().count() != 1) {
        return Err(vm.value_error("sep must be length 1."));
    }
    if sep.as_ref().is_some_and(|s| !s.is_ascii()) {
        return Err(vm.value_error("sep must be ASCII."));
    }
    let per = match &p[1] {
        None => 1,
        Some(v) => int_of(v).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        })?,
    };
    vm.reserve_str(data.len().saturating_mul(3))?;
    let digits = |b: &u8| format!("{b:02x}");
    let Some(sep) = sep.filter(|_| per != 0 && !data.is_empty()) else {
        return Ok(Value::Str(data.iter().map(digits).collect::<String>().into()));
    };
    let group = per.unsigned_abs() as usize;
    let mut out = String::with_capacity(data.len() * 3);
    for (i, b) in data.iter().enumerate() {
        // Groups are counted from the right for a positive `bytes_per_sep`.
        let boundary = if per > 0 { (data.len() - i) % group == 0 } else { i % group == 0 };
        if i > 0 && boundary {
            out.push_str(&sep);
        }
        out.push_str(&digits(b));
    }
    Ok(Value::Str(out.into()))
}

/// `strip`/`lstrip`/`rstrip(bytes=None)`: ASCII whitespace, or the given bytes.
fn strip(vm: &mut Vm, mut a: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let p = params(vm, &mut a, name, &["bytes"], 0)?;
    let chars: Rc<[u8]> = match &p[0] {
        None | Some(Value::None) => WHITESPACE.into(),
        Some(v) => buffer(vm, v)?,
    };
    let t = this(&a);
    let mut start = 0;
    let mut end = t.len();
    if left {
        while start < end && chars.contains(&t[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && chars.contains(&t[end - 1]) {
            end -= 1;
        }
    }
    Ok(like(&a, t[start..end].to_vec()))
}

/// `split`/`rsplit(sep=None, maxsplit=-1)`: at `sep`, or at runs of ASCII whitespace.
fn split(vm: &mut Vm, mut a: Args, name: &str) -> PyResult<Value> {
    let p = params(vm, &mut a, name, &["sep", "maxsplit"], 0)?;
    let max = match &p[1] {
        None => -1,
        Some(v) => int_of(v).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        })?,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let t = this(&a);
    let reverse = name == "rsplit";
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match &p[0] {
        None | Some(Value::None) => {
            // Runs of whitespace separate; none at either end makes an empty part.
            let ws = |c: &u8| WHITESPACE.contains(c);
            let mut bytes: Vec<u8> = t.to_vec();
            if reverse {
                bytes.reverse();
            }
            let mut i = 0;
            while i < bytes.len() {
                while i < bytes.len() && ws(&bytes[i]) {
                    i += 1;
                }
                if i == bytes.len() {
                    break;
                }
                // The rest goes as it is, its far end's whitespace kept (`b' a b '.split(None, 0)`).
                if parts.len() == max {
                    parts.push(bytes[i..].to_vec());
                    break;
                }
                let start = i;
                while i < bytes.len() && !ws(&bytes[i]) {
                    i += 1;
                }
                parts.push(bytes[start..i].to_vec());
            }
            if reverse {
                for part in parts.iter_mut() {
                    part.reverse();
                }
                parts.reverse();
            }
        }
        Some(v) => {
            let sep = buffer(vm, v)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if reverse {
                let mut end = t.len();
                let mut cuts = 0;
                let mut i = t.len();
                while i >= sep.len() && cuts < max {
                    if t[i - sep.len()..i] == sep[..] {
                        parts.push(t[i..end].to_vec());
                        i -= sep.len();
                        end = i;
                        cuts += 1;
                    } else {
                        i -= 1;
                    }
                }
                parts.push(t[..end].to_vec());
                parts.reverse();
            } else {
                let mut start = 0;
                while parts.len() < max {
                    match find(&t, &sep, start) {
                        Some(i) => {
                            parts.push(t[start..i].to_vec());
                            start = i + sep.len();
                        }
                        None => break,
                    }
                }
                parts.push(t[start..].to_vec());
            }
        }
    }
    vm.reserve_items::<Value>(parts.len())?;
    Ok(Value::list(parts.into_iter().map(|p| like(&a, p)).collect()))
}

/// `sep.join(iterable)`: every item must be bytes-like.
fn join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    arity_exact(vm, &a, "join", 1)?;
    let sep = this(&a);
    let items = vm.iterate(&a.pos[1])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.byte_contents() {
            Some(b) => parts.push(b),
            None => {
                let tn = vm.type_name(item);
                return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {tn} found")));
            }
        }
    }
    let total = parts.iter().map(|p| p.len()).sum::<usize>().saturating_add(sep.len().saturating_mul(parts.len()));
    vm.reserve(total)?;
    let mut out = Vec::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(p);
    }
    Ok(like(&a, out))
}

/// The `[start, end)` window of optional slice bounds over `n` bytes (`None` when empty
/// in a way that finds nothing, not even the empty needle).
fn window(vm: &Vm, n: usize, start: Option<&Value>, end: Option<&Value>) -> PyResult<Option<(usize, usize)>> {
    let n = n as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = int_of(v).ok_or_else(|| vm.type_error("slice indices must be integers or None or have an __index__ method"))?;
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
        }
    };
    let s = bound(start, 0)?;
    let e = bound(end, n)?.min(n);
    Ok(if s > n || s > e { None } else { Some((s as usize, e as usize)) })
}

/// The needle of `find`/`count`/...: bytes-like, or an int that is one byte.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Rc<[u8]>> {
    if let Some(b) = v.byte_contents() {
        return Ok(b);
    }
    if v.is_int() || v.as_instance().is_some() {
        return vm.byte_value(v).map(|b| Rc::from(&[b][..]));
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{tn}'")))
}

/// `find`, `rfind`, `index`, `rindex` (sub[, start[, end]]).
fn search(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Option<usize>> {
    let given = a.pos.len().saturating_sub(1);
    if given == 0 || given > 3 {
        return Err(vm.type_error(format!("{name}() takes at {} argument{} ({given} given)", if given == 0 { "least 1" } else { "most 3" }, if given == 0 { "" } else { "s" })));
    }
    let sub = needle(vm, &a.pos[1])?;
    let t = this(a);
    let Some((s, e)) = window(vm, t.len(), a.pos.get(2), a.pos.get(3))? else { return Ok(None) };
    if sub.len() > e - s {
        return Ok(None);
    }
    let hit = |i: &usize| t[*i..*i + sub.len()] == sub[..];
    let last = e - sub.len();
    Ok(if name.starts_with('r') { (s..=last).rev().find(hit) } else { (s..=last).find(hit) })
}

/// `count(sub[, start[, end]])`: non-overlapping occurrences.
fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let given = a.pos.len().saturating_sub(1);
    if given == 0 || given > 3 {
        return Err(vm.type_error(format!("count() takes at least 1 argument ({given} given)")));
    }
    let sub = needle(vm, &a.pos[1])?;
    let t = this(&a);
    let Some((s, e)) = window(vm, t.len(), a.pos.get(2), a.pos.get(3))? else { return Ok(Value::Int(0)) };
    if sub.is_empty() {
        return Ok(Value::Int((e - s) as i64 + 1));
    }
    let (mut i, mut k) = (s, 0);
    while i + sub.len() <= e {
        if t[i..i + sub.len()] == sub[..] {
            k += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(k))
}

/// `startswith`/`endswith(prefix[, start[, end]])`: a bytes-like prefix or a tuple of them.
fn affix(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    let given = a.pos.len().saturating_sub(1);
    if given == 0 || given > 3 {
        return Err(vm.type_error(format!("{name}() takes at {} argument{} ({given} given)", if given == 0 { "least 1" } else { "most 3" }, if given == 0 { "" } else { "s" })));
    }
    let wrong = |vm: &Vm, v: &Value| {
        let tn = vm.type_name(v);
        vm.type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {tn}"))
    };
    let pats: Vec<Rc<[u8]>> = match &a.pos[1] {
        Value::Obj(o) if matches!(o.as_ref(), Obj::Tuple(_)) => {
            let Obj::Tuple(items) = o.as_ref() else { return Ok(Value::Bool(false)) };
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(i.byte_contents().ok_or_else(|| wrong(vm, i))?);
            }
            out
        }
        v => vec![v.byte_contents().ok_or_else(|| wrong(vm, v))?],
    };
    let t = this(&a);
    let Some((s, e)) = window(vm, t.len(), a.pos.get(2), a.pos.get(3))? else { return Ok(Value::Bool(false)) };
    let part = &t[s..e];
    Ok(Value::Bool(pats.iter().any(|p| if name == "startswith" { part.starts_with(p) } else { part.ends_with(p) })))
}

/// `replace(old, new, count=-1)`.
fn replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let given = a.pos.len().saturating_sub(1);
    if !(2..=3).contains(&given) {
        return Err(vm.type_error(format!("replace expected {} arguments, got {given}", if given < 2 { "at least 2" } else { "at most 3" })));
    }
    let old = buffer(vm, &a.pos[1])?;
    let new = buffer(vm, &a.pos[2])?;
    let max = match a.pos.get(3) {
        None => -1,
        Some(v) => int_of(v).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        })?,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let t = this(&a);
    // The size of the result is known before it is built: refuse it at once.
    let hits = if old.is_empty() { t.len() + 1 } else { t.windows(old.len()).filter(|w| *w == &old[..]).count() }.min(max);
    vm.reserve(t.len().saturating_add(hits.saturating_mul(new.len())))?;
    let mut out = Vec::with_capacity(t.len());
    let mut done = 0;
    if old.is_empty() {
        for (i, c) in t.iter().enumerate() {
            if done < max {
                out.extend_from_slice(&new);
                done += 1;
            }
            out.push(*c);
            let _ = i;
        }
        if done < max {
            out.extend_from_slice(&new);
        }
        return Ok(like(&a, out));
    }
    let mut i = 0;
    while i < t.len() {
        if done < max && t[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            done += 1;
        } else {
            out.push(t[i]);
            i += 1;
        }
    }
    Ok(like(&a, out))
}

/// `partition(sep)` / `rpartition(sep)`.
fn partition(vm: &mut Vm, a: Args, reverse: bool) -> PyResult<Value> {
    arity_exact(vm, &a, if reverse { "rpartition" } else { "partition" }, 1)?;
    let sep = buffer(vm, &a.pos[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let t = this(&a);
    let at = if reverse {
        (0..=t.len().saturating_sub(sep.len())).rev().find(|&i| t.len() >= sep.len() && t[i..i + sep.len()] == sep[..])
    } else {
        find(&t, &sep, 0)
    };
    let parts = match at {
        Some(i) => [t[..i].to_vec(), sep.to_vec(), t[i + sep.len()..].to_vec()],
        None if reverse => [Vec::new(), Vec::new(), t.to_vec()],
        None => [t.to_vec(), Vec::new(), Vec::new()],
    };
    Ok(Value::tuple(parts.into_iter().map(|p| like(&a, p)).collect()))
}

/// `ljust`/`rjust`/`center(width, fillbyte=b' ')`.
fn pad(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    let given = a.pos.len().saturating_sub(1);
    if !(1..=2).contains(&given) {
        return Err(vm.type_error(format!("{name} expected {} argument{}, got {given}", if given < 1 { "at least 1" } else { "at most 2" }, if given < 1 { "" } else { "s" })));
    }
    let width = int_of(&a.pos[1]).ok_or_else(|| {
        let tn = vm.type_name(&a.pos[1]);
        vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
    })?;
    let fill = match a.pos.get(2) {
        None => b' ',
        Some(v) => match v.byte_contents() {
            Some(d) if d.len() == 1 => d[0],
            _ => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("{name}() argument 2 must be a byte string of length 1, not {tn}")));
            }
        },
    };
    let t = this(&a);
    let width = width.max(0) as usize;
    if width <= t.len() {
        return Ok(like(&a, t.to_vec()));
    }
    vm.reserve(width)?;
    let marg = width - t.len();
    // `pad` in bytes_methods.c: centering puts the odd byte left when `marg & width` is odd.
    let left = match name {
        "ljust" => 0,
        "rjust" => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&t);
    out.resize(width, fill);
    Ok(like(&a, out))
}

/// `zfill(width)`: zeros after any sign.
fn zfill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    arity_exact(vm, &a, "zfill", 1)?;
    let width = int_of(&a.pos[1]).ok_or_else(|| {
        let tn = vm.type_name(&a.pos[1]);
        vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
    })?;
    let t = this(&a);
    let width = width.max(0) as usize;
    if width <= t.len() {
        return Ok(like(&a, t.to_vec()));
    }
    vm.reserve(width)?;
    let sign = matches!(t.first(), Some(b'+' | b'-')) as usize;
    let mut out = t[..sign].to_vec();
    out.resize(width - t.len() + sign, b'0');
    out.extend_from_slice(&t[sign..]);
    Ok(like(&a, out))
}

/// `splitlines(keepends=False)`: at `\n`, `\r` and `\r\n`.
fn splitlines(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let p = params(vm, &mut a, "splitlines", &["keepends"], 0)?;
    let keep = match &p[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let t = this(&a);
    let mut lines = Vec::new();
    let (mut i, mut start) = (0, 0);
    while i < t.len() {
        if t[i] == b'\n' || t[i] == b'\r' {
            let eol = i;
            i += if t[i] == b'\r' && t.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            lines.push(like(&a, t[start..if keep { i } else { eol }].to_vec()));
            start = i;
        } else {
            i += 1;
        }
    }
    if start < t.len() {
        lines.push(like(&a, t[start..].to_vec()));
    }
    Ok(Value::list(lines))
}

/// `translate(table, delete=b'')`: each byte mapped through a 256-byte table (or kept,
/// for `None`), after dropping the bytes in `delete`.
fn translate(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let p = params(vm, &mut a, "translate", &["table", "delete"], 1)?;
    let table = match &p[0] {
        Some(Value::None) | None => None,
        Some(v) => {
            let t = buffer(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &p[1] {
        None => Rc::from(&[][..]),
        Some(v) => buffer(vm, v)?,
    };
    let out = this(&a).iter().filter(|c| !delete.contains(c)).map(|&c| table.as_ref().map_or(c, |t| t[c as usize])).collect();
    Ok(like(&a, out))
}

/// `bytes.maketrans(from, to)`: the 256-byte table mapping each byte of `from` to the
/// byte at the same place in `to`.
pub fn maketrans(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {}", a.pos.len())));
    }
    let from = buffer(vm, &a.pos[0])?;
    let to = buffer(vm, &a.pos[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(to.iter()) {
        table[*f as usize] = *t;
    }
    Ok(Value::bytes(table))
}

/// `b % args` (`_PyBytes_FormatEx`, PEP 461): `%s`/`%b` take bytes-like objects (or
/// `__bytes__`), `%r`/`%a` the ASCII repr, `%c` one byte; the numeric conversions
/// format as `str % args` does; `%(key)s` reads a mapping by bytes keys.
fn percent(vm: &mut Vm, a: Args) -> PyResult<Value> {
    arity_exact(vm, &a, "__mod__", 1)?;
    let template = this(&a);
    let args = a.pos[1].clone();
    let mapping = matches!(args.as_obj().map(|o| o.as_ref()), Some(Obj::Dict(_)));
    let items: Vec<Value> = match args.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Tuple(t)) => t.clone(),
        _ => vec![args.clone()],
    };
    let mut next = 0;
    let mut out = Vec::with_capacity(template.len());
    let mut i = 0;
    while i < template.len() {
        let c = template[i];
        if c != b'%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut arg = None;
        if template.get(i) == Some(&b'(') {
            let close = template[i..].iter().position(|&b| b == b')').map(|k| k + i);
            let Some(close) = close else { return Err(vm.value_error("incomplete format key")) };
            let key = Value::bytes(template[i + 1..close].to_vec());
            if !mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            arg = Some(vm.get_item(&args, &key)?);
            i = close + 1;
        }
        let spec_start = i;
        while i < template.len() && (b"-+ #0".contains(&template[i]) || template[i].is_ascii_digit() || template[i] == b'.') {
            i += 1;
        }
        let spec = String::from_utf8_lossy(&template[spec_start..i]).into_owned();
        let Some(&ty) = template.get(i) else { return Err(vm.value_error("incomplete format")) };
        i += 1;
        if ty == b'%' {
            out.push(b'%');
            continue;
        }
        let arg = match arg {
            Some(v) => v,
            None if mapping => args.clone(),
            None => {
                let Some(v) = items.get(next).cloned() else { return Err(vm.type_error("not enough arguments for format string")) };
                next += 1;
                v
            }
        };
        let raw: Vec<u8> = match ty {
            b's' | b'b' => match arg.byte_contents() {
                Some(d) => d.to_vec(),
                None => {
                    let bytes_method = arg.as_instance().and_then(|inst| vm.class_lookup(&inst.class, "__bytes__"));
                    match bytes_method {
                        Some(f) => {
                            let r = vm.call_sync(&f, vec![arg.clone()])?;
                            buffer(vm, &r)?.to_vec()
                        }
                        None => {
                            let tn = vm.type_name(&arg);
                            return Err(vm.type_error(format!("%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'")));
                        }
                    }
                }
            },
            b'r' | b'a' => {
                let r = vm.repr(&arg)?;
                r.chars().flat_map(|c| if c.is_ascii() { vec![c as u8] } else { escaped_char(c).into_bytes() }).collect()
            }
            b'c' => match (arg.byte_contents(), int_of(&arg)) {
                (Some(d), _) if d.len() == 1 => d.to_vec(),
                (_, Some(n)) if (0..256).contains(&n) => vec![n as u8],
                (_, Some(_)) => return Err(vm.exc("OverflowError", "%c arg not in range(256)")),
                _ => return Err(vm.type_error("%c requires an integer in range(256) or a single byte")),
            },
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                // Only numbers (and objects standing for them) are formatted as numbers.
                let integral = matches!(ty, b'o' | b'x' | b'X');
                if !(arg.is_int() || (matches!(arg, Value::Float(_)) && !integral) || arg.as_instance().is_some()) {
                    let tn = vm.type_name(&arg);
                    let shown = if ty == b'i' { 'd' } else { ty as char };
                    return Err(vm.type_error(match ty {
                        b'o' | b'x' | b'X' => format!("%{shown} format: an integer is required, not {tn}"),
                        b'd' | b'i' | b'u' => format!("%{shown} format: a real number is required, not {tn}"),
                        _ => format!("float argument required, not {tn}"),
                    }));
                }
                let t = format!("%{spec}{}", ty as char);
                let r = super::format::percent_format(vm, &t, &Value::tuple(vec![arg]))?;
                match r {
                    Value::Str(s) => s.as_bytes().to_vec(),
                    _ => Vec::new(),
                }
            }
            _ => {
                return Err(vm.value_error(format!(
                    "unsupported format character '{}' (0x{ty:x}) at index {}",
                    ty as char,
                    i - 1
                )))
            }
        };
        // Precision truncates and width pads the text conversions (`%5s`, `%-4b`, `%.2s`).
        let raw = if matches!(ty, b's' | b'b' | b'r' | b'a' | b'c') {
            let (width, precision) = match spec.split_once('.') {
                Some((w, p)) => (w, p.parse::<usize>().ok()),
                None => (spec.as_str(), None),
            };
            let left = width.contains('-');
            let width: usize = width.trim_start_matches(['-', '+', ' ', '#', '0']).parse().unwrap_or(0);
            let mut raw = raw;
            if let Some(p) = precision.filter(|_| ty != b'c') {
                raw.truncate(p);
            }
            vm.reserve(width)?;
            let pad = width.saturating_sub(raw.len());
            if left {
                raw.extend(std::iter::repeat(b' ').take(pad));
                raw
            } else {
                let mut padded = vec![b' '; pad];
                padded.extend(raw);
                padded
            }
        } else {
            raw
        };
        out.extend(raw);
    }
    if !mapping && next < items.len() {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    Ok(like(&a, out))
}

// ── codecs ──

/// The codecs built in, under the names their errors give.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// The codec an encoding name stands for, normalized as `encodings.normalize_encoding`
/// does (case folded, punctuation as `_`), with CPython's aliases for these three.
fn codec(vm: &Vm, name: &str) -> PyResult<Codec> {
    let norm: String = name
        .trim()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    Ok(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "iso646_us" | "cp367" | "csascii" | "ibm367" => Codec::Ascii,
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819" | "iso_ir_100" | "ibm819" | "iso8859" => Codec::Latin1,
        _ => return Err(vm.exc("LookupError", format!("unknown encoding: {name}"))),
    })
}

fn unknown_handler(vm: &Vm, errors: &str) -> Fail {
    vm.exc("LookupError", format!("unknown error handler name '{errors}'"))
}

/// `\xe9`, `\u20ac` or `\U0001f600`: how CPython's messages and `backslashreplace` show
/// a character.
fn escaped_char(c: char) -> String {
    match c as u32 {
        n if n < 0x100 => format!("\\x{n:02x}"),
        n if n < 0x10000 => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// A `UnicodeEncodeError`/`UnicodeDecodeError` with CPython's message and attributes
/// (`encoding`, `object`, `start`, `end`, `reason`).
fn codec_error(vm: &Vm, class: &str, msg: String, codec: Codec, object: Value, start: usize, end: usize, reason: &str) -> Fail {
    let f = vm.exc(class, msg);
    if let Fail::Exc(e) = &f {
        if let Some(inst) = e.as_instance() {
            let mut d = inst.dict.borrow_mut();
            d.insert("encoding".into(), Value::str(codec.name()));
            d.insert("object".into(), object);
            d.insert("start".into(), Value::Int(start as i64));
            d.insert("end".into(), Value::Int(end as i64));
            d.insert("reason".into(), Value::str(reason));
        }
    }
    f
}

/// `s.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = codec(vm, encoding)?;
    vm.reserve(s.len())?;
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec());
    }
    let limit: u32 = if codec == Codec::Ascii { 128 } else { 256 };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        // The run of characters the codec cannot encode, as CPython reports it.
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "strict" => {
                let reason = format!("ordinal not in range({limit})");
                let msg = if end - i == 1 {
                    format!("'{}' codec can't encode character '{}' in position {i}: {reason}", codec.name(), escaped_char(c))
                } else {
                    format!("'{}' codec can't encode characters in position {i}-{}: {reason}", codec.name(), end - 1)
                };
                return Err(codec_error(vm, "UnicodeEncodeError", msg, codec, Value::str(s), i, end, &reason));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(end - i)),
            "backslashreplace" => chars[i..end].iter().for_each(|&c| out.extend_from_slice(escaped_char(c).as_bytes())),
            "xmlcharrefreplace" => chars[i..end].iter().for_each(|&c| out.extend_from_slice(format!("&#{};", c as u32).as_bytes())),
            _ => return Err(unknown_handler(vm, errors)),
        }
        i = end;
    }
    Ok(out)
}

/// `data.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = codec(vm, encoding)?;
    vm.reserve_str(data.len().saturating_mul(3))?;
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        // The next undecodable range [i + valid, i + valid + bad) and why.
        let (valid, bad, reason): (usize, usize, &str) = match codec {
            Codec::Latin1 => {
                out.extend(data[i..].iter().map(|&b| b as char));
                break;
            }
            Codec::Ascii => match data[i..].iter().position(|b| *b >= 0x80) {
                None => (data.len() - i, 0, ""),
                Some(k) => (k, 1, "ordinal not in range(128)"),
            },
            Codec::Utf8 => match std::str::from_utf8(&data[i..]) {
                Ok(_) => (data.len() - i, 0, ""),
                Err(e) => {
                    let at = i + e.valid_up_to();
                    match e.error_len() {
                        None => (e.valid_up_to(), data.len() - at, "unexpected end of data"),
                        Some(n) => {
                            let lead = data[at];
                            let bad_start = n == 1 && (matches!(lead, 0x80..=0xc1) || lead >= 0xf5);
                            (e.valid_up_to(), n, if bad_start { "invalid start byte" } else { "invalid continuation byte" })
                        }
                    }
                }
            },
        };
        // Valid up to here: ASCII and UTF-8 text is already UTF-8.
        out.push_str(std::str::from_utf8(&data[i..i + valid]).unwrap_or_default());
        i += valid;
        if bad == 0 {
            break;
        }
        let (start, end) = (i, i + bad);
        match errors {
            "strict" => {
                let msg = if bad == 1 {
                    format!("'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}", codec.name(), data[start])
                } else {
                    format!("'{}' codec can't decode bytes in position {start}-{}: {reason}", codec.name(), end - 1)
                };
                return Err(codec_error(vm, "UnicodeDecodeError", msg, codec, Value::bytes(data.to_vec()), start, end, reason));
            }
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => data[start..end].iter().for_each(|b| out.push_str(&format!("\\x{b:02x}"))),
            _ => return Err(unknown_handler(vm, errors)),
        }
        i = end;
    }
    Ok(out)
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn str_encode(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let p = params(vm, &mut a, "encode", &["encoding", "errors"], 0)?;
    let encoding = str_param(vm, &p[0], "encode", "encoding", "utf-8")?;
    let errors = str_param(vm, &p[1], "encode", "errors", "strict")?;
    let s = match a.pos.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => "".into(),
    };
    Ok(Value::bytes(encode(vm, &s, &encoding, &errors)?))
}

/// `str(b, encoding, errors)`: decodes (`PyUnicode_FromEncodedObject`).
pub fn str_from_encoded(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [object, encoding, errors] = object_encoding_errors(vm, args, "str", "object")?;
    let object = object.unwrap_or_else(|| Value::bytes(Vec::new()));
    let encoding = str_param(vm, &encoding, "str", "encoding", "utf-8")?;
    let errors = str_param(vm, &errors, "str", "errors", "strict")?;
    match object.byte_contents() {
        Some(data) => Ok(Value::Str(decode(vm, &data, &encoding, &errors)?.into())),
        None if matches!(object, Value::Str(_)) => Err(vm.type_error("decoding str is not supported")),
        None => {
            let tn = vm.type_name(&object);
            Err(vm.type_error(format!("decoding to str: need a bytes-like object, {tn} found")))
        }
    }
}

// ── int.to_bytes / int.from_bytes ──

/// The `byteorder` argument: big-endian or not.
fn byteorder(vm: &Vm, v: &Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(Value::Str(s)) if &**s == "big" => Ok(true),
        Some(Value::Str(s)) if &**s == "little" => Ok(false),
        Some(Value::Str(_)) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        Some(v) => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("to_bytes() argument 'byteorder' must be str, not {tn}")))
        }
    }
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)` (`int_to_bytes_impl`).
pub fn int_to_bytes(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let p = params(vm, &mut a, "to_bytes", &["length", "byteorder", "signed"], 0)?;
    let n = a.pos.first().and_then(|v| v.to_bigint()).unwrap_or_default();
    let length = match &p[0] {
        None => 1,
        Some(v) => match int_of(v) {
            Some(l) => l,
            None if matches!(v, Value::BigInt(_)) => {
                return Err(vm.exc("OverflowError", "Python int too large to convert to C ssize_t"))
            }
            None => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
            }
        },
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big = byteorder(vm, &p[1])?;
    let signed = match &p[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if !signed && n.sign() == Sign::Minus {
        return Err(vm.exc("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut digits = if signed { n.to_signed_bytes_be() } else { n.to_bytes_be().1 };
    if n.sign() == Sign::NoSign {
        digits.clear();
    }
    if digits.len() > length as usize {
        return Err(vm.exc("OverflowError", "int too big to convert"));
    }
    vm.reserve(length as usize)?;
    let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
    let mut out = vec![fill; length as usize - digits.len()];
    out.extend_from_slice(&digits);
    if !big {
        out.reverse();
    }
    Ok(Value::bytes(out))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (`int_from_bytes_impl`).
pub fn int_from_bytes(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    // Called as a class attribute: `a.pos[0]` is the first argument, not a receiver.
    a.pos.insert(0, Value::None);
    let p = params(vm, &mut a, "from_bytes", &["bytes", "byteorder", "signed"], 1)?;
    let source = p[0].clone().unwrap_or(Value::None);
    let data = match source.byte_contents() {
        Some(d) => d,
        None => match construct(vm, false, Args::new(vec![source]))?.byte_contents() {
            Some(d) => d,
            None => Rc::from(&[][..]),
        },
    };
    let big = byteorder(vm, &p[1])?;
    let signed = match &p[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut be = data.to_vec();
    if !big {
        be.reverse();
    }
    let n = if signed { BigInt::from_signed_bytes_be(&be) } else { BigInt::from_bytes_be(Sign::Plus, &be) };
    Ok(Value::from_bigint(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_quote_and_escape_as_cpython() {
        assert_eq!(bytes_repr(b"hello\x00"), "b'hello\\x00'");
        assert_eq!(bytes_repr(b"it's"), "b\"it's\"");
        assert_eq!(bytes_repr(b"'\""), "b'\\'\"'");
        assert_eq!(bytes_repr(b"\t\n\r\\\x7f\xff"), "b'\\t\\n\\r\\\\\\x7f\\xff'");
    }

    #[test]
    fn escaped_chars_follow_unicode_error_messages() {
        assert_eq!(escaped_char('é'), "\\xe9");
        assert_eq!(escaped_char('€'), "\\u20ac");
        assert_eq!(escaped_char('😀'), "\\U0001f600");
    }
}
