//! Bar charts as SVG, in the text colour (`currentColor`): black on white when printed, and
//! readable without colour — every bar carries its label and its number as text. The SVG is
//! hidden from screen readers; each chart's figure has a table of the same numbers.

use leptos::prelude::*;

/// Width of the drawing (the SVG scales to the page).
const W: u32 = 640;

fn scale(value: u32, max: u32, length: u32) -> u32 {
    if max == 0 {
        0
    } else {
        (u64::from(value) * u64::from(length) / u64::from(max)) as u32
    }
}

/// Horizontal bars: label left, bar, number right of the bar.
pub fn bars(rows: Vec<(String, u32)>) -> impl IntoView {
    const ROW: u32 = 32;
    const LABEL: u32 = 220;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = ROW * rows.len() as u32 + 4;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let y = i as u32 * ROW + 4;
            let len = scale(value, max, W - LABEL - 60);
            view! {
                <text x="0" y=y + 18 font-size="15" fill="currentColor">{label}</text>
                <rect x=LABEL y=y width=len.max(1) height=ROW - 10 fill="currentColor"></rect>
                <text x=LABEL + len + 6 y=y + 18 font-size="15" fill="currentColor">{value}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {W} {height}") aria-hidden="true"
            focusable="false">{bars}</svg>
    }
}

/// Vertical columns over days: every column labelled below (or every n-th when many), its
/// number above it when there is room.
pub fn columns(rows: Vec<(String, u32)>) -> impl IntoView {
    const TOP: u32 = 20;
    const PLOT: u32 = 180;
    const LEFT: u32 = 36;
    let n = rows.len().max(1) as u32;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let step = (W - LEFT) / n;
    let width = (step * 7 / 10).max(1);
    let every = n.div_ceil(12);
    let numbers = n <= 20;
    let columns = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let i = i as u32;
            let h = scale(value, max, PLOT);
            let x = LEFT + i * step + (step - width) / 2;
            let mid = x + width / 2;
            let base = TOP + PLOT;
            view! {
                <rect x=x y=base - h width=width height=h fill="currentColor"></rect>
                {numbers.then(|| view! {
                    <text x=mid y=base - h - 4 font-size="13" text-anchor="middle" fill="currentColor">{value}</text>
                })}
                {i.is_multiple_of(every).then(|| view! {
                    <text x=mid y=base + 18 font-size="13" text-anchor="middle" fill="currentColor">{label}</text>
                })}
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {W} {}", TOP + PLOT + 26) aria-hidden="true"
            focusable="false">
            <line x1=LEFT y1=TOP + PLOT x2=W y2=TOP + PLOT stroke="currentColor" stroke-width="2"></line>
            <text x="0" y=TOP + 5 font-size="13" fill="currentColor">{max}</text>
            <line x1=LEFT y1=TOP x2=W y2=TOP stroke="currentColor" stroke-dasharray="4 4"></line>
            {columns}
        </svg>
    }
}
