//! `hashlib` (CPython 3.11's `Lib/hashlib.py` over `Modules/_hashopenssl.c`): the
//! constructors `md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512` and `new(name)`,
//! each making a `_hashlib.HASH` object with `update`, `digest`, `hexdigest`, `copy`,
//! `name`, `digest_size` and `block_size`. The digests are RustCrypto's (pure Rust, so
//! they run in the browser too). The other algorithms CPython guarantees (`blake2b`,
//! `sha3_*`, `shake_*`) are missing: `hashlib.new` says "unsupported hash type", as
//! CPython does for a name OpenSSL lacks.

use crate::runtime::modules::native_module;
use crate::vm::native::{m, NativeObject};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

/// The state of one running digest.
#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl State {
    /// A fresh state for the algorithm named `name` (lower case, as `hashlib.new` takes
    /// it case-insensitively).
    fn new(name: &str) -> Option<State> {
        use sha2::Digest as _;
        Some(match name {
            "md5" => State::Md5(<md5::Md5 as md5::Digest>::new()),
            "sha1" => State::Sha1(<sha1::Sha1 as sha1::Digest>::new()),
            "sha224" => State::Sha224(sha2::Sha224::new()),
            "sha256" => State::Sha256(sha2::Sha256::new()),
            "sha384" => State::Sha384(sha2::Sha384::new()),
            "sha512" => State::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    /// `name`, `digest_size`, `block_size`.
    fn info(&self) -> (&'static str, i64, i64) {
        match self {
            State::Md5(_) => ("md5", 16, 64),
            State::Sha1(_) => ("sha1", 20, 64),
            State::Sha224(_) => ("sha224", 28, 64),
            State::Sha256(_) => ("sha256", 32, 64),
            State::Sha384(_) => ("sha384", 48, 128),
            State::Sha512(_) => ("sha512", 64, 128),
        }
    }

    fn update(&mut self, data: &[u8]) {
        use sha2::Digest as _;
        match self {
            State::Md5(h) => md5::Digest::update(h, data),
            State::Sha1(h) => sha1::Digest::update(h, data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    /// The digest of what was fed so far; the state goes on (a copy is finalized).
    fn digest(&self) -> Vec<u8> {
        use sha2::Digest as _;
        match self.clone() {
            State::Md5(h) => md5::Digest::finalize(h).to_vec(),
            State::Sha1(h) => sha1::Digest::finalize(h).to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// A `_hashlib.HASH` object.
pub struct Hash {
    state: RefCell<State>,
}

/// The data to hash: bytes-like (a memoryview too); a str must be encoded first, as CPython says.
fn data_arg(vm: &Vm, v: &Value) -> PyResult<std::rc::Rc<[u8]>> {
    match crate::builtins::bytes::contents(vm, v) {
        Some(d) => d,
        None if matches!(v, Value::Str(_)) => Err(vm.type_error("Strings must be encoded before hashing")),
        None => Err(vm.type_error("object supporting the buffer API required")),
    }
}

fn this(a: &Args) -> Option<std::rc::Rc<Obj>> {
    a.pos.first().and_then(|v| v.as_obj()).cloned()
}

impl NativeObject for Hash {
    fn class_key(&self) -> &'static str {
        "_hashlib.HASH"
    }

    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        Some(match name {
            "update" => m("update", |vm, a| {
                if a.pos.len() != 2 || !a.kw.is_empty() {
                    return Err(vm.type_error(format!("HASH.update() takes exactly one argument ({} given)", a.pos.len().saturating_sub(1))));
                }
                let data = data_arg(vm, &a.pos[1])?;
                vm.charge(data.len())?;
                if let Some(h) = this(&a).as_deref().and_then(|o| o.native::<Hash>()) {
                    h.state.borrow_mut().update(&data);
                }
                Ok(Value::None)
            }),
            "digest" => m("digest", |_vm, a| {
                let d = this(&a).as_deref().and_then(|o| o.native::<Hash>()).map(|h| h.state.borrow().digest()).unwrap_or_default();
                Ok(Value::bytes(d))
            }),
            "hexdigest" => m("hexdigest", |_vm, a| {
                let d = this(&a).as_deref().and_then(|o| o.native::<Hash>()).map(|h| h.state.borrow().digest()).unwrap_or_default();
                Ok(Value::Str(d.iter().map(|b| format!("{b:02x}")).collect::<String>().into()))
            }),
            "copy" => m("copy", |_vm, a| {
                let state = this(&a).as_deref().and_then(|o| o.native::<Hash>()).map(|h| h.state.borrow().clone());
                Ok(state.map(|s| Value::native_obj(Hash { state: RefCell::new(s) })).unwrap_or(Value::None))
            }),
            _ => return None,
        })
    }

    fn attr(&self, _vm: &mut Vm, _me: &Value, name: &str) -> Option<Value> {
        let (algo, digest_size, block_size) = self.state.borrow().info();
        Some(match name {
            "name" => Value::str(algo),
            "digest_size" => Value::Int(digest_size),
            "block_size" => Value::Int(block_size),
            _ => return None,
        })
    }

    fn repr(&self, _vm: &mut Vm, me: &Value) -> PyResult<String> {
        let addr = me.as_obj().map(|o| std::rc::Rc::as_ptr(o) as *const u8 as usize).unwrap_or(0);
        Ok(format!("<{} _hashlib.HASH object @ 0x{addr:x}>", self.state.borrow().info().0))
    }
}

/// A new hash of `algo`, fed the optional initial data (positional, or the keyword
/// `string` as OpenSSL's constructors take it).
fn make(vm: &mut Vm, algo: &str, fname: &str, mut a: Args, skip: usize) -> PyResult<Value> {
    let string = a.take_kw("string");
    let _ = a.take_kw("usedforsecurity");
    if let Some((k, _)) = a.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {fname}()")));
    }
    let given = a.pos.len().saturating_sub(skip);
    if given > 1 {
        return Err(vm.type_error(format!("{fname}() takes at most 1 positional argument ({given} given)")));
    }
    let Some(mut state) = State::new(algo) else {
        return Err(vm.value_error(format!("unsupported hash type {algo}")));
    };
    if let Some(v) = a.pos.get(skip).cloned().or(string) {
        let data = data_arg(vm, &v)?;
        vm.charge(data.len())?;
        state.update(&data);
    }
    Ok(Value::native_obj(Hash { state: RefCell::new(state) }))
}

/// Make `hashlib` (and its `_hashlib`, for the class) importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("hashlib", load);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let class = crate::vm::types::new_class("HASH", "_hashlib", vec![vm.types.object.clone()], None);
    vm.register_native_class("_hashlib.HASH", class, None);
    let fns: &[(&'static str, NativeFn)] = &[
        ("md5", |vm, a| make(vm, "md5", "openssl_md5", a, 0)),
        ("sha1", |vm, a| make(vm, "sha1", "openssl_sha1", a, 0)),
        ("sha224", |vm, a| make(vm, "sha224", "openssl_sha224", a, 0)),
        ("sha256", |vm, a| make(vm, "sha256", "openssl_sha256", a, 0)),
        ("sha384", |vm, a| make(vm, "sha384", "openssl_sha384", a, 0)),
        ("sha512", |vm, a| make(vm, "sha512", "openssl_sha512", a, 0)),
        // `hashlib.new(name, data=b'')` (`__hash_new`): the name is case-insensitive.
        ("new", |vm, mut a| {
            let name = match a.take_kw("name").or_else(|| (!a.pos.is_empty()).then(|| a.pos.remove(0))) {
                Some(Value::Str(s)) => s.to_ascii_lowercase(),
                Some(_) => return Err(vm.type_error("name must be a string")),
                None => return Err(vm.type_error("__hash_new() missing 1 required positional argument: 'name'")),
            };
            if let Some(d) = a.take_kw("data") {
                a.pos.insert(0, d);
            }
            make(vm, &name, "new", a, 0)
        }),
    ];
    let module = native_module("hashlib", fns);
    let names = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];
    let set = vm.new_set(names.iter().map(|n| Value::str(n)).collect())?;
    let frozen = match set.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Set(s)) => Value::obj(Obj::FrozenSet(RefCell::new(s.borrow().clone()))),
        _ => set.clone(),
    };
    module.set("algorithms_guaranteed", frozen);
    module.set("algorithms_available", set);
    module.set("__all__", Value::tuple(["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "new", "algorithms_guaranteed", "algorithms_available"].iter().map(|n| Value::str(n)).collect()));
    vm.add_module(module);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::State;

    fn hex(algo: &str, data: &[u8]) -> String {
        let mut s = State::new(algo).unwrap();
        s.update(data);
        s.digest().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The digests of `b"abc"` from FIPS 180 and RFC 1321.
    #[test]
    fn digests_match_the_standards_vectors() {
        assert_eq!(hex("md5", b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hex("sha1", b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex("sha256", b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(&hex("sha512", b"")[..16], "cf83e1357eefb8bd");
    }
}
