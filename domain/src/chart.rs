//! The layout of the bar charts the web apps draw as SVG (the citizen results page and the
//! committee report): where each bar, its label and its number go, in drawing units of a
//! [`WIDTH`]-wide view box that the SVG scales to the page. Pure geometry — both apps render
//! the same layout in their own views, so the two charts cannot drift apart.
//!
//! Invariants: a bar's length is proportional to its value (the largest value spans the
//! plot; integer units, rounded down), nothing is drawn outside the view box, and no value
//! (not even all zeros) divides by zero.

/// Width of the drawing.
pub const WIDTH: u32 = 640;

/// Length of `value` on a scale where `max` spans `length`.
pub fn scale(value: u32, max: u32, length: u32) -> u32 {
    if max == 0 {
        0
    } else {
        u32::try_from(u64::from(value.min(max)) * u64::from(length) / u64::from(max))
            .unwrap_or(length)
    }
}

/// One row of a horizontal bar chart: its label at the left edge, the bar, its number right
/// of the bar; both texts on the baseline `text_y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarRow {
    pub text_y: u32,
    pub bar_x: u32,
    pub bar_y: u32,
    /// At least 1: a zero still shows where its bar would start.
    pub bar_width: u32,
    pub bar_height: u32,
    pub value_x: u32,
}

/// A horizontal bar chart: one row per value, top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bars {
    pub width: u32,
    pub height: u32,
    pub rows: Vec<BarRow>,
}

/// Row pitch, label column and the room kept for the number right of the longest bar.
const ROW: u32 = 32;
const LABEL: u32 = 220;
const NUMBER: u32 = 60;

/// The layout of horizontal bars for `values`.
pub fn bars(values: &[u32]) -> Bars {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let rows: Vec<BarRow> = (0u32..)
        .zip(values)
        .map(|(i, &value)| {
            let y = i * ROW + 4;
            let len = scale(value, max, WIDTH - LABEL - NUMBER);
            BarRow {
                text_y: y + 18,
                bar_x: LABEL,
                bar_y: y,
                bar_width: len.max(1),
                bar_height: ROW - 10,
                value_x: LABEL + len + 6,
            }
        })
        .collect();
    Bars {
        width: WIDTH,
        height: ROW * u32::try_from(rows.len()).unwrap_or(u32::MAX / ROW) + 4,
        rows,
    }
}

/// One column of a column chart: the bar from `y` down to the axis, the number above it (if
/// there is room for numbers), the label below the axis (if this column is labelled); texts
/// centred on `mid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub mid: u32,
    pub value_y: Option<u32>,
    pub label_y: Option<u32>,
}

/// A column chart over days: a baseline axis, a dashed line at the top marked with the
/// largest value, the columns left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    pub width: u32,
    pub height: u32,
    /// Where the axis and the top line start (the top line's number stands left of it).
    pub left: u32,
    /// The top line's height and its number's baseline.
    pub top: u32,
    pub top_text_y: u32,
    /// The axis.
    pub base: u32,
    /// The value the top line marks.
    pub max: u32,
    pub columns: Vec<Column>,
}

const TOP: u32 = 20;
const PLOT: u32 = 180;
const LEFT: u32 = 36;
/// Most labels under the axis (every n-th column is labelled when there are more).
const LABELS_MAX: u32 = 12;
/// Most columns that carry their number.
const NUMBERS_MAX: u32 = 20;

/// The layout of columns for `values` (e.g. one per day).
pub fn columns(values: &[u32]) -> Columns {
    let n = u32::try_from(values.len()).unwrap_or(u32::MAX).max(1);
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let step = (WIDTH - LEFT) / n;
    let width = (step * 7 / 10).max(1);
    let every = n.div_ceil(LABELS_MAX);
    let numbers = n <= NUMBERS_MAX;
    let base = TOP + PLOT;
    let columns = (0u32..)
        .zip(values)
        .map(|(i, &value)| {
            let h = scale(value, max, PLOT);
            let x = LEFT + i * step + step.saturating_sub(width) / 2;
            Column {
                x,
                y: base - h,
                width,
                height: h,
                mid: x + width / 2,
                value_y: numbers.then(|| base - h - 4),
                label_y: i.is_multiple_of(every).then_some(base + 18),
            }
        })
        .collect();
    Columns {
        width: WIDTH,
        height: base + 26,
        left: LEFT,
        top: TOP,
        top_text_y: TOP + 5,
        base,
        max,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_the_longest_spans_the_plot() {
        let b = bars(&[10, 5, 0, 3]);
        let widths: Vec<u32> = b.rows.iter().map(|r| r.bar_width).collect();
        assert_eq!(widths, [360, 180, 1, 108]);
        assert_eq!(
            b.rows[2].value_x,
            LABEL + 6,
            "a zero's number at the bar's start"
        );
        assert_eq!(b.height, 4 * ROW + 4);
        for r in &b.rows {
            assert!(r.value_x + NUMBER - 6 <= b.width);
            assert!(r.bar_y + r.bar_height < b.height);
        }
        let ys: Vec<u32> = b.rows.iter().map(|r| r.bar_y).collect();
        assert_eq!(ys, [4, 36, 68, 100]);
    }

    #[test]
    fn no_values_or_only_zeros_draw_without_dividing_by_zero() {
        assert!(bars(&[]).rows.is_empty());
        assert!(bars(&[0, 0]).rows.iter().all(|r| r.bar_width == 1));
        let c = columns(&[0, 0, 0]);
        assert!(c.columns.iter().all(|x| x.height == 0 && x.y == c.base));
        assert_eq!(c.max, 1);
        assert!(columns(&[]).columns.is_empty());
        assert_eq!(scale(5, 0, 100), 0);
    }

    #[test]
    fn columns_stand_on_the_axis_within_the_drawing() {
        let c = columns(&[1, 4, 2]);
        assert_eq!(c.max, 4);
        let heights: Vec<u32> = c.columns.iter().map(|x| x.height).collect();
        assert_eq!(heights, [45, 180, 90]);
        for x in &c.columns {
            assert_eq!(x.y + x.height, c.base);
            assert!(x.x >= c.left && x.x + x.width <= c.width);
            assert_eq!(x.value_y, Some(x.y - 4));
            assert_eq!(x.label_y, Some(c.base + 18));
        }
        assert!(c.columns.windows(2).all(|w| w[0].x + w[0].width < w[1].x));
    }

    #[test]
    fn many_days_label_every_nth_column_and_drop_the_numbers() {
        let c = columns(&[1; 30]);
        let labelled: Vec<usize> = (0..30)
            .filter(|&i| c.columns[i].label_y.is_some())
            .collect();
        assert_eq!(labelled, [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
        assert!(c.columns.iter().all(|x| x.value_y.is_none()));
        assert!(columns(&[1; 20])
            .columns
            .iter()
            .all(|x| x.value_y.is_some()));
        let wide = columns(&[1; 1000]);
        assert!(wide.columns.iter().all(|x| x.width == 1));
    }
}
