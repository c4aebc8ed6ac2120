//! `memoryview`: a view of the bytes of a `bytes` or `bytearray` without copying them,
//! after CPython's `Objects/memoryobject.c` for one-dimensional views.
//!
//! A view is an instance of the built-in class `memoryview` whose state (a [`View`]) is
//! kept in its `__dict__` under a key no program spells. Indexing reads the exporter's
//! bytes; a slice is another view of the same bytes (with a step, `m[::2]`), so writing
//! through a view of a bytearray changes the bytearray. `release()` (or leaving a `with`
//! block) ends the view: then every operation raises CPython's `ValueError: operation
//! forbidden on released memoryview object`. `len`, `tobytes`, `tolist`, `hex`,
//! `toreadonly`, `cast` to any native single-character format (`'B'`, `'c'`, `'H'`, `'i'`,
//! `'q'`, `'d'`, `'?'`..., items little-endian at their native sizes), equality with any
//! buffer (items compared as values), `hash` of read-only byte views, and the attributes
//! `obj`, `nbytes`, `readonly`, `format`, `itemsize`, `ndim`, `shape`, `strides`,
//! `suboffsets` and the contiguity flags are CPython's, with its error messages.
//!
//! What differs: views are one-dimensional (a `cast` to a shape of more dimensions raises
//! `NotImplementedError`); a bytearray with views is not locked against resizing
//! (CPython's `BufferError: Existing exports of data`), so a view of a bytearray that
//! shrank raises `IndexError` where its bytes are gone; `bytearray += view` makes a new
//! bytearray (through the view's `__radd__`) where CPython extends it in place.

use super::native;
use crate::vm::native::NativeObject;
use crate::vm::ops::int_of;
use crate::vm::value::{Args, Instance, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The instance-dict key of a view's state (not a name a program can write as `m.name`).
const STATE: &str = "\u{0}view";

/// What a view sees: `len` items of `format` at `start`, `start + step`, ... in the
/// exporter's bytes.
pub struct View {
    /// The exporting `bytes` or `bytearray` (`m.obj`).
    obj: Value,
    /// The byte offset of item 0.
    start: usize,
    /// The distance between items, in bytes (negative for `m[::-1]`).
    step: isize,
    /// The bytes of one item (1 for the byte formats, 8 for `'d'`...).
    itemsize: usize,
    /// How many items.
    len: usize,
    /// Whether writes are refused (a view of bytes, or `toreadonly()`).
    readonly: bool,
    /// The struct format of an item: a native single-character `struct` code (`B`, `b`,
    /// `c`, `?`, `h`, `H`, `i`, `I`, `l`, `L`, `q`, `Q`, `n`, `N`, `P`, `f`, `d`).
    format: u8,
    /// Whether the format was given as `'@B'` (native, said explicitly): `m.format` keeps it.
    at: bool,
    /// Set by `release()`.
    released: Cell<bool>,
}

impl NativeObject for View {
    fn class_key(&self) -> &'static str {
        "builtins.memoryview.state"
    }

    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok("<memoryview state>".into())
    }
}

impl View {
    /// A new, unreleased view with the same settings.
    fn derive(&self) -> View {
        View {
            obj: self.obj.clone(),
            start: self.start,
            step: self.step,
            itemsize: self.itemsize,
            len: self.len,
            readonly: self.readonly,
            format: self.format,
            at: self.at,
            released: Cell::new(false),
        }
    }

    /// The exporter's byte offset of item `k` (< `len`).
    fn offset(&self, k: usize) -> isize {
        self.start as isize + k as isize * self.step
    }

    /// Run `f` on the exporter's bytes.
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self.obj.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Bytes(b)) => f(b),
            Some(Obj::ByteArray(b)) => f(&b.borrow()),
            _ => f(&[]),
        }
    }

    /// The bytes of item `k`, or `None` where the exporter no longer has them.
    fn item_bytes<'a>(&self, data: &'a [u8], k: usize) -> Option<&'a [u8]> {
        let at = usize::try_from(self.offset(k)).ok()?;
        data.get(at..at.checked_add(self.itemsize)?)
    }

    /// The bytes the view sees, in order.
    fn bytes(&self, vm: &Vm) -> PyResult<Vec<u8>> {
        vm.reserve(self.len.saturating_mul(self.itemsize))?;
        self.with_bytes(|data| {
            let mut out = Vec::with_capacity(self.len * self.itemsize);
            for k in 0..self.len {
                out.extend_from_slice(self.item_bytes(data, k)?);
            }
            Some(out)
        })
        .ok_or_else(|| resized(vm))
    }

    /// Item `k` as a Python value of the view's format.
    fn item(&self, vm: &Vm, k: usize) -> PyResult<Value> {
        self.with_bytes(|data| self.item_bytes(data, k).map(|b| unpack(self.format, b))).ok_or_else(|| resized(vm))
    }

    /// Every item as a Python value.
    fn items(&self, vm: &Vm) -> PyResult<Vec<Value>> {
        vm.reserve_items::<Value>(self.len)?;
        Ok(self.bytes(vm)?.chunks(self.itemsize.max(1)).map(|b| unpack(self.format, b)).collect())
    }

    /// Whether its items are adjacent, in order (`MV_C_CONTIGUOUS`).
    fn contiguous(&self) -> bool {
        self.step == self.itemsize as isize || self.len <= 1
    }

    /// `m.format`: the code, with the `@` it was given with.
    fn format_name(&self) -> String {
        format!("{}{}", if self.at { "@" } else { "" }, self.format as char)
    }
}

/// The size of an item of a native `struct` format (`None`: not one `cast` takes).
fn itemsize_of(code: u8) -> Option<usize> {
    Some(match code {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => 8,
        _ => return None,
    })
}

fn is_byte_format(code: u8) -> bool {
    matches!(code, b'B' | b'b' | b'c')
}

fn is_signed(code: u8) -> bool {
    matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n')
}

/// One item's value from its (native, little-endian) bytes, as `struct.unpack` gives it.
fn unpack(format: u8, b: &[u8]) -> Value {
    let mut raw = [0u8; 8];
    let n = b.len().min(8);
    raw[..n].copy_from_slice(&b[..n]);
    let bits = u64::from_le_bytes(raw);
    match format {
        b'c' => Value::bytes(b.to_vec()),
        b'?' => Value::Bool(bits != 0),
        b'f' => Value::Float(f32::from_bits(bits as u32) as f64),
        b'd' => Value::Float(f64::from_bits(bits)),
        f if is_signed(f) => {
            let shift = 64 - 8 * n.max(1) as u32;
            Value::Int(((bits << shift) as i64) >> shift)
        }
        _ => match i64::try_from(bits) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(num_bigint::BigInt::from(bits))),
        },
    }
}

fn resized(vm: &Vm) -> crate::vm::Fail {
    vm.exc("IndexError", "memoryview: the underlying bytearray shrank (Interleave does not lock it while viewed)")
}

fn released_error(vm: &Vm) -> crate::vm::Fail {
    vm.value_error("operation forbidden on released memoryview object")
}

/// The state of a view value, if it is one (released or not).
fn state(v: &Value) -> Option<Value> {
    v.as_instance().and_then(|i| i.dict.borrow().get(STATE).cloned())
}

/// The live view behind `v` (`args.pos[0]` of a method), or CPython's error.
fn live(vm: &Vm, v: Option<&Value>) -> PyResult<Value> {
    let s = v.and_then(state).ok_or_else(|| vm.type_error("descriptor requires a 'memoryview' object"))?;
    match s.native::<View>() {
        Some(view) if !view.released.get() => Ok(s),
        _ => Err(released_error(vm)),
    }
}

/// Run `f` on the live view of the receiver.
fn with_view<R>(vm: &Vm, a: &Args, f: impl FnOnce(&View) -> PyResult<R>) -> PyResult<R> {
    let s = live(vm, a.pos.first())?;
    let view = s.native::<View>().ok_or_else(|| released_error(vm))?;
    f(view)
}

/// The bytes a memoryview value sees, for the bytes-like arguments of `bytes` methods
/// (`b"".join([m])`, `bytes(m)`); `None` when `v` is not a view.
pub fn view_bytes(vm: &Vm, v: &Value) -> Option<PyResult<Vec<u8>>> {
    let s = state(v)?;
    let view = s.native::<View>()?;
    if view.released.get() {
        return Some(Err(released_error(vm)));
    }
    Some(view.bytes(vm))
}

/// [`view_bytes`] for the uses that take a simple buffer (`PyBUF_SIMPLE`: the bytes
/// methods, `str()`, hashlib): a view with a step raises CPython's `BufferError`.
pub fn contiguous_view_bytes(vm: &Vm, v: &Value) -> Option<PyResult<Vec<u8>>> {
    let s = state(v)?;
    let view = s.native::<View>()?;
    if !view.released.get() && !view.contiguous() {
        return Some(Err(vm.exc("BufferError", "memoryview: underlying buffer is not C-contiguous")));
    }
    view_bytes(vm, v)
}

/// Whether `v` is a live view whose items are not adjacent (`m[::2]`), which the simple
/// buffer uses refuse.
pub fn is_strided(v: &Value) -> bool {
    state(v).is_some_and(|s| s.native::<View>().is_some_and(|view| !view.released.get() && !view.contiguous()))
}

/// A new view value of class `class`.
fn new_view(class: &Value, view: View) -> Value {
    let mut dict = indexmap::IndexMap::new();
    dict.insert(STATE.into(), Value::native_obj(view));
    Value::obj(Obj::Instance(Box::new(Instance { class: class.clone(), dict: RefCell::new(dict), exc: None })))
}

/// `memoryview(object)` (`memoryview_impl`): a view of all of a bytes-like object.
fn construct(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let class = a.pos.remove(0);
    let object = a.take_kw("object");
    if let Some((k, _)) = a.kw.first() {
        return Err(vm.type_error(format!("memoryview() got an unexpected keyword argument '{k}'")));
    }
    if a.pos.len() + object.is_some() as usize > 1 {
        return Err(vm.type_error(format!("memoryview() takes at most 1 argument ({} given)", a.pos.len() + object.is_some() as usize)));
    }
    let Some(object) = a.pos.pop().or(object) else {
        return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"));
    };
    // A view of a view sees what it sees (`mbuf_add_view` of the same buffer).
    if let Some(s) = state(&object) {
        let v = s.native::<View>().ok_or_else(|| released_error(vm))?;
        if v.released.get() {
            return Err(released_error(vm));
        }
        return Ok(new_view(&class, v.derive()));
    }
    let (len, readonly) = match object.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Bytes(b)) => (b.len(), true),
        Some(Obj::ByteArray(b)) => (b.borrow().len(), false),
        _ => {
            let tn = vm.type_name(&object);
            return Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{tn}'")));
        }
    };
    Ok(new_view(&class, View { obj: object, start: 0, step: 1, itemsize: 1, len, readonly, format: b'B', at: false, released: Cell::new(false) }))
}

/// A slice index as `Py_ssize_t` (`_PyEval_SliceIndex`): huge ints clamp.
fn slice_index(vm: &Vm, v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::BigInt(b) => Ok(Some(if num_traits::Signed::is_negative(b.as_ref()) { i64::MIN / 2 } else { i64::MAX / 2 })),
        v => int_of(v).map(Some).ok_or_else(|| vm.type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// `(start, step, count)` of a slice over `n` items (`PySlice_Unpack` and
/// `PySlice_AdjustIndices`).
fn adjust_slice(vm: &Vm, (start, stop, step): (&Value, &Value, &Value), n: usize) -> PyResult<(i64, i64, usize)> {
    let step = slice_index(vm, step)?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let n = n as i64;
    let clamp = |i: i64, lo: i64, hi: i64| -> i64 {
        let i = if i < 0 { i.saturating_add(n) } else { i };
        i.clamp(lo, hi)
    };
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let a = match slice_index(vm, start)? {
        Some(i) => clamp(i, lo, hi),
        None if step > 0 => 0,
        None => n - 1,
    };
    let b = match slice_index(vm, stop)? {
        Some(i) => clamp(i, lo, hi),
        None if step > 0 => n,
        None => -1,
    };
    let count = if step > 0 {
        if b > a { (b - a - 1) / step + 1 } else { 0 }
    } else if a > b {
        (a - b - 1) / (-step) + 1
    } else {
        0
    };
    Ok((a, step, count as usize))
}

/// An index into `n` items (`m[i]`), with CPython's errors.
fn item_index(vm: &Vm, key: &Value, n: usize) -> PyResult<Option<usize>> {
    let i = match key {
        Value::BigInt(_) => return Err(vm.exc("IndexError", "cannot fit 'int' into an index-sized integer")),
        k => match int_of(k) {
            Some(i) => i,
            None => return Ok(None),
        },
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(vm.exc("IndexError", "index out of bounds on dimension 1"));
    }
    Ok(Some(j as usize))
}

fn slice_parts(v: &Value) -> Option<(&Value, &Value, &Value)> {
    match v.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Slice(a, b, c)) => Some((a, b, c)),
        _ => None,
    }
}

/// `m[key]`: an item, or for a slice a view of the same bytes.
fn getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "__getitem__", 2, 2)?;
    let s = live(vm, a.pos.first())?;
    let view = s.native::<View>().ok_or_else(|| released_error(vm))?;
    let key = &a.pos[1];
    if let Some(k) = item_index(vm, key, view.len)? {
        return view.item(vm, k);
    }
    if let Some(parts) = slice_parts(key) {
        let (first, step, count) = adjust_slice(vm, parts, view.len)?;
        let start = if count == 0 { view.start as i64 } else { view.offset(first as usize) as i64 };
        let sub = View { start: start.max(0) as usize, step: (step as isize).saturating_mul(view.step), len: count, ..view.derive() };
        let class = vm.type_of(&a.pos[0]);
        return Ok(new_view(&class, sub));
    }
    // `m[...]` is the view itself.
    if vm.type_name(key).as_ref() == "ellipsis" {
        return Ok(a.pos[0].clone());
    }
    Err(vm.type_error("memoryview: invalid slice key"))
}

/// The bytes an item assignment stores, checked against the view's format as
/// `struct.pack` checks them (`pack_single`), with memoryview's messages.
fn pack(vm: &mut Vm, format: u8, itemsize: usize, v: &Value) -> PyResult<Vec<u8>> {
    let fmt = format as char;
    let invalid_value = |vm: &Vm| vm.value_error(format!("memoryview: invalid value for format '{fmt}'"));
    let invalid_type = |vm: &Vm| vm.type_error(format!("memoryview: invalid type for format '{fmt}'"));
    match format {
        b'c' => match v.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Bytes(b)) if b.len() == 1 => Ok(vec![b[0]]),
            Some(Obj::Bytes(_)) => Err(invalid_value(vm)),
            _ => Err(invalid_type(vm)),
        },
        b'?' => Ok(vec![vm.truthy(v)? as u8]),
        b'f' | b'd' => {
            let x = match v {
                Value::Float(f) => *f,
                Value::Int(_) | Value::Bool(_) => int_of(v).unwrap_or(0) as f64,
                Value::BigInt(b) => match num_traits::ToPrimitive::to_f64(b.as_ref()).filter(|f| f.is_finite()) {
                    Some(f) => f,
                    None => return Err(invalid_value(vm)),
                },
                _ => return Err(invalid_type(vm)),
            };
            Ok(if format == b'f' { (x as f32).to_le_bytes().to_vec() } else { x.to_le_bytes().to_vec() })
        }
        _ => {
            let i: i128 = match v {
                Value::Int(_) | Value::Bool(_) => int_of(v).unwrap_or(0) as i128,
                Value::BigInt(b) => match num_traits::ToPrimitive::to_i128(b.as_ref()) {
                    Some(i) => i,
                    None => return Err(invalid_value(vm)),
                },
                _ => return Err(invalid_type(vm)),
            };
            let bits = 8 * itemsize as u32;
            let (lo, hi) = if is_signed(format) { (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1) } else { (0, (1i128 << bits) - 1) };
            if i < lo || i > hi {
                return Err(invalid_value(vm));
            }
            Ok((i as u64).to_le_bytes()[..itemsize].to_vec())
        }
    }
}

/// Write `data` (whole items) to items `first`, `first + step`, ... of the view.
fn store(vm: &Vm, view: &View, first: usize, step: i64, data: &[u8]) -> PyResult<()> {
    let Some(Obj::ByteArray(b)) = view.obj.as_obj().map(|o| o.as_ref()) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let mut b = b.borrow_mut();
    for (k, item) in data.chunks(view.itemsize.max(1)).enumerate() {
        let index = first as i64 + k as i64 * step;
        let at = usize::try_from(view.offset(index as usize)).ok();
        match at.and_then(|i| b.get_mut(i..i + item.len())) {
            Some(slot) => slot.copy_from_slice(item),
            None => return Err(resized(vm)),
        }
    }
    Ok(())
}

/// `m[key] = value`: one item, or a slice from a buffer of the same format and length
/// (bytes and bytearray are format `'B'`).
fn setitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "__setitem__", 3, 3)?;
    let s = live(vm, a.pos.first())?;
    let view = s.native::<View>().ok_or_else(|| released_error(vm))?;
    if view.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let (key, value) = (&a.pos[1], &a.pos[2]);
    if let Some(k) = item_index(vm, key, view.len)? {
        let data = pack(vm, view.format, view.itemsize, value)?;
        store(vm, view, k, 1, &data)?;
        return Ok(Value::None);
    }
    let Some(parts) = slice_parts(key) else {
        return Err(vm.type_error("memoryview: invalid slice key"));
    };
    let (first, step, count) = adjust_slice(vm, parts, view.len)?;
    let (format, data) = match buffer_items(vm, value) {
        Some(r) => r?,
        None => {
            let tn = vm.type_name(value);
            return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
        }
    };
    if format != view.format || data.len() != count * view.itemsize {
        return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
    }
    store(vm, view, first.max(0) as usize, step, &data)?;
    Ok(Value::None)
}

/// The format and bytes of a buffer (a view, or bytes-like as `'B'`); `None` when `v` is
/// none (or a released view, which compares unequal).
fn buffer_items(vm: &Vm, v: &Value) -> Option<PyResult<(u8, Vec<u8>)>> {
    if let Some(s) = state(v) {
        let view = s.native::<View>()?;
        if view.released.get() {
            return Some(Err(released_error(vm)));
        }
        return Some(view.bytes(vm).map(|b| (view.format, b)));
    }
    v.byte_contents().map(|b| Ok((b'B', b.to_vec())))
}

/// Two items of (possibly) different formats compare as the values they unpack to.
fn same_item(x: &Value, y: &Value) -> bool {
    use num_traits::ToPrimitive;
    let num = |v: &Value| -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(*f),
            Value::BigInt(b) => b.to_f64(),
            _ => None,
        }
    };
    match (x, y) {
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::BigInt(a), Value::BigInt(b)) => a == b,
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => num(x) == num(y),
        _ => match (num(x), num(y)) {
            (Some(a), Some(b)) => a == b,
            _ => match (x.byte_contents(), y.byte_contents()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        },
    }
}

/// `m == other` (`memory_richcompare`): for another buffer, the same shape and equal
/// items, compared as values of each side's format (`'c'` items never equal numbers,
/// `1.0` as `'d'` equals `1` as `'B'`). A released view equals only itself.
fn eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "__eq__", 2, 2)?;
    let not_implemented = vm.builtins.get("NotImplemented").unwrap_or(Value::None);
    let (me, other) = (&a.pos[0], &a.pos[1]);
    if me.is(other) {
        return Ok(Value::Bool(true));
    }
    let Some(s) = state(me) else { return Ok(not_implemented) };
    let Some(view) = s.native::<View>() else { return Ok(not_implemented) };
    if view.released.get() {
        return Ok(Value::Bool(false));
    }
    let (format, data) = match buffer_items(vm, other) {
        None => return Ok(not_implemented),
        Some(Err(_)) => return Ok(Value::Bool(false)),
        Some(Ok(theirs)) => theirs,
    };
    let their_size = itemsize_of(format).unwrap_or(1);
    if data.len() / their_size != view.len {
        return Ok(Value::Bool(false));
    }
    let mine = view.bytes(vm)?;
    if format == view.format {
        return Ok(Value::Bool(mine == data));
    }
    let same = mine
        .chunks(view.itemsize.max(1))
        .zip(data.chunks(their_size))
        .all(|(x, y)| same_item(&unpack(view.format, x), &unpack(format, y)));
    Ok(Value::Bool(same))
}

fn ne(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match eq(vm, a)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

/// `hash(m)` (`memory_hash`): a read-only view of bytes, of a byte format, hashes as the
/// bytes it sees.
fn hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    with_view(vm, &a, |view| {
        if !view.readonly {
            return Err(vm.value_error("cannot hash writable memoryview object"));
        }
        if !is_byte_format(view.format) {
            return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
        }
        // The exporter must be hashable too: a read-only view of a bytearray is not.
        if matches!(view.obj.as_obj().map(|o| o.as_ref()), Some(Obj::ByteArray(_))) {
            return Err(vm.type_error("unhashable type: 'bytearray'"));
        }
        Ok(Value::Int(crate::vm::value::builtin_hash(&Value::bytes(view.bytes(vm)?))))
    })
}

/// `m.tobytes(order=None)`.
fn tobytes(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let order = a.take_kw("order").or_else(|| a.pos.get(1).cloned());
    if let Some((k, _)) = a.kw.first() {
        return Err(vm.type_error(format!("tobytes() got an unexpected keyword argument '{k}'")));
    }
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!("tobytes() takes at most 1 argument ({} given)", a.pos.len() - 1)));
    }
    match &order {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) if matches!(&**s, "C" | "F" | "A") => {}
        Some(Value::Str(_)) => return Err(vm.value_error("order must be 'C', 'F' or 'A'")),
        Some(v) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("tobytes() argument 'order' must be str or None, not {tn}")));
        }
    }
    with_view(vm, &a, |view| Ok(Value::bytes(view.bytes(vm)?)))
}

/// `m.tolist()`: the items as Python values.
fn tolist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "tolist", 1, 1)?;
    with_view(vm, &a, |view| Ok(Value::list(view.items(vm)?)))
}

/// `m.hex(sep, bytes_per_sep)`: as `bytes.hex` of what it sees.
fn hex(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let data = with_view(vm, &a, |view| view.bytes(vm))?;
    a.pos[0] = Value::bytes(data);
    match super::bytes::bytes_method("hex") {
        Some(f) => f(vm, a),
        None => Err(vm.type_error("hex")),
    }
}

/// `m.release()`: the view ends (idempotent, as in CPython).
fn release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "release", 1, 1)?;
    if let Some(v) = a.pos.first().and_then(state) {
        if let Some(view) = v.native::<View>() {
            view.released.set(true);
        }
    }
    Ok(Value::None)
}

/// `with memoryview(b) as m:` (`memory_enter`): the view itself, unless released.
fn enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    live(vm, a.pos.first())?;
    Ok(a.pos[0].clone())
}

/// Leaving the `with` block releases the view; exceptions propagate.
fn exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    release(vm, Args::new(a.pos.into_iter().take(1).collect()))?;
    Ok(Value::None)
}

/// A new view of the same bytes with other settings.
fn derived(vm: &mut Vm, a: &Args, f: impl FnOnce(&View) -> PyResult<View>) -> PyResult<Value> {
    let view = with_view(vm, a, f)?;
    let class = vm.type_of(&a.pos[0]);
    Ok(new_view(&class, view))
}

/// `m.toreadonly()`.
fn toreadonly(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "toreadonly", 1, 1)?;
    derived(vm, &a, |v| Ok(View { readonly: true, ..v.derive() }))
}

/// `m.cast(format, shape=None)` (`memory_cast`, `cast_to_1D`): the same bytes as items
/// of another native format, with CPython's checks in its order.
fn cast(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let format = a.take_kw("format");
    let shape = a.take_kw("shape");
    if let Some((k, _)) = a.kw.first() {
        return Err(vm.type_error(format!("cast() got an unexpected keyword argument '{k}'")));
    }
    let mut rest = a.pos.iter().skip(1).cloned();
    let format = rest.next().or(format);
    let shape = rest.next().or(shape);
    if rest.next().is_some() {
        return Err(vm.type_error(format!("cast() takes at most 2 arguments ({} given)", a.pos.len() - 1)));
    }
    let fmt = match format {
        Some(Value::Str(s)) => s,
        Some(v) => {
            let tn = vm.type_name(&v);
            return Err(vm.type_error(format!("cast() argument 'format' must be str, not {tn}")));
        }
        None => return Err(vm.type_error("cast() missing required argument 'format' (pos 1)")),
    };
    let (source, nbytes) = with_view(vm, &a, |v| {
        if !v.contiguous() {
            return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
        }
        Ok((v.format, v.len * v.itemsize))
    })?;
    let code = fmt.strip_prefix('@').unwrap_or(&fmt);
    let Some((code, itemsize)) = (code.len() == 1).then(|| code.as_bytes()[0]).and_then(|c| itemsize_of(c).map(|n| (c, n))) else {
        return Err(vm.value_error("memoryview: destination format must be a native single character format prefixed with an optional '@'"));
    };
    if !is_byte_format(source) && !is_byte_format(code) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    if nbytes % itemsize != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let len = nbytes / itemsize;
    match &shape {
        None | Some(Value::None) => {}
        Some(s) => {
            let dims = match s.as_obj().map(|o| o.as_ref()) {
                Some(Obj::List(l)) => l.borrow().clone(),
                Some(Obj::Tuple(t)) => t.clone(),
                _ => return Err(vm.type_error("shape must be a list or a tuple")),
            };
            if dims.len() != 1 {
                return Err(vm.exc("NotImplementedError", "memoryview: Interleave's views are one-dimensional"));
            }
            if int_of(&dims[0]) != Some(len as i64) {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
        }
    }
    let at = fmt.starts_with('@');
    derived(vm, &a, |v| Ok(View { format: code, at, itemsize, step: itemsize as isize, len, ..v.derive() }))
}

/// `b"x" + m` (and `bytearray + m`): bytes concatenate a buffer (`bytes_concat`). The
/// VM's bytes `+` knows only bytes and bytearray, so it reaches the view's reflected
/// operand; the result is the left operand's type, as in CPython.
fn radd(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "__radd__", 2, 2)?;
    let Some(left) = a.pos[1].byte_contents() else {
        return Ok(vm.builtins.get("NotImplemented").unwrap_or(Value::None));
    };
    let right = with_view(vm, &a, |view| {
        if !view.contiguous() {
            let tn = vm.type_name(&a.pos[1]);
            return Err(vm.type_error(format!("can't concat memoryview to {tn}")));
        }
        view.bytes(vm)
    })?;
    vm.reserve(left.len().saturating_add(right.len()))?;
    let data = [&left[..], &right[..]].concat();
    Ok(match a.pos[1].as_obj().map(|o| o.as_ref()) {
        Some(Obj::ByteArray(_)) => Value::obj(Obj::ByteArray(RefCell::new(data))),
        _ => Value::bytes(data),
    })
}

fn len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    with_view(vm, &a, |v| Ok(Value::Int(v.len as i64)))
}

fn iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let items = tolist(vm, Args::new(a.pos.into_iter().take(1).collect()))?;
    vm.get_iter(&items)
}

fn delitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    live(vm, a.pos.first())?;
    Err(vm.type_error("cannot delete memory"))
}

/// `repr(m)`: `<memory at 0x...>`, `<released memory at 0x...>`.
fn repr(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(me) = a.pos.first() else { return Ok(Value::str("<memory>")) };
    let released = state(me).is_some_and(|s| s.native::<View>().is_none_or(|v| v.released.get()));
    let addr = me.as_obj().map(super::repr::addr).unwrap_or(0);
    let what = if released { "released memory" } else { "memory" };
    Ok(Value::Str(format!("<{what} at 0x{addr:x}>").into()))
}

/// The data attributes, as properties of the class; each raises once the view is released.
fn attributes() -> Vec<(&'static str, NativeFn)> {
    vec![
        ("obj", |vm, a| with_view(vm, &a, |v| Ok(v.obj.clone()))),
        ("nbytes", |vm, a| with_view(vm, &a, |v| Ok(Value::Int((v.len * v.itemsize) as i64)))),
        ("readonly", |vm, a| with_view(vm, &a, |v| Ok(Value::Bool(v.readonly)))),
        ("format", |vm, a| with_view(vm, &a, |v| Ok(Value::Str(v.format_name().into())))),
        ("itemsize", |vm, a| with_view(vm, &a, |v| Ok(Value::Int(v.itemsize as i64)))),
        ("ndim", |vm, a| with_view(vm, &a, |_| Ok(Value::Int(1)))),
        ("shape", |vm, a| with_view(vm, &a, |v| Ok(Value::tuple(vec![Value::Int(v.len as i64)])))),
        ("strides", |vm, a| with_view(vm, &a, |v| Ok(Value::tuple(vec![Value::Int(v.step as i64)])))),
        ("suboffsets", |vm, a| with_view(vm, &a, |_| Ok(Value::tuple(vec![])))),
        ("c_contiguous", |vm, a| with_view(vm, &a, |v| Ok(Value::Bool(v.contiguous())))),
        ("f_contiguous", |vm, a| with_view(vm, &a, |v| Ok(Value::Bool(v.contiguous())))),
        ("contiguous", |vm, a| with_view(vm, &a, |v| Ok(Value::Bool(v.contiguous())))),
    ]
}

/// Make the `memoryview` class and put it in the builtins.
pub fn install(vm: &mut Vm) {
    let class = crate::vm::types::new_class("memoryview", "builtins", vec![vm.types.object.clone()], None);
    let Some(c) = class.as_class() else { return };
    c.native_new.set(Some(construct));
    let methods: &[(&'static str, NativeFn)] = &[
        ("__len__", len),
        ("__getitem__", getitem),
        ("__setitem__", setitem),
        ("__delitem__", delitem),
        ("__iter__", iter),
        ("__eq__", eq),
        ("__ne__", ne),
        ("__radd__", radd),
        // CPython's memoryview has no `Py_TPFLAGS_BASETYPE`: `class M(memoryview)` fails
        // (here from the hook every new class calls on its base).
        ("__init_subclass__", |vm, _a| Err(vm.type_error("type 'memoryview' is not an acceptable base type"))),
        ("__hash__", hash),
        ("__enter__", enter),
        ("__exit__", exit),
        ("__repr__", repr),
        ("tobytes", tobytes),
        ("tolist", tolist),
        ("hex", hex),
        ("release", release),
        ("toreadonly", toreadonly),
        ("cast", cast),
    ];
    let mut dict = c.dict.borrow_mut();
    for (name, f) in methods {
        dict.insert((*name).into(), native(name, *f));
    }
    // Data attributes are `property` objects (vm::attr's descriptors) around a native getter.
    if let Some(property) = vm.builtins.get("property") {
        for (name, getter) in attributes() {
            let mut d = indexmap::IndexMap::new();
            d.insert(Rc::from("fget"), native(name, getter));
            d.insert(Rc::from("fset"), Value::None);
            d.insert(Rc::from("fdel"), Value::None);
            d.insert(Rc::from("__doc__"), Value::None);
            let p = Value::obj(Obj::Instance(Box::new(Instance { class: property.clone(), dict: RefCell::new(d), exc: None })));
            dict.insert(name.into(), p);
        }
    }
    drop(dict);
    vm.builtins.set("memoryview", class);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(vm: &Vm, a: Value, b: Value, c: Value, n: usize) -> (i64, i64, usize) {
        adjust_slice(vm, (&a, &b, &c), n).ok().unwrap()
    }

    #[test]
    fn slices_adjust_as_pyslice_adjustindices() {
        let vm = Vm::new(Default::default());
        let (none, i) = (Value::None, Value::Int);
        assert_eq!(slice(&vm, none.clone(), none.clone(), none.clone(), 5), (0, 1, 5));
        assert_eq!(slice(&vm, i(1), i(4), none.clone(), 5), (1, 1, 3));
        assert_eq!(slice(&vm, none.clone(), none.clone(), i(-1), 5), (4, -1, 5));
        assert_eq!(slice(&vm, i(4), i(1), i(-2), 5), (4, -2, 2));
        assert_eq!(slice(&vm, i(-100), i(100), i(2), 5), (0, 2, 3));
        assert_eq!(slice(&vm, i(3), i(1), none.clone(), 5), (3, 1, 0));
        assert_eq!(slice(&vm, i(10), none.clone(), none.clone(), 5), (5, 1, 0));
        // A huge step or bound clamps instead of overflowing.
        let huge = Value::BigInt(std::rc::Rc::new(num_bigint::BigInt::from(10).pow(30)));
        assert_eq!(slice(&vm, none.clone(), none.clone(), huge.clone(), 5).2, 1);
        assert_eq!(slice(&vm, none.clone(), huge, none, 5), (0, 1, 5));
    }
}

#[cfg(test)]
mod item_tests {
    use super::*;

    #[test]
    fn items_unpack_as_struct_does_little_endian() {
        assert!(matches!(unpack(b'b', &[0xff]), Value::Int(-1)));
        assert!(matches!(unpack(b'B', &[0xff]), Value::Int(255)));
        assert!(matches!(unpack(b'h', &[0x00, 0x80]), Value::Int(-32768)));
        assert!(matches!(unpack(b'I', &[1, 0, 0, 0]), Value::Int(1)));
        assert!(matches!(unpack(b'q', &[0xff; 8]), Value::Int(-1)));
        assert!(matches!(unpack(b'Q', &[0xff; 8]), Value::BigInt(_)));
        assert!(matches!(unpack(b'd', &1.5f64.to_le_bytes()), Value::Float(f) if f == 1.5));
        assert!(matches!(unpack(b'?', &[2]), Value::Bool(true)));
    }

    #[test]
    fn packing_checks_each_formats_range() {
        let mut vm = Vm::new(Default::default());
        assert_eq!(pack(&mut vm, b'H', 2, &Value::Int(65535)).ok(), Some(vec![0xff, 0xff]));
        assert!(pack(&mut vm, b'H', 2, &Value::Int(65536)).is_err());
        assert_eq!(pack(&mut vm, b'h', 2, &Value::Int(-1)).ok(), Some(vec![0xff, 0xff]));
        assert!(pack(&mut vm, b'h', 2, &Value::Int(32768)).is_err());
        assert!(pack(&mut vm, b'B', 1, &Value::Float(1.0)).is_err());
        assert_eq!(pack(&mut vm, b'd', 8, &Value::Int(2)).ok(), Some(2.0f64.to_le_bytes().to_vec()));
        let max_u64 = Value::BigInt(Rc::new(num_bigint::BigInt::from(u64::MAX)));
        assert_eq!(pack(&mut vm, b'Q', 8, &max_u64).ok(), Some(vec![0xff; 8]));
    }
}
