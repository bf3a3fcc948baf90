//! Bar charts as SVG, in the text colour (`currentColor`): black on white when printed, and
//! readable without colour — every bar carries its label and its number as text. The SVG is
//! hidden from screen readers; each chart's figure has a table of the same numbers. The
//! layout is `werkstadt_domain::chart`'s (shared with the staff app's committee report).

use leptos::prelude::*;
use werkstadt_domain::chart;

/// Horizontal bars: label left, bar, number right of the bar.
pub fn bars(rows: Vec<(String, u32)>) -> impl IntoView {
    let values: Vec<u32> = rows.iter().map(|r| r.1).collect();
    let layout = chart::bars(&values);
    let bars = rows
        .into_iter()
        .zip(layout.rows)
        .map(|((label, value), b)| {
            view! {
                <text x="0" y=b.text_y font-size="15" fill="currentColor">{label}</text>
                <rect x=b.bar_x y=b.bar_y width=b.bar_width height=b.bar_height fill="currentColor"></rect>
                <text x=b.value_x y=b.text_y font-size="15" fill="currentColor">{value}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {} {}", layout.width, layout.height)
            aria-hidden="true" focusable="false">{bars}</svg>
    }
}

/// Vertical columns over days: every column labelled below (or every n-th when many), its
/// number above it when there is room.
pub fn columns(rows: Vec<(String, u32)>) -> impl IntoView {
    let values: Vec<u32> = rows.iter().map(|r| r.1).collect();
    let c = chart::columns(&values);
    let columns = rows
        .into_iter()
        .zip(c.columns)
        .map(|((label, value), col)| {
            view! {
                <rect x=col.x y=col.y width=col.width height=col.height fill="currentColor"></rect>
                {col.value_y.map(|y| view! {
                    <text x=col.mid y=y font-size="13" text-anchor="middle" fill="currentColor">{value}</text>
                })}
                {col.label_y.map(|y| view! {
                    <text x=col.mid y=y font-size="13" text-anchor="middle" fill="currentColor">{label}</text>
                })}
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {} {}", c.width, c.height) aria-hidden="true"
            focusable="false">
            <line x1=c.left y1=c.base x2=c.width y2=c.base stroke="currentColor" stroke-width="2"></line>
            <text x="0" y=c.top_text_y font-size="13" fill="currentColor">{c.max}</text>
            <line x1=c.left y1=c.top x2=c.width y2=c.top stroke="currentColor" stroke-dasharray="4 4"></line>
            {columns}
        </svg>
    }
}
