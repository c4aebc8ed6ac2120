//! `str` methods that search a substring within optional `start`/`end` bounds
//! (`find`, `rfind`, `index`, `rindex`, `count`), and `splitlines`, as CPython's
//! unicodeobject.c: bounds are slice indices counted in characters, negative ones
//! from the end, clamped to the string.

use crate::vm::ops::int_of;
use crate::vm::value::{Args, NativeFn, Value};
use crate::vm::{PyResult, Vm};

/// The searching method `name` of `str`, if it is one of this module's.
pub(super) fn str_search_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "find" => |vm, a| Ok(Value::Int(search(vm, &a, "find")?.map_or(-1, |i| i as i64))),
        "rfind" => |vm, a| Ok(Value::Int(search(vm, &a, "rfind")?.map_or(-1, |i| i as i64))),
        "index" => |vm, a| found(vm, search(vm, &a, "index")?),
        "rindex" => |vm, a| found(vm, search(vm, &a, "rindex")?),
        "count" => count,
        "splitlines" => splitlines,
        _ => return None,
    })
}

/// `index`/`rindex`: the position, or CPython's `ValueError: substring not found`.
fn found(vm: &Vm, at: Option<usize>) -> PyResult<Value> {
    match at {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

/// The receiver's characters, the needle's, and the `[start, end)` window to search
/// (`None` when `start` lies past the string or past `end`: nothing can be found,
/// not even the empty string).
type Window = (Vec<char>, Vec<char>, Option<(usize, usize)>);

fn window(vm: &Vm, a: &Args, name: &str) -> PyResult<Window> {
    // The receiver is `a.pos[0]`; CPython counts only the others.
    let given = a.pos.len() - 1;
    if given == 0 {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    }
    if given > 3 {
        return Err(vm.type_error(format!("{name}() takes at most 3 arguments ({given} given)")));
    }
    let hay: Vec<char> = match &a.pos[0] {
        Value::Str(s) => s.chars().collect(),
        _ => Vec::new(),
    };
    let needle: Vec<char> = match crate::vm::value::str_like(&a.pos[1]) {
        Some(s) => s.chars().collect(),
        None => {
            let v = &a.pos[1];
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("must be str, not {tn}")));
        }
    };
    let n = hay.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = int_of(v).ok_or_else(|| {
                    vm.type_error("slice indices must be integers or None or have an __index__ method")
                })?;
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
        }
    };
    let start = bound(a.pos.get(2), 0)?;
    let end = bound(a.pos.get(3), n)?.min(n);
    let range = if start > n || start > end { None } else { Some((start as usize, end as usize)) };
    Ok((hay, needle, range))
}

/// The character index of the first (`rfind`/`rindex`: last) occurrence.
fn search(vm: &Vm, a: &Args, name: &str) -> PyResult<Option<usize>> {
    let reverse = name.starts_with('r');
    let (hay, needle, range) = window(vm, a, name)?;
    let Some((start, end)) = range else { return Ok(None) };
    if needle.len() > end - start {
        return Ok(None);
    }
    let last = end - needle.len();
    let hit = |i: &usize| hay[*i..*i + needle.len()] == needle[..];
    Ok(if reverse { (start..=last).rev().find(hit) } else { (start..=last).find(hit) })
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences; the empty string
/// occurs once more than there are characters in the window.
fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (hay, needle, range) = window(vm, &a, "count")?;
    let Some((start, end)) = range else { return Ok(Value::Int(0)) };
    if needle.is_empty() {
        return Ok(Value::Int((end - start) as i64 + 1));
    }
    // The window is scanned character by character (`cost::PER_CHAR_MAP`, `fastsearch`).
    vm.cost_items(end - start, crate::vm::cost::PER_CHAR_MAP)?;
    let (mut i, mut k) = (start, 0);
    while i + needle.len() <= end {
        if hay[i..i + needle.len()] == needle[..] {
            k += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(k))
}

/// `str.splitlines(keepends=False)`: splits at every line boundary CPython knows
/// (`\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, `\u2028`, `\u2029`);
/// `keepends` keeps each boundary on its line.
fn splitlines(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let kw = a.take_kw("keepends");
    if a.pos.len() > 2 {
        let given = a.pos.len() - 1;
        return Err(vm.type_error(format!("splitlines() takes at most 1 argument ({given} given)")));
    }
    let keep = match kw.or_else(|| a.pos.get(1).cloned()) {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let t: Vec<char> = match &a.pos[0] {
        Value::Str(s) => s.chars().collect(),
        _ => Vec::new(),
    };
    let mut lines = Vec::new();
    let (mut i, mut line_start) = (0, 0);
    while i < t.len() {
        let c = t[i];
        if matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            let eol = i;
            i += if c == '\r' && t.get(i + 1) == Some(&'\n') { 2 } else { 1 };
            let end = if keep { i } else { eol };
            lines.push(Value::str(&t[line_start..end].iter().collect::<String>()));
            line_start = i;
        } else {
            i += 1;
        }
    }
    if line_start < t.len() {
        lines.push(Value::str(&t[line_start..].iter().collect::<String>()));
    }
    vm.reserve_items::<Value>(lines.len())?;
    Ok(Value::list(lines))
}
