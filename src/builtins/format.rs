//! Number and string formatting: `repr(float)`, the format-spec mini-language
//! (f-strings, `format`, `str.format`), `%` formatting and `round`.
//!
//! Rust's `{:.N}` formatting rounds the exact binary value half-to-even, as CPython's
//! `PyOS_double_to_string` does, so `f"{2.675:.2f}"` is `2.67` and `f"{0.125:.2f}"` is `0.12`.

use crate::compiler::code::Conversion;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// CPython's default `sys.get_int_max_str_digits()`: decimal conversions between int
/// and str refuse more digits than this (ValueError).
pub const INT_MAX_STR_DIGITS: usize = 4300;

fn too_many_digits() -> String {
    format!(
        "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// The decimal digits of `|b|`, or CPython's error past `INT_MAX_STR_DIGITS` digits.
fn bigint_decimal(b: &BigInt) -> Result<String, String> {
    // |b| >= 2**(bits-1), so it has at least floor((bits-1) * log10(2)) + 1 digits:
    // refuse before the (quadratic) conversion of a huge number.
    if (b.bits().saturating_sub(1)) as f64 * std::f64::consts::LOG10_2 >= INT_MAX_STR_DIGITS as f64 {
        return Err(too_many_digits());
    }
    let s = b.magnitude().to_string();
    if s.len() > INT_MAX_STR_DIGITS {
        return Err(too_many_digits());
    }
    Ok(s)
}

/// `str(b)` for a big int (ValueError message past the digit limit).
pub fn bigint_str(b: &BigInt) -> Result<String, String> {
    let digits = bigint_decimal(b)?;
    Ok(if b.is_negative() { format!("-{digits}") } else { digits })
}

/// `repr(f)` for a float: the shortest string that round-trips, in Python's layout.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{:e}", f); // e.g. "-1.2345e-7"
    let (mant, exp) = sci.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let s = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() == 1 { digits.clone() } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Default, Clone)]
struct Spec {
    /// The fill character (default a space).
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`.
    pub align: Option<char>,
    /// `+`, `-` or a space.
    pub sign: Option<char>,
    /// `#`: the alternate form (`0x` prefixes...).
    pub alternate: bool,
    /// `0`: zero-padding.
    pub zero: bool,
    /// The minimum width; 0 when not given.
    pub width: usize,
    /// `,` or `_`: the thousands separator.
    pub grouping: Option<char>,
    /// `.precision`.
    pub precision: Option<usize>,
    /// The presentation type (`d`, `f`, `x`, `s`...).
    pub ty: Option<char>,
}

/// Parses a format spec; the error is CPython's `ValueError` message.
fn parse_spec(spec: &str) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = ssize_digits(&chars[start..i])?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err("Format specifier missing precision".into());
        }
        s.precision = Some(ssize_digits(&chars[start..i])?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err("Invalid format specifier".into());
    }
    Ok(s)
}

/// A width or precision: CPython reads it into a `Py_ssize_t`
/// (formatter_unicode.c, `get_integer`).
fn ssize_digits(digits: &[char]) -> Result<usize, String> {
    let n: i64 = digits.iter().collect::<String>().parse().map_err(|_| "Too many decimal digits in format string")?;
    Ok(n as usize)
}

/// Past this many decimals the exact decimal expansion of every double has ended (the
/// longest, 2**-1074's, has 1074; none has more than 767 significant digits), so a
/// longer precision only adds zeros. Rust's formatter refuses precisions past 65,535;
/// CPython prints any that fits memory.
const EXACT_DECIMALS: usize = 1100;

/// `a` with `precision` decimals, for any precision.
fn fixed(a: f64, precision: usize) -> String {
    if precision <= EXACT_DECIMALS {
        return format!("{:.*}", precision, a);
    }
    let mut s = format!("{:.*}", EXACT_DECIMALS, a);
    s.extend(std::iter::repeat('0').take(precision - EXACT_DECIMALS));
    s
}

/// Rust's scientific layout (`1.500e0`) with `precision` decimals, for any precision.
fn rust_sci(a: f64, precision: usize) -> String {
    if precision <= EXACT_DECIMALS {
        return format!("{:.*e}", precision, a);
    }
    let s = format!("{:.*e}", EXACT_DECIMALS, a);
    let (m, e) = s.split_once('e').expect("exponent");
    format!("{m}{}e{e}", "0".repeat(precision - EXACT_DECIMALS))
}

/// How many bytes formatting with `spec` may make beyond the value's own digits: the
/// padding and the precision's digits. `Vm::format` reserves it first, so an absurd
/// width or precision is a `MemoryError` and not an allocation failure.
/// The precision counts only where it adds digits (floats), not where it cuts (str).
fn spec_bytes(spec: &Spec, precision_adds: bool) -> usize {
    let fill = spec.fill.map_or(1, char::len_utf8);
    let digits = if precision_adds { spec.precision.unwrap_or(0) } else { 0 };
    spec.width.saturating_mul(fill).saturating_add(digits).saturating_add(64)
}

/// Insert `sep` between groups of `every` digits, from the right.
fn group_digits(int_part: &str, sep: char, every: usize) -> String {
    let bytes: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % every == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// Pad `body` (with its sign split off) to the spec's width.
fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() {
        ('0', '=')
    } else {
        (spec.fill.unwrap_or(' '), spec.align.unwrap_or(default_align))
    };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '>' => format!("{}{sign}{body}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        _ => format!("{sign}{}{body}", f(n)),
    }
}

fn sign_str(neg: bool, spec: &Spec) -> &'static str {
    match (neg, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(i, spec)` for an `int`.
fn format_int(i: i64, spec: &Spec) -> Result<String, String> {
    format_integer(IntRef::Small(i), spec)
}

/// `format(b, spec)` for a big int.
fn format_bigint(b: &BigInt, spec: &Spec) -> Result<String, String> {
    format_integer(IntRef::Big(b), spec)
}

enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

fn format_integer(n: IntRef, spec: &Spec) -> Result<String, String> {
    match spec.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = match n {
                IntRef::Small(i) => i as f64,
                IntRef::Big(b) => b.to_f64().filter(|f| f.is_finite()).ok_or("int too large to convert to float")?,
            };
            return format_float(f, spec);
        }
        Some('c') => {
            let c = match n {
                IntRef::Small(i) => u32::try_from(i).ok().and_then(char::from_u32),
                IntRef::Big(_) => None,
            };
            let c = c.ok_or("%c arg not in range(0x110000)")?;
            return Ok(pad(spec, "", &c.to_string(), '<'));
        }
        _ => {}
    }
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    let (radix, prefix) = match spec.ty {
        None | Some('d') | Some('n') => (10, ""),
        Some('b') => (2, "0b"),
        Some('o') => (8, "0o"),
        Some('x') => (16, "0x"),
        Some('X') => (16, "0X"),
        Some(t) => return Err(format!("Unknown format code '{t}' for object of type 'int'")),
    };
    if let (Some(','), Some(t @ ('b' | 'o' | 'x' | 'X'))) = (spec.grouping, spec.ty) {
        return Err(format!("Cannot specify ',' with '{t}'."));
    }
    let (neg, mut body) = match n {
        IntRef::Small(i) => {
            let mag = i.unsigned_abs();
            let body = match spec.ty {
                Some('b') => format!("{mag:b}"),
                Some('o') => format!("{mag:o}"),
                Some('x') => format!("{mag:x}"),
                Some('X') => format!("{mag:X}"),
                _ => mag.to_string(),
            };
            (i < 0, body)
        }
        IntRef::Big(b) => {
            let body = match radix {
                10 => bigint_decimal(b)?,
                r => b.magnitude().to_str_radix(r),
            };
            (b.is_negative(), if spec.ty == Some('X') { body.to_uppercase() } else { body })
        }
    };
    let sign = format!("{}{}", sign_str(neg, spec), if spec.alternate { prefix } else { "" });
    if let Some(g) = spec.grouping {
        let every = if radix == 10 { 3 } else { 4 };
        let mut grouped = group_digits(&body, g, every);
        // Zero padding is grouped too: `format(12345, "09,")` is `0,012,345`.
        if spec.zero && spec.align.is_none() {
            let target = spec.width.saturating_sub(sign.len());
            while grouped.len() < target {
                body.insert(0, '0');
                grouped = group_digits(&body, g, every);
            }
        }
        body = grouped;
    }
    Ok(pad(spec, &sign, &body, '>'))
}

/// `format(f, spec)` for a `float` (CPython's `format_float_internal`).
fn format_float(f: f64, spec: &Spec) -> Result<String, String> {
    // formatter_unicode.c, format_float_internal.
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err("precision too big".into());
    }
    let neg = f.is_sign_negative() && !(f == 0.0 && spec.ty.is_none() && false);
    let a = f.abs();
    let body = if f.is_nan() {
        "nan".to_string()
    } else if f.is_infinite() {
        "inf".to_string()
    } else {
        match spec.ty {
            Some('f') | Some('F') => fixed(a, spec.precision.unwrap_or(6)),
            Some('e') | Some('E') => {
                let s = sci(a, spec.precision.unwrap_or(6));
                if spec.ty == Some('E') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Some('%') => fixed(a * 100.0, spec.precision.unwrap_or(6)) + "%",
            Some('g') | Some('G') | Some('n') => general(a, spec.precision.unwrap_or(6), spec.alternate),
            None => match spec.precision {
                Some(p) => {
                    let g = general(a, p, false);
                    if g.contains(['.', 'e', 'n', 'i']) {
                        g
                    } else {
                        format!("{g}.0")
                    }
                }
                None => float_repr(a),
            },
            Some(t) => return Err(format!("Unknown format code '{t}' for object of type 'float'")),
        }
    };
    let body = match spec.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(k) => body.split_at(k),
                None => (body.as_str(), ""),
            };
            format!("{}{}", group_digits(int_part, g, 3), rest)
        }
        None => body,
    };
    let neg = neg && !f.is_nan();
    Ok(pad(spec, sign_str(neg, spec), &body, '>'))
}

/// `%e` layout: one digit, `precision` decimals, signed two-digit exponent.
fn sci(a: f64, precision: usize) -> String {
    let s = rust_sci(a, precision);
    let (m, e) = s.split_once('e').expect("exponent");
    let e: i32 = e.parse().expect("exponent");
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: precision significant digits, fixed or scientific, trailing zeros removed.
fn general(a: f64, precision: usize, keep_zeros: bool) -> String {
    let p = precision.max(1);
    if a == 0.0 {
        return if keep_zeros { fixed(0.0, p - 1) } else { "0".into() };
    }
    let s = rust_sci(a, p - 1);
    let exp: i32 = s.split_once('e').unwrap().1.parse().unwrap();
    let out = if exp < -4 || exp >= p as i32 {
        sci(a, p - 1)
    } else {
        fixed(a, (p as i64 - 1 - exp as i64).max(0) as usize)
    };
    if keep_zeros {
        return out;
    }
    strip_zeros(&out)
}

fn strip_zeros(s: &str) -> String {
    let (m, e) = match s.split_once('e') {
        Some((m, e)) => (m.to_string(), format!("e{e}")),
        None => (s.to_string(), String::new()),
    };
    let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.').to_string() } else { m };
    format!("{m}{e}")
}

/// `format(s, spec)` for a `str`.
fn format_str(s: &str, spec: &Spec) -> Result<String, String> {
    if let Some(t) = spec.ty {
        if t != 's' {
            return Err(format!("Unknown format code '{t}' for object of type 'str'"));
        }
    }
    if spec.sign.is_some() {
        return Err("Sign not allowed in string format specifier".into());
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(spec, "", &body, '<'))
}

/// `round(x, n)` for floats: half-to-even on the exact decimal value, as CPython does.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if ndigits > 300 {
        return x;
    }
    if ndigits < -308 {
        return x * 0.0;
    }
    if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, x);
        s.parse().unwrap_or(x)
    } else {
        let p = 10f64.powi((-ndigits) as i32);
        let y = x / p;
        let r = y.round();
        let r = if (y - y.trunc()).abs() == 0.5 { 2.0 * (y / 2.0).round() } else { r };
        r * p
    }
}

impl Vm {
    /// `format(v, spec)` after an f-string conversion.
    pub fn format_value(&mut self, v: &Value, conv: Conversion, spec: Option<&Value>) -> PyResult<String> {
        let v = match conv {
            Conversion::None => v.clone(),
            Conversion::Str => Value::Str(self.to_str(v)?.into()),
            Conversion::Repr | Conversion::Ascii => Value::Str(self.repr(v)?.into()),
        };
        let spec = match spec {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        self.format(&v, &spec)
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Some(inst) = v.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, "__format__") {
                let r = self.call_sync(&f, vec![v.clone(), Value::str(spec)])?;
                return self.to_str(&r);
            }
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let parsed = parse_spec(spec).map_err(|e| self.value_error(e))?;
        let float_like = matches!(v, Value::Float(_)) || matches!(parsed.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%'));
        if float_like && parsed.precision.is_some_and(|p| p > i32::MAX as usize) {
            // Checked before the size, as CPython does (formatter_unicode.c).
            return Err(self.value_error("precision too big"));
        }
        self.reserve_str(spec_bytes(&parsed, float_like))?;
        let r = match v {
            Value::Bool(b) if parsed.ty.is_none() => format_str(if *b { "True" } else { "False" }, &parsed),
            Value::Int(i) => format_int(*i, &parsed),
            Value::BigInt(b) => format_bigint(b, &parsed),
            Value::Bool(b) => format_int(*b as i64, &parsed),
            Value::Float(f) => format_float(*f, &parsed),
            Value::Str(s) => format_str(s, &parsed),
            _ => {
                let tn = self.type_name(v);
                return Err(self.type_error(format!("unsupported format string passed to {tn}.__format__")));
            }
        };
        r.map_err(|e| self.value_error(e))
    }

    /// `str.format(*args, **kwargs)`.
    pub fn str_format(&mut self, template: &str, args: &[Value], kwargs: &[(std::rc::Rc<str>, Value)]) -> PyResult<String> {
        self.str_format_from(template, args, kwargs, &mut 0)
    }

    /// `str.format` with automatic field numbering from `*auto`: a field nested in a
    /// spec (`'{:>{}}'`) takes the argument after its field's, as in CPython.
    fn str_format_from(&mut self, template: &str, args: &[Value], kwargs: &[(std::rc::Rc<str>, Value)], auto: &mut usize) -> PyResult<String> {
        let mut out = String::new();
        let chars: Vec<char> = template.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' {
                if chars.get(i + 1) == Some(&'{') {
                    out.push('{');
                    i += 2;
                    continue;
                }
                let start = i + 1;
                let mut depth = 1;
                let mut j = start;
                while j < chars.len() {
                    match chars[j] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(self.value_error("Single '{' encountered in format string"));
                }
                let field: String = chars[start..j].iter().collect();
                let (name_conv, spec) = match field.split_once(':') {
                    Some((a, b)) => (a.to_string(), b.to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name, conv) = match name_conv.split_once('!') {
                    Some((a, b)) => (a.to_string(), b.chars().next()),
                    None => (name_conv, None),
                };
                let (head, rest) = match name.find(['.', '[']) {
                    Some(k) => (name[..k].to_string(), name[k..].to_string()),
                    None => (name.clone(), String::new()),
                };
                let mut v = if head.is_empty() {
                    let v = args.get(*auto).cloned();
                    *auto += 1;
                    v.ok_or_else(|| self.exc("IndexError", format!("Replacement index {} out of range for positional args tuple", *auto - 1)))?
                } else if let Ok(k) = head.parse::<usize>() {
                    args.get(k).cloned().ok_or_else(|| {
                        self.exc("IndexError", format!("Replacement index {k} out of range for positional args tuple"))
                    })?
                } else {
                    kwargs
                        .iter()
                        .find(|(n, _)| **n == *head)
                        .map(|(_, v)| v.clone())
                        .ok_or_else(|| self.exc("KeyError", format!("'{head}'")))?
                };
                let mut rest = rest.as_str();
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('.') {
                        let end = r.find(['.', '[']).unwrap_or(r.len());
                        v = self.get_attr(&v, &r[..end])?;
                        rest = &r[end..];
                    } else if let Some(r) = rest.strip_prefix('[') {
                        let end = r.find(']').unwrap_or(r.len());
                        let key = &r[..end];
                        let k = key.parse::<i64>().map(Value::Int).unwrap_or_else(|_| Value::str(key));
                        v = self.get_item(&v, &k)?;
                        rest = r.get(end + 1..).unwrap_or("");
                    } else {
                        break;
                    }
                }
                let spec = if spec.contains('{') { self.str_format_from(&spec, args, kwargs, auto)? } else { spec };
                let conv = match conv {
                    Some('r') | Some('a') => Conversion::Repr,
                    Some('s') => Conversion::Str,
                    _ => Conversion::None,
                };
                let s = self.format_value(&v, conv, Some(&Value::Str(spec.into())))?;
                out.push_str(&s);
                i = j + 1;
            } else if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(self.value_error("Single '}' encountered in format string"));
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(out)
    }
}

/// `"..." % args`.
pub fn percent_format(vm: &mut Vm, template: &str, args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match args {
        Value::Obj(o) => match o.as_ref() {
            Obj::Tuple(t) => t.clone(),
            // A tuple subclass' instance is the argument tuple too (`"%s %s" % Point(1, 2)`).
            Obj::Instance(_) => match crate::vm::value::stand_in_value(args) {
                Some(Value::Obj(t)) if matches!(t.as_ref(), Obj::Tuple(_)) => match t.as_ref() {
                    Obj::Tuple(t) => t.clone(),
                    _ => vec![args.clone()],
                },
                _ => vec![args.clone()],
            },
            _ => vec![args.clone()],
        },
        _ => vec![args.clone()],
    };
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    let mut next = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        // `%(name)s` takes its value from the mapping by key (unicodeobject.c,
        // `unicode_format_arg_parse`: parentheses nest; the mapping is the whole `args`).
        let mut keyed = None;
        if chars.get(i) == Some(&'(') {
            let mut depth = 1;
            let key_start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            if !is_mapping(args) {
                return Err(vm.type_error("format requires a mapping"));
            }
            let key: String = chars[key_start..i - 1].iter().collect();
            keyed = Some(vm.get_item(args, &Value::str(&key))?);
        }
        let start = i;
        while i < chars.len() && !chars[i].is_ascii_alphabetic() && chars[i] != '%' {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let mut flags: String = chars[start..i - 1].iter().collect();
        if flags.contains('*') {
            flags = star_flags(vm, &flags, &items, &mut next)?;
        }
        let v = match keyed {
            Some(v) => v,
            None => {
                let v = items.get(next).cloned().ok_or_else(|| vm.type_error("not enough arguments for format string"))?;
                next += 1;
                v
            }
        };
        let (align_left, rest) = match flags.strip_prefix('-') {
            Some(r) => (true, r.to_string()),
            None => (false, flags.clone()),
        };
        let zero = rest.starts_with('0');
        let spec_str = format!(
            "{}{}{}",
            if align_left { "<" } else { "" },
            if zero && !align_left { "0" } else { "" },
            rest.trim_start_matches('0')
        );
        // `%s` and `%r` pad on the left unless `-` is given (`format()` of a str pads on
        // the right); the numeric flags `0`, `+`, ` ` and `#` do nothing to text.
        let text_spec = || {
            let size = rest.trim_start_matches(['0', '+', ' ', '#']);
            format!("{}{size}", if align_left { "<" } else { ">" })
        };
        let piece = match conv {
            's' => {
                let s = vm.to_str(&v)?;
                vm.format(&Value::Str(s.into()), &text_spec())?
            }
            'r' => {
                let s = vm.repr(&v)?;
                vm.format(&Value::Str(s.into()), &text_spec())?
            }
            'd' | 'i' => {
                let n = match &v {
                    Value::Float(f) if f.is_finite() => Value::int_from_f64(*f),
                    other => other.clone(),
                };
                vm.format(&n, &format!("{spec_str}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' => {
                let spec = if rest.contains('.') || conv != 'f' { format!("{spec_str}{conv}") } else { format!("{spec_str}.6f") };
                vm.format(&v, &spec)?
            }
            c => return Err(vm.value_error(format!("unsupported format character '{c}'"))),
        };
        out.push_str(&piece);
    }
    if next < items.len() && !is_mapping(args) {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::Str(out.into()))
}

/// Whether `%` takes `args` as a mapping (CPython: any object with `__getitem__` but
/// a tuple or a string; here a dict).
fn is_mapping(args: &Value) -> bool {
    matches!(args, Value::Obj(o) if matches!(o.as_ref(), Obj::Dict(_)))
}

/// `%*d` and `%.*f`: the width and precision taken from the arguments, written into
/// the flags (unicodeobject.c, `unicode_format_arg_parse`): a negative width aligns
/// left, a negative precision is zero, and each must fit its C type.
fn star_flags(vm: &mut Vm, flags: &str, items: &[Value], next: &mut usize) -> PyResult<String> {
    let mut take = |vm: &mut Vm| -> PyResult<Value> {
        let v = items.get(*next).cloned().ok_or_else(|| vm.type_error("not enough arguments for format string"))?;
        *next += 1;
        match v {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(v),
            _ => Err(vm.type_error("* wants int")),
        }
    };
    let (width, precision) = match flags.split_once('.') {
        Some((w, p)) => (w, Some(p)),
        None => (flags, None),
    };
    let mut out = String::new();
    match width.strip_suffix('*') {
        Some(rest) => match take(vm)? {
            Value::BigInt(_) => return Err(vm.exc("OverflowError", "Python int too large to convert to C ssize_t")),
            n => {
                let n = crate::vm::ops::int_of(&n).unwrap_or(0);
                if n < 0 && !rest.starts_with('-') {
                    out.push('-');
                }
                out.push_str(rest);
                out.push_str(&n.unsigned_abs().to_string());
            }
        },
        None => out.push_str(width),
    }
    if let Some(p) = precision {
        out.push('.');
        if p == "*" {
            match take(vm)? {
                Value::BigInt(_) => return Err(vm.exc("OverflowError", "Python int too large to convert to C int")),
                n => {
                    let n = crate::vm::ops::int_of(&n).unwrap_or(0);
                    if n > i32::MAX as i64 {
                        return Err(vm.exc("OverflowError", "Python int too large to convert to C int"));
                    }
                    out.push_str(&n.max(0).to_string());
                }
            }
        } else {
            out.push_str(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, spec: &str) -> String {
        format_float(x, &parse_spec(spec).unwrap()).unwrap()
    }

    #[test]
    fn float_repr_matches_python() {
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(123456.789), "123456.789");
        assert_eq!(float_repr(-2.5), "-2.5");
        assert_eq!(float_repr(1.2345678901234568e17), "1.2345678901234568e+17");
    }

    #[test]
    fn format_specs_round_half_to_even() {
        assert_eq!(f(2.675, ".2f"), "2.67");
        assert_eq!(f(0.125, ".2f"), "0.12");
        assert_eq!(f(1.005, ".2f"), "1.00");
        assert_eq!(f(-0.5, ".0f"), "-0");
        assert_eq!(f(3.14159, "8.3f"), "   3.142");
        assert_eq!(f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(f(0.5, ".1%"), "50.0%");
        assert_eq!(f(1.5, ""), "1.5");
        assert_eq!(f(100.0, ".3g"), "100");
        assert_eq!(f(1e-7, "g"), "1e-07");
    }

    /// Rust's formatter stops at precision 65,535; past the digits a double has, the
    /// rest are zeros, as CPython prints them.
    #[test]
    fn precisions_beyond_rusts_formatter() {
        let fixed = f(1.5, ".70000f");
        assert_eq!(fixed.len(), 70002);
        assert!(fixed.starts_with("1.5000") && fixed.ends_with("000"));
        assert_eq!(f(0.1, ".1100f"), f(0.1, ".1200f")[..1102]);
        assert!(f(0.1, ".1200f")[1102..].bytes().all(|b| b == b'0'));
        let sci = f(1.5, ".70000e");
        assert_eq!((sci.len(), &sci[sci.len() - 4..]), (70006, "e+00"));
        assert_eq!(f(2.5, ".70000g"), "2.5");
        assert_eq!(f(2.5, "#.70000g").len(), 70001);
        assert_eq!(f(0.5, ".70000%").len(), 70004);
        assert_eq!(f(5e-324, ".70000f").trim_end_matches('0').len(), 1076);
        assert_eq!(format_float(1.5, &parse_spec(".2147483648f").unwrap()), Err("precision too big".into()));
        assert_eq!(parse_spec(">9223372036854775808").unwrap_err(), "Too many decimal digits in format string");
    }

    #[test]
    fn int_and_str_specs() {
        let s = |spec: &str| parse_spec(spec).unwrap();
        assert_eq!(format_int(42, &s(">5")).unwrap(), "   42");
        assert_eq!(format_int(42, &s("05d")).unwrap(), "00042");
        assert_eq!(format_int(1234567, &s(",")).unwrap(), "1,234,567");
        assert_eq!(format_int(255, &s("#x")).unwrap(), "0xff");
        assert_eq!(format_str("ab", &s("^6")).unwrap(), "  ab  ");
        assert_eq!(format_str("ab", &s("*<4")).unwrap(), "ab**");
    }

    #[test]
    fn big_int_specs() {
        let s = |spec: &str| parse_spec(spec).unwrap();
        let b: BigInt = "1267650600228229401496703205376".parse().unwrap();
        assert_eq!(format_bigint(&b, &s(",")).unwrap(), "1,267,650,600,228,229,401,496,703,205,376");
        assert_eq!(format_bigint(&-&b, &s("_x")).unwrap(), "-10_0000_0000_0000_0000_0000_0000");
        assert_eq!(format_bigint(&b, &s("#X")).unwrap(), "0X10000000000000000000000000");
        assert_eq!(format_bigint(&b, &s(">33")).unwrap(), "  1267650600228229401496703205376");
        assert_eq!(format_bigint(&b, &s("e")).unwrap(), "1.267651e+30");
        assert!(format_bigint(&b, &s(",x")).is_err());
        assert_eq!(format_int(12345, &s("09,")).unwrap(), "0,012,345");
        assert_eq!(format_int(255, &s("#010_x")).unwrap(), "0x000_00ff");
        assert_eq!(bigint_str(&-&b).unwrap(), "-1267650600228229401496703205376");
        let huge: BigInt = num_traits::Pow::pow(BigInt::from(10), 4300u32);
        assert!(bigint_str(&huge).is_err());
        assert_eq!(bigint_str(&(huge - 1)).unwrap().len(), 4300);
    }

    #[test]
    fn round_is_half_even() {
        assert_eq!(round_float(2.675, 2), 2.67);
        assert_eq!(round_float(0.5, 0), 0.0);
        assert_eq!(round_float(1.5, 0), 2.0);
        assert_eq!(round_float(1250.0, -2), 1200.0);
    }
}
