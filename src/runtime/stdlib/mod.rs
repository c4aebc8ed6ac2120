//! A few standard-library modules learners' concurrency programs reach for: `math`,
//! `random` (CPython's exact generator, over the private `_random`), `heapq`, the most
//! used parts of `collections`, `functools` and `contextlib`, and `concurrent.futures`. Each Python
//! prelude is named after the CPython module it ports.

pub mod hashlib;
pub mod introspect;
pub mod random;
pub mod support;
pub mod weakref;

use crate::builtins::native;
use crate::vm::ops::num;
use crate::vm::value::{Args, NativeFn, Value};
use crate::runtime::modules::{add_submodule, export_all, native_module};
use crate::runtime::run_prelude;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

/// An int's value, also of an instance of an int subclass (`class N(int)`, IntEnum).
fn int_value(v: &Value) -> Option<BigInt> {
    v.to_bigint().or_else(|| crate::vm::value::stand_in_value(v).and_then(|p| p.to_bigint()))
}

fn float_arg(vm: &Vm, a: &Args, i: usize, fname: &str) -> PyResult<f64> {
    // An instance of an int or float subclass (`class N(int)`, an IntEnum member) is its
    // value, as CPython's `PyFloat_AsDouble` reads any int or float.
    let plain = a.pos.get(i).map(|v| crate::vm::value::stand_in_value(v).unwrap_or_else(|| v.clone()));
    match plain.as_ref() {
        Some(v) => match num(v) {
            Some(n) => Ok(n.as_f64()),
            None => match v.to_bigint() {
                Some(b) => Ok(b.to_string().parse().unwrap_or(f64::INFINITY)),
                None => {
                    let tn = vm.type_name(v);
                    Err(vm.type_error(format!("must be real number, not {tn}")))
                }
            },
        },
        None => Err(vm.type_error(format!("{fname}() missing a required argument"))),
    }
}

fn int_arg(vm: &Vm, a: &Args, i: usize) -> PyResult<BigInt> {
    a.pos.get(i).and_then(|v| v.to_bigint()).ok_or_else(|| vm.type_error("'float' object cannot be interpreted as an integer"))
}

/// `math.fsum`: the correctly rounded sum, by Shewchuk's exact partials (the `msum`
/// of CPython's `math_fsum`, including its half-way correction).
fn fsum(xs: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &x0 in xs {
        let mut x = x0;
        if !x.is_finite() {
            // inf and nan: summed apart, as CPython does (inf + -inf is nan).
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        return if inf_sum.is_nan() { f64::NAN } else { special };
    }
    let mut n = partials.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the rest of the partials agree in sign.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    hi
}

/// `math.frexp`: mantissa in [0.5, 1) and exponent, with x = m * 2**e.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// `math.ldexp`: x * 2**e without intermediate overflow or underflow.
fn ldexp(x: f64, e: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let mut r = x;
    let mut e = e.clamp(-2200, 2200);
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    r * 2f64.powi(e)
}

fn math_module(vm: &mut Vm) -> PyResult<()> {
    let m = crate::vm::heap::new_module("math");
    m.set("__name__", Value::str("math"));
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
    let unary: &[(&'static str, NativeFn)] = &[
        ("sqrt", |vm, a| {
            let x = float_arg(vm, &a, 0, "sqrt")?;
            if x < 0.0 {
                return Err(vm.value_error("math domain error"));
            }
            Ok(Value::Float(x.sqrt()))
        }),
        ("exp", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "exp")?.exp()))),
        ("sin", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "sin")?.sin()))),
        ("cos", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "cos")?.cos()))),
        ("tan", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "tan")?.tan()))),
        ("atan", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "atan")?.atan()))),
        ("fabs", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "fabs")?.abs()))),
        ("log2", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "log2")?.log2()))),
        ("log10", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "log10")?.log10()))),
        ("log", |vm, a| {
            let x = float_arg(vm, &a, 0, "log")?;
            if x <= 0.0 {
                return Err(vm.value_error("math domain error"));
            }
            match a.pos.get(1) {
                Some(_) => Ok(Value::Float(x.ln() / float_arg(vm, &a, 1, "log")?.ln())),
                None => Ok(Value::Float(x.ln())),
            }
        }),
        ("floor", |vm, a| {
            if let Some(b) = a.pos.first().and_then(int_value) {
                return Ok(Value::from_bigint(b));
            }
            Ok(Value::int_from_f64(float_arg(vm, &a, 0, "floor")?.floor()))
        }),
        ("ceil", |vm, a| {
            if let Some(b) = a.pos.first().and_then(int_value) {
                return Ok(Value::from_bigint(b));
            }
            Ok(Value::int_from_f64(float_arg(vm, &a, 0, "ceil")?.ceil()))
        }),
        ("trunc", |vm, a| {
            if let Some(b) = a.pos.first().and_then(int_value) {
                return Ok(Value::from_bigint(b));
            }
            Ok(Value::int_from_f64(float_arg(vm, &a, 0, "trunc")?.trunc()))
        }),
        ("isnan", |vm, a| Ok(Value::Bool(float_arg(vm, &a, 0, "isnan")?.is_nan()))),
        ("isinf", |vm, a| Ok(Value::Bool(float_arg(vm, &a, 0, "isinf")?.is_infinite()))),
        ("isfinite", |vm, a| Ok(Value::Bool(float_arg(vm, &a, 0, "isfinite")?.is_finite()))),
        ("pow", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "pow")?.powf(float_arg(vm, &a, 1, "pow")?)))),
        ("hypot", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "hypot")?.hypot(float_arg(vm, &a, 1, "hypot")?)))),
        ("atan2", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "atan2")?.atan2(float_arg(vm, &a, 1, "atan2")?)))),
        ("copysign", |vm, a| Ok(Value::Float(float_arg(vm, &a, 0, "copysign")?.copysign(float_arg(vm, &a, 1, "copysign")?)))),
        ("isclose", |vm, mut a| {
            let rel = a.take_kw("rel_tol").and_then(|v| num(&v)).map(|n| n.as_f64()).unwrap_or(1e-9);
            let abs = a.take_kw("abs_tol").and_then(|v| num(&v)).map(|n| n.as_f64()).unwrap_or(0.0);
            let (x, y) = (float_arg(vm, &a, 0, "isclose")?, float_arg(vm, &a, 1, "isclose")?);
            Ok(Value::Bool(x == y || (x - y).abs() <= (rel * x.abs().max(y.abs())).max(abs)))
        }),
        ("isqrt", |vm, a| {
            let n = int_arg(vm, &a, 0)?;
            if n < BigInt::from(0) {
                return Err(vm.value_error("isqrt() argument must be nonnegative"));
            }
            Ok(Value::from_bigint(n.sqrt()))
        }),
        ("gcd", |vm, a| {
            use num_integer::Integer;
            let mut g = BigInt::from(0);
            for i in 0..a.pos.len() {
                g = g.gcd(&int_arg(vm, &a, i)?);
            }
            Ok(Value::from_bigint(g))
        }),
        ("factorial", |vm, a| {
            let n = int_arg(vm, &a, 0)?;
            if n < BigInt::from(0) {
                return Err(vm.value_error("factorial() not defined for negative values"));
            }
            let n: u64 = n.try_into().map_err(|_| vm.exc("OverflowError", "factorial() argument should not exceed 20000"))?;
            if n > 20_000 {
                return Err(vm.exc("OverflowError", "factorial() argument should not exceed 20000"));
            }
            let mut r = BigInt::from(1);
            for k in 2..=n {
                r *= k;
            }
            Ok(Value::from_bigint(r))
        }),
        ("prod", |vm, a| {
            let items = vm.iterate(a.pos.first().unwrap_or(&Value::None))?;
            let mut acc = Value::Int(1);
            for i in items {
                acc = vm.binary(crate::compiler::code::BinOp::Mul, &acc, &i)?;
            }
            Ok(acc)
        }),
        ("fsum", |vm, a| {
            let items = vm.iterate(a.pos.first().unwrap_or(&Value::None))?;
            let mut xs = Vec::with_capacity(items.len());
            for i in items {
                match num(&i) {
                    Some(n) => xs.push(n.as_f64()),
                    None => {
                        let tn = vm.type_name(&i);
                        return Err(vm.type_error(format!("must be real number, not {tn}")));
                    }
                }
            }
            Ok(Value::Float(fsum(&xs)))
        }),
        ("frexp", |vm, a| {
            let (m, e) = frexp(float_arg(vm, &a, 0, "frexp")?);
            Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
        }),
        ("ldexp", |vm, a| {
            let x = float_arg(vm, &a, 0, "ldexp")?;
            let e = int_arg(vm, &a, 1)?;
            let neg = e.sign() == num_bigint::Sign::Minus;
            let e: i32 = e.try_into().unwrap_or(if neg { -100_000 } else { 100_000 });
            let r = ldexp(x, e);
            if r.is_infinite() && x.is_finite() {
                return Err(vm.exc("OverflowError", "math range error"));
            }
            Ok(Value::Float(r))
        }),
    ];
    for (name, f) in unary {
        m.set(name, native(name, *f));
    }
    vm.add_module(m);
    Ok(())
}

/// `_random`: the Mersenne Twister that `random.py` draws from.
fn private_random_module(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("seed", |vm, a| {
            let words = match a.pos.first() {
                None | Some(Value::None) => vec![0],
                Some(Value::Str(s)) => {
                    let b = BigInt::from_bytes_be(num_bigint::Sign::Plus, s.as_bytes());
                    b.magnitude().to_u32_digits()
                }
                Some(Value::Float(f)) => vec![f.to_bits() as u32, (f.to_bits() >> 32) as u32],
                Some(v) => match v.to_bigint() {
                    Some(b) => b.magnitude().to_u32_digits(),
                    None => {
                        let tn = vm.type_name(v);
                        return Err(vm.type_error(format!("The only supported seed types are: None, int, float, str (not {tn})")));
                    }
                },
            };
            vm.rt.random = random::Mt::from_words(words);
            Ok(Value::None)
        }),
        ("random", |vm, _a| Ok(Value::Float(vm.rt.random.random()))),
        ("getrandbits", |vm, a| {
            let k = a.pos.first().and_then(crate::vm::ops::int_of).unwrap_or(0).max(0) as u32;
            let words = vm.rt.random.getrandbits(k);
            Ok(Value::from_bigint(BigInt::from_slice(num_bigint::Sign::Plus, &words)))
        }),
        // The system generator's bits (see `Runtime::system_random`).
        ("system_getrandbits", |vm, a| {
            let k = a.pos.first().and_then(crate::vm::ops::int_of).unwrap_or(0).max(0) as u32;
            let words = vm.rt.system_random.getrandbits(k);
            Ok(Value::from_bigint(BigInt::from_slice(num_bigint::Sign::Plus, &words)))
        }),
    ];
    vm.add_module(native_module("_random", fns));
    Ok(())
}

fn random_module(vm: &mut Vm) -> PyResult<()> {
    let m = crate::vm::heap::new_module("random");
    m.set("__name__", Value::str("random"));
    vm.add_module(m.clone());
    run_prelude(vm, m, include_str!("random.py"), "<random>")
}

/// A module that is all Python.
fn python_module(vm: &mut Vm, name: &str, source: &'static str, filename: &'static str) -> PyResult<()> {
    let m = crate::vm::heap::new_module(name);
    m.set("__name__", Value::str(name));
    vm.add_module(m.clone());
    run_prelude(vm, m, source, filename)
}

/// `codecs` (`codecs.py`), over the codecs `str.encode` knows (`builtins::bytes`).
fn codecs_module(vm: &mut Vm) -> PyResult<()> {
    let m = crate::vm::heap::new_module("codecs");
    m.set("__name__", Value::str("codecs"));
    m.set(
        "_codec_name",
        crate::builtins::native("_codec_name", |vm, a| {
            crate::builtins::arity(vm, &a, "lookup", 1, 1)?;
            match &a.pos[0] {
                Value::Str(s) => crate::builtins::bytes::codec_name(vm, s).map(Value::str),
                v => {
                    let tn = vm.type_name(v);
                    Err(vm.type_error(format!("lookup() argument must be str, not {tn}")))
                }
            }
        }),
    );
    vm.add_module(m.clone());
    run_prelude(vm, m, include_str!("codecs.py"), "<codecs>")
}

fn heapq_module(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("heappush", |vm, a| {
            crate::builtins::arity(vm, &a, "heappush", 2, 2)?;
            crate::builtins::heap::push(vm, &a.pos[0], a.pos[1].clone()).map(|_| Value::None)
        }),
        ("heappop", |vm, a| {
            crate::builtins::arity(vm, &a, "heappop", 1, 1)?;
            crate::builtins::heap::pop(vm, &a.pos[0])
        }),
    ];
    vm.add_module(native_module("heapq", fns));
    Ok(())
}

/// The parts of `concurrent.futures`, in the order they run, with their sources.
const FUTURES_PARTS: &[(&str, &str, &str)] = &[
    ("concurrent.futures._base", include_str!("concurrent_futures/_base.py"), "<concurrent.futures._base>"),
    ("concurrent.futures.thread", include_str!("concurrent_futures/thread.py"), "<concurrent.futures.thread>"),
    ("concurrent.futures.process", include_str!("concurrent_futures/process.py"), "<concurrent.futures.process>"),
];

/// `concurrent` (a package) and `concurrent.futures`, made of CPython's three parts.
fn concurrent_package(vm: &mut Vm) -> PyResult<()> {
    let concurrent = crate::vm::heap::new_module("concurrent");
    concurrent.set("__name__", Value::str("concurrent"));
    vm.add_module(concurrent.clone());
    let futures = crate::vm::heap::new_module("concurrent.futures");
    futures.set("__name__", Value::str("concurrent.futures"));
    add_submodule(vm, &concurrent, futures.clone());
    for (name, source, filename) in FUTURES_PARTS {
        let part = crate::vm::heap::new_module(name);
        part.set("__name__", Value::str(name));
        run_prelude(vm, part.clone(), source, filename)?;
        export_all(vm, &part, &futures)?;
        add_submodule(vm, &futures, part);
    }
    Ok(())
}

/// `atexit`'s functions, at the interpreter's exit (if the program imported `atexit`,
/// directly or through `weakref.finalize`).
pub fn run_atexit(vm: &mut Vm) -> PyResult<()> {
    let Some(m) = vm.modules.get("atexit").cloned() else { return Ok(()) };
    let f = vm.get_attr(&m, "_run_exitfuncs")?;
    vm.call_sync(&f, vec![]).map(|_| ())
}

/// The base `class X(int)` gets (`int_base.py`: the VM's `builtin_base` hook), and those
/// of `str`, `tuple`, `list`, `dict`, `set`, `frozenset`, `float` and `bytes`
/// (`builtin_bases.py`); other built-in classes cannot be subclassed.
pub fn builtin_base(vm: &mut Vm, class: &Value) -> PyResult<Option<Value>> {
    if class.is(&vm.types.int) {
        let m = vm.import("_interleave_int")?;
        return vm.get_attr(&m, "int").map(Some);
    }
    let t = &vm.types;
    let name = [
        (&t.str_, "str"),
        (&t.tuple, "tuple"),
        (&t.list, "list"),
        (&t.dict, "dict"),
        (&t.set, "set"),
        (&t.frozenset, "frozenset"),
        (&t.float, "float"),
        (&t.bytes, "bytes"),
    ]
    .into_iter()
    .find(|(c, _)| class.is(c))
    .map(|(_, n)| n);
    let Some(name) = name else { return Ok(None) };
    let m = vm.import("_interleave_builtin_bases")?;
    vm.get_attr(&m, name).map(Some)
}

/// Make the standard-library modules importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("math", math_module);
    vm.register_loader("random", random_module);
    vm.register_loader("_random", private_random_module);
    vm.register_loader("heapq", heapq_module);
    vm.register_loader("collections", |vm| python_module(vm, "collections", include_str!("collections.py"), "<collections>"));
    vm.register_loader("functools", |vm| python_module(vm, "functools", include_str!("functools.py"), "<functools>"));
    vm.register_loader("concurrent", concurrent_package);
    vm.register_loader("contextlib", |vm| python_module(vm, "contextlib", include_str!("contextlib.py"), "<contextlib>"));
    support::install(vm);
    introspect::install(vm);
    vm.register_loader("logging", |vm| python_module(vm, "logging", include_str!("logging.py"), "<logging>"));
    vm.register_loader("traceback", |vm| python_module(vm, "traceback", include_str!("traceback.py"), "<traceback>"));
    vm.register_loader("dataclasses", |vm| python_module(vm, "dataclasses", include_str!("dataclasses.py"), "<dataclasses>"));
    vm.register_loader("itertools", |vm| python_module(vm, "itertools", include_str!("itertools.py"), "<itertools>"));
    vm.register_loader("operator", |vm| python_module(vm, "operator", include_str!("operator.py"), "<operator>"));
    vm.register_loader("datetime", |vm| python_module(vm, "datetime", include_str!("datetime.py"), "<datetime>"));
    vm.register_loader("bisect", |vm| python_module(vm, "bisect", include_str!("bisect.py"), "<bisect>"));
    vm.register_loader("string", |vm| python_module(vm, "string", include_str!("string.py"), "<string>"));
    vm.register_loader("os", |vm| python_module(vm, "os", include_str!("os.py"), "<os>"));
    vm.register_loader("fractions", |vm| python_module(vm, "fractions", include_str!("fractions.py"), "<fractions>"));
    vm.register_loader("statistics", |vm| python_module(vm, "statistics", include_str!("statistics.py"), "<statistics>"));
    vm.register_loader("textwrap", |vm| python_module(vm, "textwrap", include_str!("textwrap.py"), "<textwrap>"));
    vm.register_loader("abc", |vm| python_module(vm, "abc", include_str!("abc.py"), "<abc>"));
    vm.register_loader("enum", |vm| python_module(vm, "enum", include_str!("enum.py"), "<enum>"));
    vm.register_loader("typing", |vm| python_module(vm, "typing", include_str!("typing.py"), "<typing>"));
    weakref::install(vm);
    hashlib::install(vm);
    vm.register_loader("weakref", |vm| python_module(vm, "weakref", include_str!("weakref.py"), "<weakref>"));
    vm.register_loader("atexit", |vm| python_module(vm, "atexit", include_str!("atexit.py"), "<atexit>"));
    vm.register_loader("ctypes", |vm| python_module(vm, "ctypes", include_str!("ctypes.py"), "<ctypes>"));
    vm.register_loader("uuid", |vm| python_module(vm, "uuid", include_str!("uuid.py"), "<uuid>"));
    vm.register_loader("secrets", |vm| python_module(vm, "secrets", include_str!("secrets.py"), "<secrets>"));
    vm.register_loader("codecs", codecs_module);
    vm.register_loader("_contextvars", |vm| {
        let fns: &[(&'static str, NativeFn)] = &[
            // The running thread's (or task step's) current context, or None.
            ("get", |vm, _a| Ok(vm.rt.context.clone().unwrap_or(Value::None))),
            ("set", |vm, a| {
                let c = a.pos.first().cloned().unwrap_or(Value::None);
                vm.rt.context = if c.is_none() { None } else { Some(c) };
                Ok(Value::None)
            }),
        ];
        vm.add_module(native_module("_contextvars", fns));
        Ok(())
    });
    vm.register_loader("contextvars", |vm| python_module(vm, "contextvars", include_str!("contextvars.py"), "<contextvars>"));
    vm.register_loader("_interleave_value_ops", |vm| python_module(vm, "_interleave_value_ops", include_str!("value_ops.py"), "<value_ops>"));
    vm.register_loader("_interleave_builtin_bases", |vm| {
        python_module(vm, "_interleave_builtin_bases", include_str!("builtin_bases.py"), "<builtin_bases>")
    });
    vm.register_loader("_interleave_int", |vm| python_module(vm, "_interleave_int", include_str!("int_base.py"), "<int>"));
    vm.register_loader("warnings", |vm| python_module(vm, "warnings", include_str!("warnings.py"), "<warnings>"));
    vm.register_loader("copy", |vm| python_module(vm, "copy", include_str!("copy.py"), "<copy>"));
    vm.register_loader("gc", |vm| python_module(vm, "gc", include_str!("gc.py"), "<gc>"));
    vm.register_loader("argparse", |vm| python_module(vm, "argparse", include_str!("argparse.py"), "<argparse>"));
    vm.register_loader("selectors", |vm| python_module(vm, "selectors", include_str!("selectors.py"), "<selectors>"));
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    fn outputs(src: &str) -> (i32, String, String) {
        let r = run(src, &RunOptions::default());
        (r.exit_code, r.stdout(false), r.stderr())
    }

    #[test]
    fn logging_writes_to_stderr_by_default_as_cpython() {
        let (code, out, err) = outputs(
            "import logging\nlogging.info('hidden')\nlogging.warning('%s!', 'careful')\nlogging.getLogger('a.b').error('bad')\nprint('out')\n",
        );
        assert_eq!((code, out.as_str()), (0, "out\n"));
        assert_eq!(err, "WARNING:root:careful!\nERROR:a.b:bad\n");
    }

    /// `warnings.warn` writes CPython's two lines on stderr, once per place under the
    /// default filters.
    #[test]
    fn a_warning_shows_its_place_and_source_line_once() {
        let (code, out, err) = outputs("import warnings\nfor i in range(3):\n    warnings.warn('careful')\nprint('ok')\n");
        assert_eq!((code, out.as_str()), (0, "ok\n"));
        assert_eq!(err, "prog.py:3: UserWarning: careful\n  warnings.warn('careful')\n");
    }

    #[test]
    fn logging_without_handlers_falls_back_to_the_last_resort() {
        let (_, _, err) = outputs("import logging\nlogging.getLogger('x').warning('just the message')\n");
        assert_eq!(err, "just the message\n");
    }

    #[test]
    fn exc_info_sees_the_exception_handled_by_a_caller() {
        let src = "\
import sys, traceback
def show():
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb)
try:
    raise ValueError('boom')
except ValueError:
    show()
    print(traceback.format_exc().splitlines()[-1])
print(sys.exc_info())
";
        let (code, out, err) = outputs(src);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "ValueError boom None\nValueError: boom\n(None, None, None)\n");
    }

    /// Interleave's asyncio.Queue is native and never calls `_put`/`_get`/`_init`: a
    /// subclass that overrides them is refused at its class statement, naming what to do,
    /// rather than silently ignored.
    #[test]
    fn an_asyncio_queue_subclass_overriding_put_hooks_is_refused_clearly() {
        let (code, _, err) = outputs("import asyncio\nclass Q(asyncio.Queue):\n    def _put(self, item):\n        pass\n");
        assert_eq!(code, 1);
        assert!(err.trim_end().ends_with(
            "TypeError: Q._put: Interleave's Queue is native and does not call _init/_put/_get overrides; override put/get (or subclass queue.Queue, which does)"
        ), "{err}");
    }

    /// The built-in types Interleave still cannot extend say so; those CPython refuses get
    /// CPython's message.
    #[test]
    fn unsupported_and_refused_builtin_bases_name_the_type() {
        let (code, _, err) = outputs("class B(bytearray):\n    pass\n");
        assert_eq!(code, 1);
        assert!(err.trim_end().ends_with("TypeError: subclassing the built-in type 'bytearray' is not supported in Interleave"), "{err}");
        let (code, _, err) = outputs("class B(bool):\n    pass\n");
        assert_eq!(code, 1);
        assert!(err.trim_end().ends_with("TypeError: type 'bool' is not an acceptable base type"), "{err}");
    }

    /// A subclass instance of a native class prints under its own name (the native
    /// object's repr, whose class name is replaced; CPython's reprs read `type(self)`).
    #[test]
    fn native_subclass_reprs_name_the_subclass() {
        let (code, out, err) = outputs(
            "import asyncio\nclass L(asyncio.Lock):\n    pass\nclass Q(asyncio.LifoQueue):\n    pass\nasync def main():\n    print(L(), Q(maxsize=1))\nasyncio.run(main())\n",
        );
        assert_eq!((code, out.as_str()), (0, "<__main__.L object [unlocked]> <Q maxsize=1>\n"), "{err}");
    }
}
