//! The run's heap registry: breaking reference cycles when a run ends.
//!
//! Values are `Rc`, so a reference cycle (`a = []; a.append(a)`, a function and the module
//! globals that hold it, a class and its own MRO, a task and the coroutine that names it)
//! is never freed by reference counting. CPython frees such cycles with its cyclic garbage
//! collector (`Modules/gcmodule.c`); here a run's cycles are broken all at once when the
//! run ends: the browser's worker and the fuzzer run every program in one process, and
//! each run would otherwise leave its cycles behind for good.
//!
//! Every object whose references can change after it is made (a list, dict, set, cell,
//! instance, class, coroutine, generator, native awaitable, runtime object, module) is
//! noted here with a weak reference when it is made. A cycle must pass through at least
//! one such object (an object whose references are fixed at creation can only refer to
//! older objects), so clearing the contents of every one still alive at the end of the
//! run ([`end_run`]) leaves no cycle: what remains is freed by reference counting.
//! Immutable objects (tuples, bound methods, ranges, iterators) are not noted: they are
//! made on hot paths and cannot close a cycle.
//!
//! The registry is a set of addresses: an object is added when it is made and removes
//! itself when it is dropped (one hash insert and one removal; holding weak references
//! instead kept every dead object's block allocated until a pruning pass, which made
//! allocation-heavy programs a third slower). So at the end of the run the set holds
//! exactly the objects still alive.
//!
//! Nothing of a run escapes it (a run's result is text and trace events), so the sweep
//! cannot clear an object something outside still uses. Objects made outside any run
//! (tests that build a `Vm` by hand) are not noted, and a run inside a run (none today)
//! leaves the sweep to the outermost.

use super::value::{CoroState, Module, Obj, Value};
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::{Rc, Weak};

/// Hashes an object's address: one multiply (addresses are distinct and 16-aligned).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// What a thread's runs have made that may take part in a cycle.
#[derive(Default)]
struct Registry {
    /// How many runs are under way on this thread (nested runs share the outermost's
    /// registry; objects made outside any run are not noted).
    depth: usize,
    /// The addresses of the live noted objects: each removes itself when it is dropped
    /// ([`forget`], from `Obj`'s `Drop`), so an address here is a live object.
    objects: HashSet<usize, BuildHasherDefault<AddrHasher>>,
    /// Modules made during the runs (few: no need to forget them as they go).
    modules: Vec<Weak<Module>>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Is `o` an object whose outgoing references can change after it is made?
#[inline]
pub fn tracked(o: &Obj) -> bool {
    matches!(
        o,
        Obj::List(_)
            | Obj::Dict(_)
            | Obj::Set(_)
            | Obj::Cell(_)
            | Obj::Instance(_)
            | Obj::Class(_)
            | Obj::Function(_)
            | Obj::Coroutine(_)
            | Obj::Generator(_)
            | Obj::NativeCoro(_)
            | Obj::Native(_)
    )
}

/// Note a new object (a no-op for immutable ones, and outside a run).
#[inline]
pub fn note(o: &Rc<Obj>) {
    if !tracked(o) {
        return;
    }
    let addr = Rc::as_ptr(o) as usize;
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        if r.depth > 0 {
            r.objects.insert(addr);
        }
    });
}

/// An object is being dropped (called by `Obj`'s `Drop` for tracked kinds).
#[inline]
pub fn forget(addr: usize) {
    let _ = REGISTRY.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            r.objects.remove(&addr);
        }
    });
}

/// Note a new module (its globals can hold the functions that hold it).
pub fn note_module(m: &Rc<Module>) {
    let weak = Rc::downgrade(m);
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        if r.depth == 0 {
            return;
        }
        if r.modules.len() >= 1024 && r.modules.len().is_power_of_two() {
            r.modules.retain(|w| w.strong_count() > 0);
        }
        r.modules.push(weak);
    });
}

/// A new module, noted.
pub fn new_module(name: &str) -> Rc<Module> {
    let m = Rc::new(Module::new(name));
    note_module(&m);
    m
}

/// A run begins: objects made from now on are noted. Pair with [`end_run`].
pub fn begin_run() {
    REGISTRY.with(|r| r.borrow_mut().depth += 1);
}

/// A run ends. When it is the outermost, clear every object noted during it that is
/// still alive (only cycles keep them alive once the run's VM is dropped), and forget
/// what the run left in the thread's queues (generators waiting to be finalized,
/// coroutines never awaited).
pub fn end_run() {
    let (outermost, modules, addrs) = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.depth = r.depth.saturating_sub(1);
        if r.depth > 0 {
            return (false, Vec::new(), Vec::new());
        }
        (true, std::mem::take(&mut r.modules), r.objects.iter().copied().collect::<Vec<usize>>())
    });
    if !outermost {
        return;
    }
    for m in &modules {
        if let Some(m) = m.upgrade() {
            let dict = m.dict.try_borrow_mut().map(|mut d| std::mem::take(&mut *d));
            drop(dict);
        }
    }
    drop(modules);
    for addr in addrs {
        // Still noted means still alive: a dropped object forgets itself first thing.
        if !REGISTRY.with(|r| r.borrow().objects.contains(&addr)) {
            continue;
        }
        let o = unsafe {
            // SAFETY: `addr` came from `Rc::as_ptr` of an `Rc<Obj>` whose value has not
            // been dropped (it would have removed itself), so its strong count is at
            // least 1: taking one more reference is sound, and it is given back below.
            Rc::increment_strong_count(addr as *const Obj);
            Rc::from_raw(addr as *const Obj)
        };
        clear(&o);
        drop(o);
    }
    // Whatever is left was kept alive from outside the run's objects (nothing should be);
    // a fresh set also gives back the memory a run of millions of objects made it take.
    REGISTRY.with(|r| r.borrow_mut().objects = HashSet::default());
    super::generator::forget_dropped();
    super::finalizer::forget();
    super::value::take_never_awaited();
    super::weak::forget();
}

/// `gc.collect()`: free the reference cycles nothing else refers to, as CPython's
/// collector does (`Modules/gcmodule.c`, `deduce_unreachable`), among the objects the
/// registry knows; the number of objects freed.
///
/// Each object's strong count, less the references from other noted objects
/// ([`children`]), says whether something outside them holds it (a frame, a global, a
/// tuple...): those are the roots. What no root reaches is garbage, kept alive only by
/// its cycles: its contents are cleared, and reference counting frees it. References the
/// walk does not follow (a generator's frame, a module's globals, a runtime object's
/// contents) are never subtracted, so what they hold counts as a root: the walk may keep
/// garbage, never free a live object.
pub fn collect() -> usize {
    let addrs: Vec<usize> = REGISTRY.with(|r| r.borrow().objects.iter().copied().collect());
    let objs: Vec<Rc<Obj>> = addrs
        .iter()
        .map(|&addr| unsafe {
            // SAFETY: a noted address is a live object (see `end_run`); the reference
            // taken here is given back when `objs` drops.
            Rc::increment_strong_count(addr as *const Obj);
            Rc::from_raw(addr as *const Obj)
        })
        .collect();
    let index: std::collections::HashMap<usize, usize> = addrs.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let slot = |c: &Rc<Obj>| index.get(&(Rc::as_ptr(c) as usize)).copied();
    // Outside references: the strong count less `objs`' own and the noted referrers'.
    let mut outside: Vec<isize> = objs.iter().map(|o| Rc::strong_count(o) as isize - 1).collect();
    let mut readable = vec![true; objs.len()];
    for (i, o) in objs.iter().enumerate() {
        readable[i] = children(o, &mut |c| {
            if let Some(j) = slot(c) {
                outside[j] -= 1;
            }
        });
    }
    let mut reached: Vec<bool> = (0..objs.len()).map(|i| outside[i] > 0 || !readable[i]).collect();
    let mut stack: Vec<usize> = (0..objs.len()).filter(|&i| reached[i]).collect();
    while let Some(i) = stack.pop() {
        children(&objs[i], &mut |c| {
            if let Some(j) = slot(c) {
                if !reached[j] {
                    reached[j] = true;
                    stack.push(j);
                }
            }
        });
    }
    let garbage: Vec<Rc<Obj>> = objs.into_iter().zip(reached).filter(|(_, r)| !r).map(|(o, _)| o).collect();
    let freed = garbage.len();
    for o in &garbage {
        clear(o);
    }
    drop(garbage);
    freed
}

/// Visit the objects `o` refers to that [`collect`] follows; false (visiting nothing)
/// when `o` is being changed right now, so it cannot be read.
fn children(o: &Obj, visit: &mut dyn FnMut(&Rc<Obj>)) -> bool {
    let mut each = |v: &Value| {
        if let Value::Obj(c) = v {
            visit(c)
        }
    };
    match o {
        Obj::List(l) => match l.try_borrow() {
            Ok(l) => l.iter().for_each(&mut each),
            Err(_) => return false,
        },
        Obj::Dict(d) => match d.try_borrow() {
            Ok(d) => d.iter().for_each(|(k, v)| {
                each(&k.0);
                each(v);
            }),
            Err(_) => return false,
        },
        Obj::Set(s) => match s.try_borrow() {
            Ok(s) => s.iter().for_each(|k| each(&k.0)),
            Err(_) => return false,
        },
        Obj::Cell(c) => match c.try_borrow() {
            Ok(c) => c.iter().for_each(&mut each),
            Err(_) => return false,
        },
        Obj::Instance(i) => match i.dict.try_borrow() {
            Ok(d) => {
                each(&i.class);
                d.values().for_each(&mut each);
            }
            Err(_) => return false,
        },
        Obj::Class(c) => match (c.dict.try_borrow(), c.mro.try_borrow(), c.native_base.try_borrow()) {
            (Ok(d), Ok(m), Ok(nb)) => {
                c.bases.iter().for_each(&mut each);
                m.iter().for_each(&mut each);
                d.values().for_each(&mut each);
                c.meta.iter().for_each(&mut each);
                nb.iter().for_each(&mut each);
            }
            _ => return false,
        },
        Obj::Function(f) => match f.owner.try_borrow() {
            Ok(owner) => {
                f.defaults.iter().for_each(&mut each);
                f.kwdefaults.iter().for_each(|(_, v)| each(v));
                owner.iter().for_each(&mut each);
                drop(each);
                f.closure.iter().for_each(|c| visit(c));
            }
            Err(_) => return false,
        },
        // Generators, coroutines and runtime objects: their references are not followed
        // (what they hold stays a root).
        _ => {}
    }
    true
}

/// Drop the references `o` holds (its contents), without running any Python code. Each
/// part is taken out first and dropped after the borrow ends: dropping it can free other
/// objects, never `o` (the caller holds it).
fn clear(o: &Obj) {
    match o {
        Obj::List(l) => drop(l.try_borrow_mut().map(|mut l| std::mem::take(&mut *l))),
        Obj::Dict(d) => drop(d.try_borrow_mut().map(|mut d| std::mem::take(&mut *d))),
        Obj::Set(s) => drop(s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s))),
        Obj::Cell(c) => drop(c.try_borrow_mut().map(|mut c| c.take())),
        Obj::Instance(i) => {
            drop(i.dict.try_borrow_mut().map(|mut d| std::mem::take(&mut *d)));
            if let Some(exc) = &i.exc {
                drop(exc.try_borrow_mut().map(|mut e| std::mem::take(&mut *e)));
            }
        }
        Obj::Class(c) => {
            drop(c.dict.try_borrow_mut().map(|mut d| std::mem::take(&mut *d)));
            drop(c.mro.try_borrow_mut().map(|mut m| std::mem::take(&mut *m)));
        }
        Obj::Function(f) => drop(f.owner.try_borrow_mut().map(|mut o| o.take())),
        Obj::Coroutine(c) => {
            // Done first: a coroutine dropped while `Created` reports "never awaited".
            let parts = c.try_borrow_mut().map(|mut c| (std::mem::replace(&mut c.state, CoroState::Done), c.driven.take()));
            drop(parts);
        }
        Obj::Generator(g) => {
            // Done first: a suspended generator dropped queues its fiber to be closed.
            let fiber = g.try_borrow_mut().map(|mut g| {
                g.state = super::generator::GenState::Done;
                g.fiber.take()
            });
            drop(fiber);
        }
        Obj::NativeCoro(n) => drop(n.try_borrow_mut().map(|mut n| n.take())),
        Obj::Native(n) => n.clear_refs(),
        _ => {}
    }
}

// ── counting what the process allocates: the memory budget's probe ──

/// A global allocator that counts the bytes in use, for the memory budget
/// ([`Vm::memory_probe`](super::Vm::memory_probe)): the process's total ([`allocated`]),
/// and each thread's own ([`thread_allocated`]), for runs that share the process (the
/// `--real` children, each on its own thread). It wraps the platform's allocator
/// (`System`: glibc's malloc natively, dlmalloc in wasm), so the same budget holds in the
/// browser's worker. A binary installs it with
/// `#[global_allocator] static A: CountingAlloc = CountingAlloc;`.
pub struct CountingAlloc;

static ALLOCATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    /// Bytes this thread allocated less those it freed (const, no destructor: safe to
    /// touch from inside the allocator).
    static THREAD_ALLOCATED: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

/// What one allocation really takes from the system allocator: glibc's malloc adds an
/// 8-byte header and rounds to 16 bytes, at least 32 (dlmalloc in wasm takes less, so the
/// count errs on the safe side). Counting only the requested bytes let a program of many
/// small objects (a million tasks) reach 1.1 times its budget.
fn footprint(layout: std::alloc::Layout) -> usize {
    ((layout.size() + 8 + 15) & !15).max(32)
}

fn count(delta: isize) {
    if delta >= 0 {
        ALLOCATED.fetch_add(delta as usize, std::sync::atomic::Ordering::Relaxed);
    } else {
        ALLOCATED.fetch_sub(delta.unsigned_abs(), std::sync::atomic::Ordering::Relaxed);
    }
    let _ = THREAD_ALLOCATED.try_with(|t| t.set(t.get() + delta));
}

// SAFETY: every call is forwarded unchanged to `System`; only counters change besides.
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc(layout) };
        if !p.is_null() {
            count(footprint(layout) as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(footprint(layout) as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        count(-(footprint(layout) as isize));
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let new = std::alloc::Layout::from_size_align(new_size, layout.align()).map_or(new_size, footprint);
            count(new as isize - footprint(layout) as isize);
        }
        p
    }
}

/// Bytes in use in the whole process (0 unless [`CountingAlloc`] is the global allocator).
pub fn allocated() -> usize {
    ALLOCATED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Bytes in use that this thread allocated (what it freed of others' subtracted too; 0 at
/// least): the probe of a run that shares the process with others on other threads.
pub fn thread_allocated() -> usize {
    THREAD_ALLOCATED.try_with(|t| t.get().max(0) as usize).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::value::Value;

    /// A list holding itself outlives its last outside reference until the run ends.
    #[test]
    fn end_run_frees_a_cycle() {
        begin_run();
        let a = Value::list(vec![]);
        let Value::Obj(o) = &a else { unreachable!() };
        if let Obj::List(l) = o.as_ref() {
            l.borrow_mut().push(a.clone());
        }
        let weak = Rc::downgrade(o);
        drop(a);
        assert!(weak.upgrade().is_some(), "the cycle keeps it alive");
        end_run();
        assert!(weak.upgrade().is_none(), "end_run broke the cycle");
    }

    /// A module and a function in its globals (the commonest cycle of all).
    #[test]
    fn end_run_frees_module_globals() {
        begin_run();
        let m = new_module("m");
        m.set("me", Value::obj(Obj::Module(m.clone())));
        let weak = Rc::downgrade(&m);
        drop(m);
        assert!(weak.upgrade().is_some());
        end_run();
        assert!(weak.upgrade().is_none());
    }

    /// `collect` frees a cycle no one refers to, and leaves one a local still holds.
    #[test]
    fn collect_frees_only_unreachable_cycles() {
        begin_run();
        let cycle = |v: &Value| {
            let Value::Obj(o) = v else { unreachable!() };
            if let Obj::List(l) = o.as_ref() {
                l.borrow_mut().push(v.clone());
            }
            Rc::downgrade(o)
        };
        let (garbage, kept) = (Value::list(vec![]), Value::list(vec![]));
        let (weak_garbage, weak_kept) = (cycle(&garbage), cycle(&kept));
        drop(garbage);
        assert_eq!(collect(), 1);
        assert!(weak_garbage.upgrade().is_none(), "the unreachable cycle was freed");
        assert!(weak_kept.upgrade().is_some(), "a referenced cycle stays");
        drop(kept);
        end_run();
    }

    /// Cycles among many objects, some others dropped at once and some later: the run's
    /// end frees every cycle left, and the registry has forgotten every object dropped (an
    /// address noted twice would be cleared twice).
    #[test]
    fn end_run_frees_cycles_among_many_objects() {
        begin_run();
        let mut weaks = Vec::new();
        let mut keep = Vec::new();
        for i in 0..200 {
            let a = Value::list(vec![Value::Int(i as i64)]);
            let Value::Obj(o) = &a else { unreachable!() };
            if i % 3 == 0 {
                // A cycle: only the sweep frees it.
                if let Obj::List(l) = o.as_ref() {
                    l.borrow_mut().push(a.clone());
                }
                weaks.push(Rc::downgrade(o));
            } else if i % 3 == 1 {
                keep.push(a.clone());
            }
            // i % 3 == 2: dropped at once.
        }
        drop(keep);
        let noted = REGISTRY.with(|r| r.borrow().objects.len());
        assert_eq!(noted, weaks.len(), "only the cycles are still noted");
        assert!(weaks.iter().all(|w| w.upgrade().is_some()));
        end_run();
        assert!(weaks.iter().all(|w| w.upgrade().is_none()), "end_run broke every cycle");
    }

    /// Objects made before the run began are not the run's to clear.
    #[test]
    fn an_enclosing_registry_is_left_alone() {
        let keep = Value::list(vec![Value::Int(1)]);
        begin_run();
        end_run();
        let Value::Obj(o) = &keep else { unreachable!() };
        let Obj::List(l) = o.as_ref() else { unreachable!() };
        assert_eq!(l.borrow().len(), 1);
    }
}
