//! Weak references' bookkeeping, as CPython's `Objects/weakrefobject.c` keeps each
//! object's list of weak references (`tp_weaklistoffset`) and calls their callbacks
//! from the object's deallocation (`PyObject_ClearWeakRefs`).
//!
//! A weak reference is an `Rc` `Weak` to its referent (the `weakref` module's native
//! handle), so it sees the referent die when its last strong reference drops, as CPython
//! does by reference counting (`del x; r()` is `None` at once). What needs the VM is the
//! callback: an object's `Drop` cannot call Python code, so it queues the references
//! that have one here ([`died`]) and the dispatch loop calls them at its next drop check
//! (`Vm::finalize_dropped`, right after the instruction that dropped the referent), the
//! way dropped generators are closed.
//!
//! The table maps a live referent's address to the references to it. An address cannot
//! be reused while a reference lives: its `Weak` keeps the referent's block allocated.
//! The referent's `Drop` removes its entry, so an address in the table is a live object.

use super::value::Obj;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// A weak reference object (a Python `weakref.ref`), as its referent's table entry knows it.
struct Watcher {
    /// The reference object itself: weak, so that a reference that dies first is
    /// neither kept alive nor called back, as in CPython.
    reference: Weak<Obj>,
    /// Whether its callback is due when the referent dies.
    has_callback: bool,
    /// Whether it is the plain `ref(obj)` (no callback, exact type) that CPython hands out
    /// again to the next `ref(obj)`.
    basic: bool,
}

thread_local! {
    /// Whether any object has a weak reference: the only cost every other drop pays.
    static ANY: Cell<bool> = const { Cell::new(false) };
    /// Referent address → the references to it, oldest first.
    static WATCHED: RefCell<HashMap<usize, Vec<Watcher>>> = RefCell::new(HashMap::new());
    /// References whose referent died and whose callbacks have yet to run.
    static DUE: RefCell<Vec<Rc<Obj>>> = const { RefCell::new(Vec::new()) };
}

fn addr(o: &Rc<Obj>) -> usize {
    Rc::as_ptr(o) as usize
}

/// Note that `reference` is a weak reference to `target`.
pub fn watch(target: &Rc<Obj>, reference: &Rc<Obj>, has_callback: bool, basic: bool) {
    ANY.with(|a| a.set(true));
    WATCHED.with(|w| {
        let mut w = w.borrow_mut();
        let list = w.entry(addr(target)).or_default();
        // References made and dropped in a loop: forget the dead ones now and then, so the
        // list grows with the live references only.
        if list.len() >= 8 && list.len().is_power_of_two() {
            list.retain(|r| r.reference.strong_count() > 0);
        }
        list.push(Watcher { reference: Rc::downgrade(reference), has_callback, basic });
    });
}

/// The live references to `target`, oldest first (`weakref.getweakrefs`).
pub fn references(target: &Rc<Obj>) -> Vec<Rc<Obj>> {
    WATCHED.with(|w| {
        w.borrow().get(&addr(target)).map(|l| l.iter().filter_map(|r| r.reference.upgrade()).collect()).unwrap_or_default()
    })
}

/// The live plain reference to `target`, if one was made (`ref(obj) is ref(obj)`).
pub fn basic_reference(target: &Rc<Obj>) -> Option<Rc<Obj>> {
    WATCHED.with(|w| w.borrow().get(&addr(target)).and_then(|l| l.iter().filter(|r| r.basic).find_map(|r| r.reference.upgrade())))
}

/// The object at `address` is being dropped (called by `Obj`'s `Drop`): queue the
/// callbacks of its live references, newest first as `PyObject_ClearWeakRefs` calls them.
#[inline]
pub(crate) fn died(address: usize) {
    if !ANY.try_with(|a| a.get()).unwrap_or(false) {
        return;
    }
    let Some(list) = WATCHED.try_with(|w| w.try_borrow_mut().ok().and_then(|mut w| w.remove(&address))).ok().flatten() else {
        return;
    };
    let due: Vec<Rc<Obj>> = list.iter().rev().filter(|r| r.has_callback).filter_map(|r| r.reference.upgrade()).collect();
    drop(list);
    if due.is_empty() {
        return;
    }
    let _ = DUE.try_with(|d| {
        if let Ok(mut d) = d.try_borrow_mut() {
            d.extend(due);
        }
    });
    super::generator::mark_dropped();
}

/// The references whose callbacks are due, in the order to call them.
pub(crate) fn take_due() -> Vec<Rc<Obj>> {
    DUE.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// Forget this thread's table and queue (a run ended: nothing of it is used again).
pub fn forget() {
    let table = WATCHED.with(|w| std::mem::take(&mut *w.borrow_mut()));
    let due = DUE.with(|d| std::mem::take(&mut *d.borrow_mut()));
    ANY.with(|a| a.set(false));
    drop(table);
    drop(due);
}

/// How many referents the table holds (for tests of what a run leaves behind).
pub fn watched_len() -> usize {
    WATCHED.with(|w| w.borrow().len())
}
