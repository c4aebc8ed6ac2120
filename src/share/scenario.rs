//! Gallery entries and their knobs.
//!
//! A gallery entry is one Python file whose first lines, each starting with `#|`, say what it
//! is; the rest is the program the editor shows:
//!
//! ```text
//! #| slug: semaphore
//! #| title: Semaphore: limited entry tickets
//! #| guide: 17. asyncio.Semaphore & Event
//! #| knob: asyncio.Semaphore( | Tickets | int 1..5
//! #|
//! #| A paragraph in the guide's voice, over as many `#|` lines as it needs.
//! import asyncio
//! ```
//!
//! A knob edits the program text, so the code stays the truth: it names an *anchor*, text that
//! appears in the program (`asyncio.Semaphore(`, `WORKERS =`), and its value is the Python
//! literal right after the first occurrence of the anchor. Reading a knob reads the program;
//! turning it rewrites that literal. If the user edits the anchor away, the knob is simply not
//! found ([`Knob::read`] is `None`) until it comes back.

/// A parsed gallery entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The entry's link name: `#example=semaphore`.
    pub slug: String,
    /// The title shown on its card.
    pub title: String,
    /// The guide section it follows: `17. asyncio.Semaphore & Event`.
    pub guide: String,
    /// The explanation, paragraphs separated by blank `#|` lines; `code` in backticks.
    pub paragraphs: Vec<String>,
    /// The controls that edit the program.
    pub knobs: Vec<Knob>,
    /// The program, without the header.
    pub program: String,
}

/// A control that edits one literal of the program.
#[derive(Debug, Clone, PartialEq)]
pub struct Knob {
    /// The text the literal follows, e.g. `asyncio.Semaphore(` or `WORKERS =`.
    pub anchor: String,
    /// What the control is labelled.
    pub label: String,
    /// What values it takes.
    pub kind: KnobKind,
}

/// The values a knob offers.
#[derive(Debug, Clone, PartialEq)]
pub enum KnobKind {
    /// `True` / `False`.
    Bool,
    /// Whole numbers from `min` to `max`.
    Int {
        /// The smallest value.
        min: i64,
        /// The largest value.
        max: i64,
    },
    /// Numbers from `min` to `max` in steps of `step` (durations in seconds).
    Number {
        /// The smallest value.
        min: f64,
        /// The largest value.
        max: f64,
        /// The step.
        step: f64,
    },
    /// One of these strings (written as double-quoted literals).
    Choice(Vec<String>),
}

impl Entry {
    /// Parses a gallery file.
    pub fn parse(file: &str) -> Result<Entry, String> {
        let mut entry = Entry {
            slug: String::new(),
            title: String::new(),
            guide: String::new(),
            paragraphs: Vec::new(),
            knobs: Vec::new(),
            program: String::new(),
        };
        let mut in_text = false;
        let mut paragraph = String::new();
        let mut rest = file;
        while let Some(line) = rest.strip_prefix("#|") {
            let (line, after) = line.split_once('\n').unwrap_or((line, ""));
            rest = after;
            let line = line.trim();
            if in_text {
                if line.is_empty() {
                    if !paragraph.is_empty() {
                        entry.paragraphs.push(std::mem::take(&mut paragraph));
                    }
                } else {
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(line);
                }
                continue;
            }
            if line.is_empty() {
                in_text = true;
                continue;
            }
            let (key, value) = line.split_once(':').ok_or_else(|| format!("header line without a key: {line:?}"))?;
            let value = value.trim().to_string();
            match key.trim() {
                "slug" => entry.slug = value,
                "title" => entry.title = value,
                "guide" => entry.guide = value,
                "knob" => entry.knobs.push(Knob::parse(&value)?),
                other => return Err(format!("unknown header key {other:?}")),
            }
        }
        if !paragraph.is_empty() {
            entry.paragraphs.push(paragraph);
        }
        if entry.slug.is_empty() || entry.title.is_empty() {
            return Err("a gallery entry needs a slug and a title".into());
        }
        entry.program = rest.to_string();
        for knob in &entry.knobs {
            if knob.read(&entry.program).is_none() {
                return Err(format!("knob {:?}: no literal after {:?} in the program", knob.label, knob.anchor));
            }
        }
        Ok(entry)
    }
}

impl Knob {
    /// Parses `anchor | label | kind`, where kind is `bool`, `int 1..5`,
    /// `number 0.5..4 by 0.5` or `choice "a" "b"`.
    pub fn parse(spec: &str) -> Result<Knob, String> {
        let parts: Vec<&str> = spec.split('|').map(str::trim).collect();
        let [anchor, label, kind] = parts[..] else {
            return Err(format!("a knob is `anchor | label | kind`, not {spec:?}"));
        };
        let bad = || format!("knob {label:?}: cannot read the kind {kind:?}");
        let range = |s: &str| -> Option<(f64, f64)> {
            let (a, b) = s.split_once("..")?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        };
        let kind = match kind.split_once(' ').unwrap_or((kind, "")) {
            ("bool", _) => KnobKind::Bool,
            ("int", r) => {
                let (min, max) = range(r).ok_or_else(bad)?;
                KnobKind::Int { min: min as i64, max: max as i64 }
            }
            ("number", r) => {
                let (r, step) = r.split_once(" by ").ok_or_else(bad)?;
                let (min, max) = range(r).ok_or_else(bad)?;
                KnobKind::Number { min, max, step: step.trim().parse().map_err(|_| bad())? }
            }
            ("choice", options) => {
                let options: Vec<String> =
                    options.split('"').enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, s)| s.to_string()).collect();
                if options.is_empty() {
                    return Err(bad());
                }
                KnobKind::Choice(options)
            }
            _ => return Err(bad()),
        };
        // The anchor ends where the literal begins: `WORKERS =` matches `WORKERS = 4`.
        Ok(Knob { anchor: anchor.trim_end().to_string(), label: label.to_string(), kind })
    }

    /// The knob's value in `program`: the literal's text (`2`, `1.5`, `True`, `"boil"` without
    /// its quotes), or `None` if the anchor or the literal is gone.
    pub fn read(&self, program: &str) -> Option<String> {
        let (start, end) = self.literal_span(program)?;
        let lit = &program[start..end];
        Some(match self.kind {
            KnobKind::Choice(_) => lit[1..lit.len() - 1].to_string(),
            _ => lit.to_string(),
        })
    }

    /// `program` with the knob set to `value` (as [`Knob::read`] returns it), or `None` if the
    /// anchor is gone.
    pub fn apply(&self, program: &str, value: &str) -> Option<String> {
        let (start, end) = self.literal_span(program)?;
        let literal = match self.kind {
            KnobKind::Choice(_) => format!("\"{}\"", value.replace(['"', '\\', '\n'], "")),
            KnobKind::Bool => if value == "True" { "True" } else { "False" }.to_string(),
            _ => value.to_string(),
        };
        Some(format!("{}{}{}", &program[..start], literal, &program[end..]))
    }

    /// Where the literal after the anchor is: skips spaces, then takes a quoted string, or a
    /// run of the characters numbers and names are made of.
    fn literal_span(&self, program: &str) -> Option<(usize, usize)> {
        let at = program.find(&self.anchor)? + self.anchor.len();
        let after = &program[at..];
        let start = at + (after.len() - after.trim_start_matches(' ').len());
        let rest = &program[start..];
        let len = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].find(q).map(|i| i + 2)?,
            _ => rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')).unwrap_or(rest.len()),
        };
        (len > 0).then_some((start, start + len))
    }

    /// The values to offer, in order (for sliders and menus), as literal text.
    pub fn options(&self) -> Vec<String> {
        match &self.kind {
            KnobKind::Bool => vec!["False".into(), "True".into()],
            KnobKind::Int { min, max } => (*min..=*max).map(|v| v.to_string()).collect(),
            KnobKind::Number { min, max, step } => {
                let count = ((max - min) / step).round() as i64;
                (0..=count).map(|i| number_literal(min + *step * i as f64)).collect()
            }
            KnobKind::Choice(options) => options.clone(),
        }
    }
}

/// A number as a short Python literal: `2`, `1.5`, `0.25`.
pub fn number_literal(v: f64) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gallery the UI ships (its list lives with the files).
    const GALLERY: &[(&str, &str)] = include!("../ui/gallery/files.rs");

    const FILE: &str = "#| slug: sem\n#| title: Semaphore\n#| guide: 17. Semaphore\n\
#| knob: asyncio.Semaphore( | Tickets | int 1..5\n#| knob: WORKERS = | Workers | int 1..8\n\
#| knob: FAILING = | Which fails | choice \"none\" \"a\"\n#| knob: USE = | Use it | bool\n\
#| knob: asyncio.sleep( | Work (s) | number 0.5..2 by 0.5\n#|\n#| First `paragraph`\n#| goes on.\n#|\n#| Second.\n\
import asyncio\nWORKERS = 4\nFAILING = \"a\"\nUSE = True\nsem = asyncio.Semaphore(2)\nawait asyncio.sleep(1.5)  # x\n";

    #[test]
    fn parses_the_header_and_keeps_the_program() {
        let e = Entry::parse(FILE).unwrap();
        assert_eq!((e.slug.as_str(), e.title.as_str(), e.guide.as_str()), ("sem", "Semaphore", "17. Semaphore"));
        assert_eq!(e.paragraphs, ["First `paragraph` goes on.", "Second."]);
        assert!(e.program.starts_with("import asyncio\n"));
        assert_eq!(e.knobs.len(), 5);
        assert_eq!(e.knobs[0].kind, KnobKind::Int { min: 1, max: 5 });
        assert_eq!(e.knobs[2].kind, KnobKind::Choice(vec!["none".into(), "a".into()]));
        assert_eq!(e.knobs[4].kind, KnobKind::Number { min: 0.5, max: 2.0, step: 0.5 });
    }

    #[test]
    fn knobs_read_and_rewrite_the_literal_after_their_anchor() {
        let e = Entry::parse(FILE).unwrap();
        let p = &e.program;
        let values: Vec<String> = e.knobs.iter().map(|k| k.read(p).unwrap()).collect();
        assert_eq!(values, ["2", "4", "a", "True", "1.5"]);
        let p2 = e.knobs[0].apply(p, "3").unwrap();
        assert!(p2.contains("asyncio.Semaphore(3)\n"));
        let p3 = e.knobs[2].apply(&p2, "none").unwrap();
        assert!(p3.contains("FAILING = \"none\"\n"));
        let p4 = e.knobs[3].apply(&p3, "False").unwrap();
        assert!(p4.contains("USE = False\n"));
        let p5 = e.knobs[4].apply(&p4, "0.5").unwrap();
        assert!(p5.contains("await asyncio.sleep(0.5)  # x\n"));
        assert_eq!(e.knobs[4].read(&p5).unwrap(), "0.5");
        // Only the literal changed.
        assert_eq!(p5.len(), p.len() + 4);
    }

    #[test]
    fn a_knob_whose_anchor_was_edited_away_is_not_found() {
        let k = Knob::parse("WORKERS = | Workers | int 1..8").unwrap();
        assert_eq!(k.read("WORKERS=3"), None);
        assert_eq!(k.apply("print(1)", "3"), None);
        assert_eq!(k.read("WORKERS = "), None);
    }

    #[test]
    fn choice_values_cannot_break_out_of_their_string() {
        let k = Knob::parse("F = | F | choice \"a\" \"b\"").unwrap();
        assert_eq!(k.apply("F = \"a\"\n", "x\"\nimport os").unwrap(), "F = \"ximport os\"\n");
    }

    #[test]
    fn options_list_every_value() {
        let k = Knob::parse("a( | A | number 0.5..2 by 0.5").unwrap();
        assert_eq!(k.options(), ["0.5", "1", "1.5", "2"]);
        assert_eq!(Knob::parse("a( | A | int 1..3").unwrap().options(), ["1", "2", "3"]);
        assert_eq!(Knob::parse("a( | A | bool").unwrap().options(), ["False", "True"]);
    }

    #[test]
    fn bad_headers_are_reported() {
        assert!(Entry::parse("#| title: x\nprint()").is_err());
        assert!(Entry::parse("#| slug: a\n#| title: x\n#| colour: red\n").is_err());
        assert!(Knob::parse("a | b").is_err());
        assert!(Knob::parse("a | b | int x").is_err());
        assert!(Entry::parse("#| slug: a\n#| title: x\n#| knob: NOPE = | N | int 1..2\nprint()").is_err());
    }

    #[test]
    fn every_gallery_entry_parses_with_working_knobs() {
        for (name, file) in GALLERY {
            let e = Entry::parse(file).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!(format!("{}.py", e.slug), *name, "the slug is the file name");
            assert!(!e.paragraphs.is_empty(), "{name} has a paragraph");
            for k in &e.knobs {
                let value = k.read(&e.program).unwrap();
                assert!(k.options().contains(&value), "{name}: knob {:?} = {value} is one of its options", k.label);
                for option in k.options() {
                    let edited = k.apply(&e.program, &option).unwrap();
                    assert_eq!(k.read(&edited).as_deref(), Some(option.as_str()), "{name}: {}", k.label);
                }
            }
        }
    }
}
