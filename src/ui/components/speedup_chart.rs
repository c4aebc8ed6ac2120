//! The speedup chart of real mode: T1/Tk against k workers, drawn as SVG beside the ideal
//! (k× with k workers), with the same figures as a table for tests and screen readers.

use yew::prelude::*;

use crate::ui::real::{ChartScale, Speedup};

const WIDTH: f64 = 280.0;
const HEIGHT: f64 = 160.0;

/// Props of [`SpeedupChart`].
#[derive(Properties, PartialEq)]
pub struct SpeedupChartProps {
    /// The measured speedups to plot.
    pub speedup: Speedup,
}

/// Speedup against worker count, as a chart and a table.
#[function_component(SpeedupChart)]
pub fn speedup_chart(props: &SpeedupChartProps) -> Html {
    let sp = &props.speedup;
    let points = sp.points();
    let scale = ChartScale::new(WIDTH, HEIGHT, sp.cores, points.iter().map(|p| p.2));
    let line: String = points.iter().map(|&(k, _, s)| format!("{:.1},{:.1}", scale.x(k), scale.y(s))).collect::<Vec<_>>().join(" ");
    let ideal = format!("{:.1},{:.1} {:.1},{:.1}", scale.x(1), scale.y(1.0), scale.x(sp.cores), scale.y(sp.cores as f64));
    let base = HEIGHT - scale.bottom;
    let y_ticks: Vec<u32> = (0..=scale.max_y as u32).collect();
    let status = match (&sp.ended_early, sp.done()) {
        (Some(why), _) => format!("Measurement ended early: {why}."),
        (None, true) => format!("Best of {} rounds for each worker count.", crate::ui::real::measure::ROUNDS),
        (None, false) => format!("Measuring… {} of {} worker counts.", points.len(), sp.cores),
    };
    html! {
        <figure class="speedup">
            <svg class="speedup-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label="Speedup against the number of workers">
                { for y_ticks.iter().map(|&t| {
                    let y = scale.y(t as f64);
                    html! {
                        <g class="tick">
                            <line x1={scale.left.to_string()} x2={(WIDTH - 4.0).to_string()} y1={y.to_string()} y2={y.to_string()} />
                            <text x={(scale.left - 6.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">{ format!("{t}×") }</text>
                        </g>
                    }
                }) }
                { for (1..=sp.cores).map(|k| html! {
                    <text class="k-label" x={scale.x(k).to_string()} y={(base + 16.0).to_string()} text-anchor="middle">{ k.to_string() }</text>
                }) }
                <polyline class="ideal" points={ideal} />
                <polyline class="measured" points={line} />
                { for points.iter().map(|&(k, _, s)| html! {
                    <circle class="point" cx={scale.x(k).to_string()} cy={scale.y(s).to_string()} r="3.5" />
                }) }
            </svg>
            <figcaption>
                <table class="speedup-table">
                    <thead><tr><th scope="col">{ "Workers" }</th><th scope="col">{ "Wall time" }</th><th scope="col">{ "Speedup" }</th></tr></thead>
                    <tbody>
                        { for points.iter().map(|&(k, t, s)| html! {
                            <tr data-k={k.to_string()} data-speedup={format!("{s:.3}")}>
                                <td>{ k.to_string() }</td><td>{ format!("{t:.0} ms") }</td><td>{ format!("{s:.2}×") }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="speedup-status" aria-live="polite">{ status }</p>
            </figcaption>
        </figure>
    }
}
