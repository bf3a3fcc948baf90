//! The result of a matrix: per-cell means and spread, per-option totals and the ranking.

use super::{Criterion, MatrixOption, Score};
use crate::ids::{CriterionId, MatrixOptionId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Totals closer than this rank as equal (they are sums of a few means, each a ratio of small
/// integers: a real difference is far larger).
pub const TIE_EPSILON: f64 = 1e-9;

/// One cell (option × criterion) over the experts who scored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellResult {
    pub option_id: MatrixOptionId,
    pub criterion_id: CriterionId,
    /// Experts who scored it (at least 1: unscored cells are left out).
    pub count: u32,
    pub mean: f64,
    pub min: u8,
    pub max: u8,
    /// Population standard deviation (0 for one expert, or when all agree).
    pub std_dev: f64,
}

/// One option's totals over the criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionResult {
    pub option_id: MatrixOptionId,
    /// Sum of the cell means.
    pub total: f64,
    /// Sum of weight × cell mean.
    pub weighted_total: f64,
    /// 1 for the highest weighted total; equal totals share a rank (1, 2, 2, 4).
    pub rank: u32,
    /// Cells of this option scored by at least one expert.
    pub scored_cells: u32,
}

/// A matrix's result: cells in option-then-criterion order, options in the matrix's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixResult {
    /// Sheets with at least one score.
    pub sheets: u32,
    pub cells: Vec<CellResult>,
    pub options: Vec<OptionResult>,
}

/// Integer sums of one cell: count, Σx, Σx², min, max. Order-independent by construction.
#[derive(Clone, Copy)]
struct Sums {
    n: u64,
    sum: u64,
    squares: u64,
    min: u8,
    max: u8,
}

impl Sums {
    fn add(&mut self, x: u8) {
        let v = u64::from(x);
        self.n += 1;
        self.sum += v;
        self.squares += v * v;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
    }

    #[allow(clippy::cast_precision_loss)] // counts and sums of points are far below 2^52
    fn cell(&self, option_id: MatrixOptionId, criterion_id: CriterionId) -> CellResult {
        let n = self.n as f64;
        let mean = self.sum as f64 / n;
        // n·Σx² − (Σx)² is exact in integers and never negative.
        let spread = (self.n * self.squares).saturating_sub(self.sum * self.sum) as f64;
        CellResult {
            option_id,
            criterion_id,
            count: u32::try_from(self.n).unwrap_or(u32::MAX),
            mean,
            min: self.min,
            max: self.max,
            std_dev: (spread / (n * n)).sqrt(),
        }
    }
}

/// Computes the result of `sheets` (each one expert's scores) for the matrix's options and
/// criteria. Scores of cells the matrix does not have are ignored.
pub fn compute(
    options: &[MatrixOption],
    criteria: &[Criterion],
    sheets: &[Vec<Score>],
) -> MatrixResult {
    let mut sums: BTreeMap<(MatrixOptionId, CriterionId), Sums> = BTreeMap::new();
    for score in sheets.iter().flatten() {
        sums.entry((score.option_id, score.criterion_id))
            .or_insert(Sums {
                n: 0,
                sum: 0,
                squares: 0,
                min: u8::MAX,
                max: 0,
            })
            .add(score.score);
    }
    let mut cells = Vec::new();
    let mut totals = Vec::with_capacity(options.len());
    for o in options {
        let (mut total, mut weighted, mut scored) = (0.0, 0.0, 0);
        for c in criteria {
            if let Some(s) = sums.get(&(o.id, c.id)) {
                let cell = s.cell(o.id, c.id);
                total += cell.mean;
                weighted += f64::from(c.weight) * cell.mean;
                scored += 1;
                cells.push(cell);
            }
        }
        totals.push(OptionResult {
            option_id: o.id,
            total,
            weighted_total: weighted,
            rank: 0,
            scored_cells: scored,
        });
    }
    let ranked: Vec<f64> = totals.iter().map(|t| t.weighted_total).collect();
    for t in &mut totals {
        let higher = ranked
            .iter()
            .filter(|&&w| w > t.weighted_total + TIE_EPSILON)
            .count();
        t.rank = u32::try_from(higher + 1).unwrap_or(u32::MAX);
    }
    MatrixResult {
        sheets: u32::try_from(sheets.iter().filter(|s| !s.is_empty()).count()).unwrap_or(u32::MAX),
        cells,
        options: totals,
    }
}
