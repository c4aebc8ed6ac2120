//! Binary-heap operations with Python comparisons (`heapq`), shared by `heapq`,
//! `asyncio.PriorityQueue` and `queue.PriorityQueue`.

use crate::compiler::code::CmpOp;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    vm.compare_bool(CmpOp::Lt, a, b)
}

/// `heappush` on a vector.
pub fn push_vec(vm: &mut Vm, items: &mut Vec<Value>, v: Value) -> PyResult<()> {
    items.push(v);
    let mut i = items.len() - 1;
    while i > 0 {
        let parent = (i - 1) / 2;
        if lt(vm, &items[i], &items[parent])? {
            items.swap(i, parent);
            i = parent;
        } else {
            break;
        }
    }
    Ok(())
}

/// `heappop` on a non-empty vector.
pub fn pop_vec(vm: &mut Vm, items: &mut Vec<Value>) -> PyResult<Value> {
    let last = items.pop().expect("non-empty heap");
    if items.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut items[0], last);
    let n = items.len();
    let mut i = 0;
    loop {
        let (l, r) = (2 * i + 1, 2 * i + 2);
        let mut smallest = i;
        if l < n && lt(vm, &items[l], &items[smallest])? {
            smallest = l;
        }
        if r < n && lt(vm, &items[r], &items[smallest])? {
            smallest = r;
        }
        if smallest == i {
            break;
        }
        items.swap(i, smallest);
        i = smallest;
    }
    Ok(top)
}

fn with_list(vm: &mut Vm, list: &Value, f: impl FnOnce(&mut Vm, &mut Vec<Value>) -> PyResult<Value>) -> PyResult<Value> {
    let Value::Obj(o) = list else { return Err(vm.type_error("heap argument must be a list")) };
    let Obj::List(l) = o.as_ref() else { return Err(vm.type_error("heap argument must be a list")) };
    // Work on a copy so comparisons calling back into Python never see a borrowed list.
    let mut items = l.borrow().clone();
    let r = f(vm, &mut items);
    *l.borrow_mut() = items;
    r
}

/// `heapq.heappush(list, v)`.
pub fn push(vm: &mut Vm, list: &Value, v: Value) -> PyResult<()> {
    with_list(vm, list, |vm, items| push_vec(vm, items, v).map(|_| Value::None)).map(|_| ())
}

/// `heapq.heappop(list)`.
pub fn pop(vm: &mut Vm, list: &Value) -> PyResult<Value> {
    with_list(vm, list, |vm, items| {
        if items.is_empty() {
            return Err(vm.exc("IndexError", "index out of range"));
        }
        pop_vec(vm, items)
    })
}

/// `heapq.heapify(list)`.
pub fn heapify(vm: &mut Vm, list: &Value) -> PyResult<()> {
    with_list(vm, list, |vm, items| {
        let all = std::mem::take(items);
        for v in all {
            push_vec(vm, items, v)?;
        }
        Ok(Value::None)
    })
    .map(|_| ())
}
