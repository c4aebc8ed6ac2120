//! Knobs: controls that edit the program text (a semaphore's count, how many workers, which
//! task fails, lock on or off, sleep durations). Each shows the value the program has now, so
//! the code stays the truth; one whose text was edited away is shown disabled.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::ui::gallery::{Knob, KnobKind};

/// Props of [`Knobs`].
#[derive(Properties, PartialEq)]
pub struct KnobsProps {
    /// The entry's controls.
    pub knobs: Vec<Knob>,
    /// The program, which the controls read their values from.
    pub source: AttrValue,
    /// Called with (knob index, new value as a literal).
    pub onknob: Callback<(usize, String)>,
}

/// The knobs of a gallery entry.
#[function_component(Knobs)]
pub fn knobs(props: &KnobsProps) -> Html {
    html! {
        <div class="knobs" role="group" aria-label="Knobs: they edit the program">
            { for props.knobs.iter().enumerate().map(|(i, k)| knob(i, k, &props.source, &props.onknob)) }
        </div>
    }
}

fn knob(index: usize, k: &Knob, source: &str, onknob: &Callback<(usize, String)>) -> Html {
    let value = k.read(source);
    let id = format!("knob-{index}");
    let missing = value.is_none();
    let title = if missing {
        format!("Not found in the program: this knob edits the value after `{}`", k.anchor)
    } else {
        format!("Edits the value after `{}` in the program", k.anchor)
    };
    let value = value.unwrap_or_default();
    let control = match &k.kind {
        KnobKind::Bool => {
            let onchange = onknob.reform(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                (index, if on { "True" } else { "False" }.to_string())
            });
            html! {
                <input type="checkbox" role="switch" class="switch" id={id.clone()} checked={value == "True"}
                    disabled={missing} {onchange} />
            }
        }
        KnobKind::Choice(options) => {
            let onchange = onknob.reform(move |e: Event| (index, e.target_unchecked_into::<HtmlSelectElement>().value()));
            html! {
                <select id={id.clone()} disabled={missing} {onchange}>
                    { for options.iter().map(|o| html! { <option value={o.clone()} selected={*o == value}>{ o.clone() }</option> }) }
                </select>
            }
        }
        KnobKind::Int { .. } | KnobKind::Number { .. } => {
            let options = k.options();
            let position = options.iter().position(|o| parse(o) == parse(&value)).unwrap_or(0);
            let opts = options.clone();
            let onchange = onknob.reform(move |e: Event| {
                let i: usize = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0);
                (index, opts.get(i).cloned().unwrap_or_default())
            });
            html! {
                <span class="range">
                    <input type="range" id={id.clone()} min="0" max={(options.len().max(1) - 1).to_string()} step="1"
                        value={position.to_string()} disabled={missing} {onchange}
                        aria-valuetext={value.clone()} />
                    <output for={id.clone()} class="range-value">{ if missing { "—".to_string() } else { value.clone() } }</output>
                </span>
            }
        }
    };
    html! {
        <div class={classes!("knob", missing.then_some("missing"))} title={title}>
            <label for={id}>{ k.label.clone() }</label>
            { control }
        </div>
    }
}

fn parse(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}
