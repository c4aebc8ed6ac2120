//! `__del__`: an instance's finalizer, called when its last reference goes, as CPython's
//! reference counting calls `tp_finalize` (PEP 442) from the deallocation: `del x`, a
//! rebinding, a function's locals at its return. Each object is finalized once.
//!
//! An object's `Drop` cannot call Python code, so the dying instance hands its class and
//! attributes to a fresh instance that waits here ([`queue`]) until the dispatch loop's
//! next drop check (`Vm::finalize_dropped`, right after the instruction that dropped it),
//! which calls its `__del__` and lets it go; the fresh instance is marked finalized so its
//! own drop does not queue it again. An exception `__del__` raises is reported as
//! CPython's `PyErr_WriteUnraisable` does ("Exception ignored in: ...") and ignored.
//!
//! At the interpreter's exit the main module's globals go ([`Vm::clear_main_module`]) in
//! the order CPython 3.11 was measured to finalize them: in definition order, and what is
//! held in lists, dicts, sets and tuples after the instances named directly. Objects in reference cycles are never
//! finalized (Interleave has no cycle collector).

use super::value::{Class, Instance, Obj, Value};
use super::{Fail, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

thread_local! {
    /// Instances whose `__del__` is due, oldest first.
    static DUE: RefCell<Vec<Rc<Obj>>> = const { RefCell::new(Vec::new()) };
    /// Addresses of the instances made for a `__del__` call: finalized already.
    static FINALIZED: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
    /// Whether anything is due (the only cost the drop check pays otherwise).
    static ANY_DUE: Cell<bool> = const { Cell::new(false) };
}

thread_local! {
    /// Bumped whenever any class gains or loses `__del__` ([`del_changed`]): a class's
    /// cached [`DelFlag`] from an older epoch is recomputed from its MRO before use.
    static DEL_EPOCH: Cell<u64> = const { Cell::new(1) };
}

/// Whether a class's instances have a `__del__` to run, cached per class. The cache
/// holds for one epoch: assigning or deleting `__del__` on *any* class starts a new one,
/// so a subclass made before its base gained `__del__` (`Base.__del__ = f` after `class
/// Sub(Base)`) sees it, as CPython's `tp_finalize` slot update reaches subclasses
/// (`update_slot` walks `tp_subclasses`). Checking costs O(1) while no class changes; a
/// change costs each class one MRO walk at its next instance's drop.
#[derive(Default)]
pub struct DelFlag {
    /// The epoch `has` was computed in (0: never).
    epoch: Cell<u64>,
    /// Whether the class or a base defines `__del__`, as of `epoch`.
    has: Cell<bool>,
}

/// A class gained or lost `__del__`: every class's cached flag is stale.
pub fn del_changed() {
    DEL_EPOCH.with(|e| e.set(e.get() + 1));
}

/// Whether `class` (or a base) defines `__del__`, from the cache when it is current.
pub fn class_has_del(class: &Class) -> bool {
    let now = DEL_EPOCH.with(|e| e.get());
    if class.has_del.epoch.get() == now {
        return class.has_del.has.get();
    }
    // A drop can happen while the MRO is being replaced: then say no, uncached.
    let Ok(mro) = class.mro.try_borrow() else { return false };
    let has = mro.iter().any(|k| k.as_class().is_some_and(|kc| kc.dict.try_borrow().is_ok_and(|d| d.contains_key("__del__"))));
    class.has_del.epoch.set(now);
    class.has_del.has.set(has);
    has
}

/// Called from the instance's `Drop`: whether its `__del__` is to run, in which case its
/// class and attributes are moved into the instance that will be passed to `__del__`.
pub fn take_for_finalizer(address: usize, instance: &mut Instance) -> bool {
    if instance.exc.is_some() || !instance.class.as_class().is_some_and(class_has_del) {
        return false;
    }
    if FINALIZED.try_with(|f| f.borrow_mut().remove(&address)).unwrap_or(true) {
        return false;
    }
    let class = std::mem::replace(&mut instance.class, Value::None);
    let dict = std::mem::take(instance.dict.get_mut());
    let revived = super::value::new_obj(Obj::Instance(Box::new(Instance { class, dict: RefCell::new(dict), exc: None })));
    let queued = DUE.try_with(|d| match d.try_borrow_mut() {
        Ok(mut d) => {
            FINALIZED.with(|f| f.borrow_mut().insert(Rc::as_ptr(&revived) as usize));
            d.push(revived);
            true
        }
        Err(_) => false,
    });
    if queued == Ok(true) {
        ANY_DUE.with(|a| a.set(true));
        super::generator::mark_dropped();
    }
    true
}

/// The instances whose `__del__` is due, taken.
pub fn take_due() -> Vec<Rc<Obj>> {
    if !ANY_DUE.with(|a| a.replace(false)) {
        return Vec::new();
    }
    DUE.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// Forget what an earlier run on this thread left, without calling it: dropping a queued
/// instance may queue what it held, so until nothing is left (each object queues once).
pub fn forget() {
    loop {
        let old = DUE.with(|d| std::mem::take(&mut *d.borrow_mut()));
        ANY_DUE.with(|a| a.set(false));
        if old.is_empty() {
            break;
        }
        drop(old);
    }
    FINALIZED.with(|f| f.borrow_mut().clear());
}

impl Vm {
    /// Call `__del__` on each instance in `due` (see the module's doc).
    pub(super) fn run_finalizers(&mut self, due: Vec<Rc<Obj>>) -> PyResult<()> {
        for obj in due {
            let obj = Value::Obj(obj);
            let class = self.type_of(&obj);
            let Some(del) = self.class_lookup(&class, "__del__") else { continue };
            match self.call_sync(&del, vec![obj]) {
                Ok(_) => {}
                Err(Fail::Exc(e)) => {
                    let what = self.repr(&del).unwrap_or_default();
                    let tb = self.format_traceback(&e);
                    (self.hooks.write_stderr)(self, &format!("Exception ignored in: {what}\n{tb}"));
                }
                Err(f) => return Err(f),
            }
        }
        Ok(())
    }

    /// The main module's globals go at the interpreter's exit, finalizing what they held
    /// (see the module's doc for the order).
    pub fn clear_main_module(&mut self) -> PyResult<()> {
        let names: Vec<Rc<str>> = self.main.dict.borrow().keys().cloned().collect();
        let mut containers = Vec::new();
        for name in &names {
            if &**name == "__builtins__" {
                continue;
            }
            let old = self.main.dict.borrow_mut().insert(name.clone(), Value::None);
            match old {
                Some(v @ Value::Obj(_)) if is_container(&v) => containers.push(v),
                Some(v) => drop(v),
                None => {}
            }
            self.finalize_dropped()?;
        }
        for v in containers {
            drop(v);
            self.finalize_dropped()?;
        }
        Ok(())
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v.as_obj().map(|o| o.as_ref()), Some(Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::FrozenSet(_) | Obj::Tuple(_)))
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    #[test]
    fn a_base_gaining_or_losing_del_reaches_subclasses_made_before() {
        // The cached flag of `Sub` was computed (false) when its first instance died; the
        // assignment to `Base.__del__` must make it stale, and the deletion stale again.
        let src = "class Base: pass\nclass Sub(Base): pass\n\
                   s = Sub()\ndel s\n\
                   Base.__del__ = lambda self: print('del', type(self).__name__)\n\
                   s = Sub()\ndel s\n\
                   del Base.__del__\n\
                   s = Sub()\ndel s\nprint('end')\n";
        let r = run(src, &RunOptions::default());
        assert_eq!(r.exit_code, 0, "{}", r.error_text);
        assert_eq!(r.stdout(false), "del Sub\nend\n");
    }
}
