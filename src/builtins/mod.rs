//! Built-in functions and the constructors of the built-in types: `install` fills
//! the builtins namespace, `constructors` builds values when a built-in type is
//! called (`int("3")`, `dict(a=1)`) and answers its class attributes, `functions`
//! holds `print`, `len`, `sorted` and the other built-in functions; the helpers
//! here are shared by all of them and by the runtime's native modules.

pub mod bytes;
mod constructors;
pub mod format;
mod functions;
pub mod heap;
mod install;
pub mod memoryview;
mod methods;
pub mod repr;
mod sort;
mod str_extra;
mod str_search;
pub mod unprintable;

pub use constructors::{base_method, construct, parse_int, type_attr, IntParseError};
pub use functions::round_int;
pub use sort::sort_values;
pub use install::install;
pub use methods::value_method;

use crate::vm::value::{Args, Builtin, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};

/// A native function value.
pub fn native(name: &'static str, f: NativeFn) -> Value {
    Value::obj(Obj::Builtin(Builtin { name, f, recv: None, unbound: None }))
}

/// Check the number of positional arguments, with CPython's wording.
pub fn arity(vm: &Vm, args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name}() takes exactly {min} arguments ({n} given)"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// `operator.index(v)` for an instance with `__index__` (an `int` subclass' instance, an
/// IntEnum member): the int it gives; any other value as it is.
pub fn index_value(vm: &mut crate::vm::Vm, v: &crate::vm::value::Value) -> crate::vm::PyResult<crate::vm::value::Value> {
    if let Some(inst) = v.as_instance() {
        let class = inst.class.clone();
        if let Some(f) = vm.class_lookup(&class, "__index__") {
            return vm.call_sync(&f, vec![v.clone()]);
        }
    }
    Ok(v.clone())
}
