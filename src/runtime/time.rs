//! The `time` module on the virtual clock.
//!
//! `time.time()`, `monotonic()` and `perf_counter()` all read the virtual clock, which
//! starts at 0.0. `time.thread_time()` and `process_time()` read the CPU time the cost
//! model charged the calling thread (or its process's threads): sleeping and waiting
//! add nothing. `time.sleep(d)` is blocking: it moves the clock forward by `d` and
//! nothing else runs meanwhile, which is exactly the guide's lesson about calling it in
//! async code (the event loop, and every other task, stalls).
//!
//! The calendar functions (`localtime`, `gmtime`, `strftime`, `ctime`, `struct_time`)
//! are a Python prelude, `stdlib/time_calendar.py`: the clock's 0.0 is the Unix epoch,
//! 1970-01-01 00:00:00 UTC, and the run's time zone is UTC (the oracle runs CPython so).

use crate::builtins::native;
use crate::trace::EventKind;
use crate::vm::ops::num;
use crate::vm::value::Value;
use crate::vm::{PyResult, Vm};

fn now(vm: &mut Vm, _a: crate::vm::value::Args) -> PyResult<Value> {
    Ok(Value::Float(vm.rt.now))
}

fn now_ns(vm: &mut Vm, _a: crate::vm::value::Args) -> PyResult<Value> {
    Ok(Value::Int((vm.rt.now * 1e9).round() as i64))
}

/// `time.thread_time()` (`process`: `time.process_time()`), in seconds or (`ns`) integer
/// nanoseconds: the CPU time the cost model charged the calling thread (or every thread of
/// its process): every instruction it ran, nothing for sleeping or waiting.
fn cpu_time(vm: &mut Vm, a: &crate::vm::value::Args, name: &str, process: bool, ns: bool) -> PyResult<Value> {
    crate::builtins::arity(vm, a, name, 0, 0)?;
    let w = &vm.rt.world;
    let secs = if process { w.process_cpu() } else { w.thread_cpu() };
    Ok(if ns { Value::Int((secs * 1e9).round() as i64) } else { Value::Float(secs) })
}

fn sleep(vm: &mut Vm, a: crate::vm::value::Args) -> PyResult<Value> {
    crate::builtins::arity(vm, &a, "sleep", 1, 1)?;
    let secs = match num(&a.pos[0]) {
        Some(n) => n.as_f64(),
        None => {
            let tn = vm.type_name(&a.pos[0]);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let task = vm.rt.current_task_id();
    vm.record(EventKind::Blocking { task, line: 0, seconds: secs });
    Ok(crate::runtime::threads::blocking::sleep(vm, secs))
}

/// Make `time` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("time", load);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let m = crate::vm::heap::new_module("time");
    m.set("__name__", Value::str("time"));
    for name in ["time", "monotonic", "perf_counter"] {
        m.set(name, native(name, now));
    }
    for name in ["time_ns", "monotonic_ns", "perf_counter_ns"] {
        m.set(name, native(name, now_ns));
    }
    m.set("sleep", native("sleep", sleep));
    m.set("thread_time", native("thread_time", |vm, a| cpu_time(vm, &a, "time.thread_time", false, false)));
    m.set("thread_time_ns", native("thread_time_ns", |vm, a| cpu_time(vm, &a, "time.thread_time_ns", false, true)));
    m.set("process_time", native("process_time", |vm, a| cpu_time(vm, &a, "time.process_time", true, false)));
    m.set("process_time_ns", native("process_time_ns", |vm, a| cpu_time(vm, &a, "time.process_time_ns", true, true)));
    vm.add_module(m.clone());
    super::run_prelude(vm, m, include_str!("stdlib/time_calendar.py"), "<time>")
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    #[test]
    fn thread_time_counts_the_cost_models_cpu_not_the_clock() {
        // At 1 ms a unit, a loop's CPU shows in thread_time; a 5 s sleep does not.
        let options = RunOptions { cpu_rate: Some(0.001), ..RunOptions::default() };
        let src = "import time, threading\n\
                   a = time.thread_time()\ntime.sleep(5)\nb = time.thread_time()\n\
                   for i in range(100):\n    pass\nc = time.thread_time()\n\
                   print(b - a < 0.1, c - b > 0.1)\n\
                   r = []\n\
                   def w():\n    t0 = time.thread_time()\n    time.sleep(1)\n    r.append(time.thread_time() - t0)\n\
                   p0 = time.process_time()\nt = threading.Thread(target=w)\nt.start()\nt.join()\n\
                   print(r[0] < 0.1, time.process_time() - p0 < 1)\n";
        let r = run(src, &options);
        assert_eq!(r.exit_code, 0, "{}", r.error_text);
        assert_eq!(r.stdout(false), "True True\nTrue True\n");
    }
}
