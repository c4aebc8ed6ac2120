//! `bytes` and `bytearray`: their constructors, methods, repr, and the codecs that
//! cross between them and `str` (`str.encode`, `bytes.decode`), after CPython's
//! `Objects/bytesobject.c`, `Objects/bytearrayobject.c`, `Objects/bytes_methods.c` and
//! `Objects/unicodeobject.c`. Their operators (`+`, `*`, `in`, `b[i]`, comparisons)
//! are in `vm::ops::bytes`.
//!
//! The codecs built in, under CPython's names and aliases: `utf-8`, `utf-8-sig`,
//! `ascii`, `latin-1`, `utf-16`, `utf-16-le`, `utf-16-be`, `utf-32`, `utf-32-le` and
//! `utf-32-be` (with their byte order marks as CPython writes and reads them), with the
//! error handlers `strict`, `ignore`, `replace`, `backslashreplace` (and
//! `xmlcharrefreplace` when encoding). Their errors are CPython's:
//! `UnicodeEncodeError`/`UnicodeDecodeError` with the 5-tuple `args` `(encoding, object,
//! start, end, reason)`, those attributes, and the message made from them (`'ascii' codec
//! can't encode character '\xe9' in position 0: ordinal not in range(128)`).

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
    contents(vm, v).unwrap_or_else(|| {
        let tn = vm.type_name(v);
        Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
    })
}

/// The bytes of a bytes-like value: bytes, bytearray or a memoryview (whose error, once
/// released, is CPython's); `None` for anything else.
pub fn contents(vm: &Vm, v: &Value) -> Option<PyResult<Rc<[u8]>>> {
    match v.byte_contents() {
        Some(b) => Some(Ok(b)),
        None => super::memoryview::contiguous_view_bytes(vm, v).map(|r| r.map(Rc::from)),
    }
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
    // Any view, with a step too (`PyBUF_FULL_RO`).
    if let Some(data) = super::memoryview::view_bytes(vm, &source) {
        return Ok(make(data?));
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
            if super::memoryview::is_strided(&a.pos[1]) {
                return Err(vm.type_error("can't set bytearray slice from memoryview"));
            }
            let data = match contents(vm, &a.pos[1]) {
                Some(d) => d?.to_vec(),
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
        match contents(vm, item).filter(|_| !super::memoryview::is_strided(item)) {
            Some(b) => parts.push(b?),
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
    if let Some(b) = contents(vm, v) {
        return b;
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
#[derive(Clone, Copy, PartialEq, Debug)]
enum Codec {
    Utf8,
    /// `utf-8-sig`: UTF-8 after a BOM (written when encoding, skipped when decoding if
    /// there); its decoding errors are `utf-8`'s, of the bytes after the BOM
    /// (`encodings/utf_8_sig.py`).
    Utf8Sig,
    Ascii,
    Latin1,
    /// UTF-16 (`width` 2: units of two bytes, surrogate pairs beyond U+FFFF) or UTF-32
    /// (`width` 4). `big` is the byte order; `None` is the plain `utf-16`/`utf-32`, which
    /// writes a byte order mark first (then little-endian, the order of the machines
    /// CPython mostly runs on) and, decoding, reads one at the start if there is one.
    Wide { width: usize, big: Option<bool> },
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Wide { width: 2, big: None } => "utf-16",
            Codec::Wide { width: 2, big: Some(false) } => "utf-16-le",
            Codec::Wide { width: 2, big: Some(true) } => "utf-16-be",
            Codec::Wide { big: None, .. } => "utf-32",
            Codec::Wide { big: Some(false), .. } => "utf-32-le",
            Codec::Wide { big: Some(true), .. } => "utf-32-be",
        }
    }
}

/// `codecs.lookup(name).name`: the codec's own name for an encoding name or alias
/// (`'UTF16'` is `'utf-16'`, `'latin-1'` is `'iso8859-1'`), or `LookupError`.
pub fn codec_name(vm: &Vm, name: &str) -> PyResult<&'static str> {
    Ok(match codec(vm, name)? {
        Codec::Utf8Sig => "utf-8-sig",
        Codec::Latin1 => "iso8859-1",
        c => c.name(),
    })
}

/// The codec an encoding name stands for, normalized as `encodings.normalize_encoding`
/// does (case folded, punctuation as `_`), with CPython's aliases for these
/// (`encodings/aliases.py`: `UTF16`, `u16`, `UnicodeBigUnmarked`...).
fn codec(vm: &Vm, name: &str) -> PyResult<Codec> {
    let norm: String = name
        .trim()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let wide = |width, big| Codec::Wide { width, big };
    Ok(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
        "utf_8_sig" => Codec::Utf8Sig,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "iso646_us" | "cp367" | "csascii" | "ibm367" => Codec::Ascii,
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819" | "iso_ir_100" | "ibm819" | "iso8859" => Codec::Latin1,
        "utf_16" | "utf16" | "u16" => wide(2, None),
        "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => wide(2, Some(false)),
        "utf_16_be" | "utf_16be" | "unicodebigunmarked" => wide(2, Some(true)),
        "utf_32" | "utf32" | "u32" => wide(4, None),
        "utf_32_le" | "utf_32le" => wide(4, Some(false)),
        "utf_32_be" | "utf_32be" => wide(4, Some(true)),
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

/// A `UnicodeEncodeError`/`UnicodeDecodeError` as CPython raises it: `args` is the
/// 5-tuple `(encoding, object, start, end, reason)`, also kept as attributes of those
/// names, and `str(e)` is made from them ([`unicode_error_str`]).
fn codec_error(vm: &Vm, class: &str, codec: Codec, object: Value, start: usize, end: usize, reason: &str) -> Fail {
    let args = vec![Value::str(codec.name()), object, Value::Int(start as i64), Value::Int(end as i64), Value::str(reason)];
    let e = crate::vm::exceptions::new_exception(&vm.types.exc(class), Vec::new());
    set_unicode_error(&e, args);
    Fail::Exc(e)
}

/// Store a Unicode error's five arguments as its `args` and attributes.
fn set_unicode_error(e: &Value, args: Vec<Value>) {
    if let Some(inst) = e.as_instance() {
        let mut d = inst.dict.borrow_mut();
        for (name, v) in ["encoding", "object", "start", "end", "reason"].iter().zip(&args) {
            // `object` is kept as bytes even when a bytearray was given (`UnicodeDecodeError_init`).
            let v = match (*name, v.byte_contents()) {
                ("object", Some(b)) => Value::obj(Obj::Bytes(b)),
                _ => v.clone(),
            };
            d.insert((*name).into(), v);
        }
    }
    if let Some(st) = crate::vm::exceptions::exc_state(e) {
        st.borrow_mut().args = args;
    }
}

/// `UnicodeEncodeError.__init__`/`UnicodeDecodeError.__init__(encoding, object, start,
/// end, reason)`, with CPython's checks of each argument.
fn unicode_error_init(vm: &mut Vm, a: Args, decode: bool) -> PyResult<Value> {
    if !a.kw.is_empty() {
        let cname = if decode { "UnicodeDecodeError" } else { "UnicodeEncodeError" };
        return Err(vm.type_error(format!("{cname}() takes no keyword arguments")));
    }
    let Some((this, args)) = a.pos.split_first() else { return Err(vm.type_error("descriptor '__init__' needs an argument")) };
    if args.len() != 5 {
        return Err(vm.type_error(format!("function takes exactly 5 arguments ({} given)", args.len())));
    }
    let must_be_str = |vm: &Vm, k: usize| -> PyResult<()> {
        if matches!(args[k], Value::Str(_)) {
            return Ok(());
        }
        let tn = vm.type_name(&args[k]);
        Err(vm.type_error(format!("argument {} must be str, not {tn}", k + 1)))
    };
    must_be_str(vm, 0)?;
    if decode {
        buffer(vm, &args[1])?;
    } else {
        must_be_str(vm, 1)?;
    }
    for k in [2, 3] {
        ssize(vm, &args[k])?;
    }
    must_be_str(vm, 4)?;
    set_unicode_error(this, args.to_vec());
    Ok(Value::None)
}

/// An int argument that must fit a C `Py_ssize_t`, with CPython's errors.
fn ssize(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => Err(vm.exc("OverflowError", "Python int too large to convert to C ssize_t")),
        v => int_of(v).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        }),
    }
}

/// `str()` of a Unicode error, from its attributes as they are now
/// (`UnicodeEncodeError_str`, `UnicodeDecodeError_str`): one character or byte is shown,
/// a longer range by its first and last position.
fn unicode_error_str(vm: &mut Vm, a: Args, decode: bool) -> PyResult<Value> {
    let Some(e) = a.pos.first().and_then(|v| v.as_instance()) else { return Ok(Value::str("")) };
    let get = |name: &str| e.dict.borrow().get(name).cloned();
    let (Some(object), Some(start), Some(end)) = (get("object"), get("start"), get("end")) else {
        return Ok(Value::str(""));
    };
    let encoding = match get("encoding") {
        Some(v) => vm.to_str(&v)?,
        None => String::new(),
    };
    let reason = match get("reason") {
        Some(v) => vm.to_str(&v)?,
        None => String::new(),
    };
    let (start, end) = (ssize(vm, &start)?, ssize(vm, &end)?);
    let single = end == start.wrapping_add(1);
    let msg = if decode {
        let byte = object.byte_contents().and_then(|b| usize::try_from(start).ok().and_then(|i| b.get(i).copied()));
        match byte {
            Some(b) if single => format!("'{encoding}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"),
            _ => format!("'{encoding}' codec can't decode bytes in position {start}-{}: {reason}", end.wrapping_sub(1)),
        }
    } else {
        let ch = match &object {
            Value::Str(s) => usize::try_from(start).ok().and_then(|i| s.chars().nth(i)),
            _ => None,
        };
        match ch {
            Some(c) if single => format!("'{encoding}' codec can't encode character '{}' in position {start}: {reason}", escaped_char(c)),
            _ => format!("'{encoding}' codec can't encode characters in position {start}-{}: {reason}", end.wrapping_sub(1)),
        }
    };
    Ok(Value::Str(msg.into()))
}

/// Give `UnicodeEncodeError` and `UnicodeDecodeError` their `__init__` and `__str__`.
pub fn install_unicode_errors(vm: &mut Vm) {
    let methods: [(&str, &'static str, NativeFn); 4] = [
        ("UnicodeEncodeError", "__init__", |vm, a| unicode_error_init(vm, a, false)),
        ("UnicodeEncodeError", "__str__", |vm, a| unicode_error_str(vm, a, false)),
        ("UnicodeDecodeError", "__init__", |vm, a| unicode_error_init(vm, a, true)),
        ("UnicodeDecodeError", "__str__", |vm, a| unicode_error_str(vm, a, true)),
    ];
    for (class, name, f) in methods {
        if let Some(c) = vm.types.exc(class).as_class() {
            c.dict.borrow_mut().insert(name.into(), super::native(name, f));
        }
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = codec(vm, encoding)?;
    vm.reserve(s.len())?;
    match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf8Sig => return Ok([&b"\xef\xbb\xbf"[..], s.as_bytes()].concat()),
        Codec::Wide { width, big } => return encode_wide(vm, s, width, big),
        Codec::Ascii | Codec::Latin1 => {}
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
                return Err(codec_error(vm, "UnicodeEncodeError", codec, Value::str(s), i, end, &reason));
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

/// UTF-16/UTF-32 encoding (`PyUnicode_EncodeUTF16`/`_PyUnicode_EncodeUTF32`): every
/// character encodes (Interleave's strings hold no lone surrogates), after a BOM for the
/// unmarked `utf-16`/`utf-32`.
fn encode_wide(vm: &Vm, s: &str, width: usize, big: Option<bool>) -> PyResult<Vec<u8>> {
    // At most `width` bytes per UTF-8 byte (a 4-byte character takes 4 in both UTF-16 and UTF-8).
    let size = s.len().checked_mul(width).and_then(|n| n.checked_add(width)).ok_or_else(|| vm.exc("MemoryError", ""))?;
    vm.reserve(size)?;
    let be = big.unwrap_or(false);
    let mut out = Vec::with_capacity(size);
    let mut put = |unit: u32| match (width, be) {
        (2, true) => out.extend_from_slice(&(unit as u16).to_be_bytes()),
        (2, false) => out.extend_from_slice(&(unit as u16).to_le_bytes()),
        (_, true) => out.extend_from_slice(&unit.to_be_bytes()),
        (_, false) => out.extend_from_slice(&unit.to_le_bytes()),
    };
    if big.is_none() {
        put(0xfeff);
    }
    let mut units = [0u16; 2];
    for c in s.chars() {
        if width == 2 {
            c.encode_utf16(&mut units).iter().for_each(|&u| put(u as u32));
        } else {
            put(c as u32);
        }
    }
    Ok(out)
}

/// What the `errors` handler does with the undecodable bytes `data[start..end]`.
#[allow(clippy::too_many_arguments)]
fn decode_error(vm: &Vm, errors: &str, codec: Codec, data: &[u8], start: usize, end: usize, reason: &str, out: &mut String) -> PyResult<()> {
    match errors {
        "strict" => Err(codec_error(vm, "UnicodeDecodeError", codec, Value::bytes(data.to_vec()), start, end, reason)),
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            data[start..end].iter().for_each(|b| out.push_str(&format!("\\x{b:02x}")));
            Ok(())
        }
        _ => Err(unknown_handler(vm, errors)),
    }
}

/// `data.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = codec(vm, encoding)?;
    vm.reserve_str(data.len().saturating_mul(3))?;
    if let Codec::Wide { width, big } = codec {
        return decode_wide(vm, data, width, big, errors);
    }
    if codec == Codec::Utf8Sig {
        return decode(vm, data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data), "utf-8", errors);
    }
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        // The next undecodable range [i + valid, i + valid + bad) and why.
        let (valid, bad, reason): (usize, usize, &str) = match codec {
            Codec::Latin1 | Codec::Wide { .. } => {
                out.extend(data[i..].iter().map(|&b| b as char));
                break;
            }
            Codec::Ascii => match data[i..].iter().position(|b| *b >= 0x80) {
                None => (data.len() - i, 0, ""),
                Some(k) => (k, 1, "ordinal not in range(128)"),
            },
            Codec::Utf8 | Codec::Utf8Sig => match std::str::from_utf8(&data[i..]) {
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
        decode_error(vm, errors, codec, data, i, i + bad, reason, &mut out)?;
        i += bad;
    }
    Ok(out)
}

/// UTF-16/UTF-32 decoding (`PyUnicode_DecodeUTF16Stateful`, `PyUnicode_DecodeUTF32Stateful`):
/// the unmarked codec reads a BOM at the start (and skips it) to learn the byte order,
/// little-endian without one, and its errors name the order it used (`'utf-16-le' codec
/// can't decode ...`). A BOM anywhere else, or in the `-le`/`-be` codecs, is U+FEFF.
fn decode_wide(vm: &Vm, data: &[u8], width: usize, big: Option<bool>, errors: &str) -> PyResult<String> {
    let mut i = 0;
    let mut be = big.unwrap_or(false);
    if big.is_none() {
        let (le_bom, be_bom): (&[u8], &[u8]) = if width == 2 { (b"\xff\xfe", b"\xfe\xff") } else { (b"\xff\xfe\0\0", b"\0\0\xfe\xff") };
        if data.starts_with(le_bom) {
            i = width;
        } else if data.starts_with(be_bom) {
            i = width;
            be = true;
        }
    }
    let codec = Codec::Wide { width, big: Some(be) };
    let unit = |k: usize| -> u32 {
        let bytes = &data[k..k + width];
        let fold = |acc: u32, b: &u8| (acc << 8) | *b as u32;
        if be {
            bytes.iter().fold(0, fold)
        } else {
            bytes.iter().rev().fold(0, fold)
        }
    };
    let mut out = String::with_capacity(data.len() / width);
    while i < data.len() {
        // Either a character and the units it took, or the bad range's end and why.
        let step: Result<(char, usize), (usize, &str)> = if data.len() - i < width {
            Err((data.len(), "truncated data"))
        } else if width == 4 {
            let u = unit(i);
            match char::from_u32(u) {
                Some(c) => Ok((c, 4)),
                None if u > 0x10ffff => Err((i + 4, "code point not in range(0x110000)")),
                None => Err((i + 4, "code point in surrogate code point range(0xd800, 0xe000)")),
            }
        } else {
            let u = unit(i);
            match u {
                0xdc00..=0xdfff => Err((i + 2, "illegal encoding")),
                0xd800..=0xdbff if data.len() - i < 4 => Err((data.len(), "unexpected end of data")),
                0xd800..=0xdbff => match unit(i + 2) {
                    low @ 0xdc00..=0xdfff => Ok((char::from_u32(0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00)).unwrap_or('\u{fffd}'), 4)),
                    _ => Err((i + 2, "illegal UTF-16 surrogate")),
                },
                _ => Ok((char::from_u32(u).unwrap_or('\u{fffd}'), 2)),
            }
        };
        match step {
            Ok((c, n)) => {
                out.push(c);
                i += n;
            }
            Err((end, reason)) => {
                decode_error(vm, errors, codec, data, i, end, reason, &mut out)?;
                i = end;
            }
        }
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
    match contents(vm, &object).filter(|_| !super::memoryview::is_strided(&object)) {
        Some(data) => Ok(Value::Str(decode(vm, &data?, &encoding, &errors)?.into())),
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

    /// A VM with the builtins (so the Unicode errors can be made).
    fn vm() -> Vm {
        let mut vm = Vm::new(Default::default());
        crate::builtins::install::install(&mut vm);
        vm
    }

    #[test]
    fn utf16_and_utf32_round_trip_with_cpythons_byte_order_marks() {
        let mut vm = vm();
        let s = "hé€😀";
        for enc in ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "UTF_32LE", "Utf-32BE", "U16"] {
            let data = encode(&mut vm, s, enc, "strict").ok().unwrap();
            assert_eq!(decode(&mut vm, &data, enc, "strict").ok().unwrap(), s, "{enc}");
        }
        assert_eq!(encode(&mut vm, "", "utf-16", "strict").ok().unwrap(), b"\xff\xfe");
        assert_eq!(encode(&mut vm, "😀", "utf-16-be", "strict").ok().unwrap(), b"\xd8\x3d\xde\x00");
        assert_eq!(encode(&mut vm, "a", "utf-32", "strict").ok().unwrap(), b"\xff\xfe\0\0a\0\0\0");
        // A BOM is read at the start only, and only by the unmarked codecs.
        assert_eq!(decode(&mut vm, b"\xfe\xff\0a\xfe\xff", "utf-16", "strict").ok().unwrap(), "a\u{feff}");
        assert_eq!(decode(&mut vm, b"\xff\xfea\0", "utf-16-le", "strict").ok().unwrap(), "\u{feff}a");
    }

    #[test]
    fn utf16_and_utf32_decoding_errors_take_cpythons_ranges() {
        let mut vm = vm();
        let cases: &[(&[u8], &str, &str)] = &[
            (b"a\0b", "utf-16-le", "a\u{fffd}"),                       // truncated data
            (b"\0\xd8a\0", "utf-16-le", "\u{fffd}a"),                  // high surrogate, then no low one
            (b"\0\xdca\0", "utf-16-le", "\u{fffd}a"),                  // a lone low surrogate
            (b"\0\xd8\0", "utf-16-le", "\u{fffd}"),                     // unexpected end of data: one range
            (b"\0\xd8\0\xd8\0\xdc", "utf-16-le", "\u{fffd}\u{10000}"), // the second high one pairs
            (b"\0\0\x11\0a\0\0\0", "utf-32", "\u{fffd}a"),           // beyond U+10FFFF
            (b"\0\xd8\0\0", "utf-32-le", "\u{fffd}"),                  // a surrogate code point
        ];
        for (data, enc, want) in cases {
            assert_eq!(decode(&mut vm, data, enc, "replace").ok().unwrap(), *want, "{data:?} {enc}");
        }
        assert_eq!(decode(&mut vm, b"\0\xd8a\0", "utf-16-le", "backslashreplace").ok().unwrap(), "\\x00\\xd8a");
        let Err(Fail::Exc(e)) = decode(&mut vm, b"\xfe\xff\0a\0", "utf-16", "strict") else { panic!("no error") };
        assert_eq!(vm.to_str(&e).ok().unwrap(), "'utf-16-be' codec can't decode byte 0x00 in position 4: truncated data");
        let args = vm.get_attr(&e, "args").ok().unwrap();
        assert_eq!(vm.repr(&args).ok().unwrap(), "('utf-16-be', b'\\xfe\\xff\\x00a\\x00', 4, 5, 'truncated data')");
    }
}
