//! `sorted` and `list.sort`: CPython's list sort (`Objects/listobject.c`, `list_sort_impl`;
//! `Objects/listsort.txt`), which asks nothing but `<`. With a consistent order any stable
//! sort gives the same answer; with NaNs, or a `__lt__` that is not a total order, the answer
//! depends on which pairs are compared, so the runs are found and extended as CPython does:
//! `count_run` (a strictly descending run is reversed), then binary insertion up to `minrun`
//! items. A list shorter than 64 items is one such run, exactly CPython's result. Longer
//! lists merge their runs stably (`b < a` takes `b`), without CPython's galloping, so only
//! inconsistent orders of 64 items or more can come out differently.

use crate::compiler::code::CmpOp;
use crate::vm::value::Value;
use crate::vm::{PyResult, Vm};

/// Stable sort with Python's `<` (the first error wins; nothing is lost on error).
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, key: Option<Value>, reverse: bool) -> PyResult<Vec<Value>> {
    let keys = match &key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for i in &items {
                ks.push(vm.call_sync(k, vec![i.clone()])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    // CPython reverses before and after sorting, so equal items keep their order and a
    // reversed sort still asks only `<`.
    if reverse {
        order.reverse();
    }
    // Each comparison costs CPU time as a rich compare in CPython (`cost::PER_COMPARE`),
    // counted as the sort makes them: a sorted list takes n - 1, a shuffled one n log n.
    let mut compares = 0usize;
    let mut lt = |i: usize, j: usize| {
        compares += 1;
        vm.compare_bool(CmpOp::Lt, &keys[i], &keys[j])
    };
    let sorted = sort_by_lt(&mut order, &mut lt);
    vm.cost_items(compares, crate::vm::cost::PER_COMPARE)?;
    sorted?;
    if reverse {
        order.reverse();
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

/// `list.sort()`: the list is empty while it sorts, as in CPython's `list_sort_impl`, so a
/// key function or `__lt__` that changes it is found afterwards: the sorted items are put
/// back, what was added meanwhile is dropped, and "list modified during sort" is raised.
/// On an error from a comparison the items are put back unsorted.
pub fn sort_list(vm: &mut Vm, list: &std::cell::RefCell<Vec<Value>>, key: Option<Value>, reverse: bool) -> PyResult<()> {
    let items = std::mem::take(&mut *list.borrow_mut());
    let sorted = sort_values(vm, items.clone(), key, reverse);
    let modified = !list.borrow().is_empty();
    let dropped = std::mem::replace(&mut *list.borrow_mut(), match &sorted {
        Ok(v) => v.clone(),
        Err(_) => items,
    });
    drop(dropped);
    sorted?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(())
}

/// Sorts `v` in place by `lt` (`lt(a, b)`: must `a` come before `b`?), CPython's way.
pub fn sort_by_lt<T: Copy>(v: &mut [T], lt: &mut impl FnMut(T, T) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = min_run(n);
    let mut runs = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, descending) = count_run(&v[lo..], lt)?;
        if descending {
            v[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = (n - lo).min(minrun);
            binary_insertion(&mut v[lo..lo + force], len, lt)?;
            len = force;
        }
        runs.push(lo..lo + len);
        lo += len;
    }
    // Merge neighbouring runs pairwise until one is left.
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match pair {
                [a, b] => {
                    merge(&mut v[a.start..b.end], a.len(), lt)?;
                    merged.push(a.start..b.end);
                }
                [a] => merged.push(a.clone()),
                _ => unreachable!(),
            }
        }
        runs = merged;
    }
    Ok(())
}

/// CPython's `merge_compute_minrun`: `n` itself below 64, else a length in 32..=64 that
/// splits `n` into a power of two runs, or a little fewer.
fn min_run(mut n: usize) -> usize {
    let mut odd = 0;
    while n >= 64 {
        odd |= n & 1;
        n >>= 1;
    }
    n + odd
}

/// The run at the start of `v`: the longest `v[0] <= v[1] <= ...` (`not v[i] < v[i-1]`), or
/// the longest strictly descending `v[0] > v[1] > ...`, and whether it descends.
fn count_run<T: Copy>(v: &[T], lt: &mut impl FnMut(T, T) -> PyResult<bool>) -> PyResult<(usize, bool)> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(v[1], v[0])? {
        while n < v.len() && lt(v[n], v[n - 1])? {
            n += 1;
        }
        Ok((n, true))
    } else {
        while n < v.len() && !lt(v[n], v[n - 1])? {
            n += 1;
        }
        Ok((n, false))
    }
}

/// CPython's `binarysort`: `v[..sorted]` is in order; insert each later item after the
/// items it is not less than.
fn binary_insertion<T: Copy>(v: &mut [T], sorted: usize, lt: &mut impl FnMut(T, T) -> PyResult<bool>) -> PyResult<()> {
    for start in sorted.max(1)..v.len() {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v[l..=start].rotate_right(1);
    }
    Ok(())
}

/// Merges the sorted runs `v[..mid]` and `v[mid..]`, stably: an item of the second run
/// goes first only if it is less. On error `v` is left as it was.
fn merge<T: Copy>(v: &mut [T], mid: usize, lt: &mut impl FnMut(T, T) -> PyResult<bool>) -> PyResult<()> {
    let mut out = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < v.len() {
        if lt(v[j], v[i])? {
            out.push(v[j]);
            j += 1;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&v[i..mid]);
    out.extend_from_slice(&v[j..]);
    v.copy_from_slice(&out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorts floats with IEEE `<`, as CPython's `unsafe_float_compare` does.
    fn sorted(xs: &[f64]) -> Vec<String> {
        let mut v = xs.to_vec();
        sort_by_lt(&mut v, &mut |a: f64, b: f64| Ok(a < b)).unwrap();
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn nan_orders_as_cpython_sort_leaves_it() {
        let nan = f64::NAN;
        // Checked against CPython 3.11's `sorted`.
        assert_eq!(sorted(&[3.0, nan, 1.0]), ["3", "NaN", "1"]);
        assert_eq!(sorted(&[nan, 3.0, 1.0]), ["NaN", "1", "3"]);
        assert_eq!(sorted(&[3.0, 1.0, nan, 2.0, 0.0]), ["0", "1", "2", "3", "NaN"]);
        assert_eq!(sorted(&[5.0, 4.0, 3.0, nan, 1.0, 0.0]), ["0", "1", "3", "4", "5", "NaN"]);
    }

    #[test]
    fn long_lists_sort_stably() {
        let xs: Vec<(u32, u32)> = (0..1000u32).map(|i| ((i * 7919) % 101, i)).collect();
        let mut v = xs.clone();
        sort_by_lt(&mut v, &mut |a: (u32, u32), b: (u32, u32)| Ok(a.0 < b.0)).unwrap();
        let mut expected = xs;
        expected.sort_by_key(|p| p.0);
        assert_eq!(v, expected);
    }
}
