//! The `matrices` dataset: the results of a process's published evaluation matrices, one row
//! per option × criterion (in the matrix's order) with the cell's mean and spread and the
//! option's totals and rank repeated on each of its rows, so a spreadsheet can filter and sort
//! without joining. Only aggregates: how many experts scored a cell, never who; no notes.
//! A matrix without criteria (advantages and disadvantages only) has no rows.

use super::{iso_date, opt, CsvRow};
use crate::ids::{CriterionId, IdeaId, MatrixId, MatrixOptionId, ProjectId};
use crate::matrix::{OptionSource, PublicMatrix};
use serde::{Deserialize, Serialize};

/// One cell of a published matrix with its option's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixRow {
    pub matrix_id: MatrixId,
    pub matrix: String,
    /// When the matrix last changed: its publication (ms since the Unix epoch).
    pub published_at: i64,
    pub scale_min: u8,
    pub scale_max: u8,
    pub option_id: MatrixOptionId,
    pub option: String,
    /// The idea the option stands for, if any.
    pub idea_id: Option<IdeaId>,
    /// The project the option stands for, if any.
    pub project_id: Option<ProjectId>,
    pub criterion_id: CriterionId,
    pub criterion: String,
    pub weight: u8,
    /// How many experts scored this cell (0: nobody; then the statistics are empty).
    pub experts: u32,
    pub mean: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    /// Population standard deviation of the experts' scores.
    pub std_dev: Option<f64>,
    /// The option's sum of cell means.
    pub total: f64,
    /// The option's sum of weight × cell mean.
    pub weighted_total: f64,
    /// The option's rank by weighted total (1 the highest; equal totals share a rank).
    pub rank: u32,
}

/// The rows of one published matrix: options in its order, each with every criterion.
pub fn matrix_rows(m: &PublicMatrix) -> Vec<MatrixRow> {
    let mut rows = Vec::with_capacity(m.options.len() * m.criteria.len());
    for o in &m.options {
        let totals = m.result.options.iter().find(|r| r.option_id == o.id);
        let (idea_id, project_id) = match o.source {
            OptionSource::Text => (None, None),
            OptionSource::Idea(i) => (Some(i), None),
            OptionSource::Project(p) => (None, Some(p)),
        };
        for c in &m.criteria {
            let cell = m
                .result
                .cells
                .iter()
                .find(|x| x.option_id == o.id && x.criterion_id == c.id);
            rows.push(MatrixRow {
                matrix_id: m.id,
                matrix: m.title.clone(),
                published_at: m.updated_at,
                scale_min: m.scale.min,
                scale_max: m.scale.max,
                option_id: o.id,
                option: o.title.clone(),
                idea_id,
                project_id,
                criterion_id: c.id,
                criterion: c.title.clone(),
                weight: c.weight,
                experts: cell.map_or(0, |x| x.count),
                mean: cell.map(|x| x.mean),
                min: cell.map(|x| x.min),
                max: cell.map(|x| x.max),
                std_dev: cell.map(|x| x.std_dev),
                total: totals.map_or(0.0, |t| t.total),
                weighted_total: totals.map_or(0.0, |t| t.weighted_total),
                rank: totals.map_or(0, |t| t.rank),
            });
        }
    }
    rows
}

impl CsvRow for MatrixRow {
    const HEADER: &'static [&'static str] = &[
        "matrix_id",
        "matrix",
        "published_on",
        "scale_min",
        "scale_max",
        "option_id",
        "option",
        "idea_id",
        "project_id",
        "criterion_id",
        "criterion",
        "weight",
        "experts",
        "mean",
        "min",
        "max",
        "std_dev",
        "total",
        "weighted_total",
        "rank",
    ];

    /// Numbers with a decimal point, in the shortest form that reads back to the same value.
    fn cells(&self) -> Vec<String> {
        vec![
            self.matrix_id.to_string(),
            self.matrix.clone(),
            iso_date(self.published_at),
            self.scale_min.to_string(),
            self.scale_max.to_string(),
            self.option_id.to_string(),
            self.option.clone(),
            opt(&self.idea_id),
            opt(&self.project_id),
            self.criterion_id.to_string(),
            self.criterion.clone(),
            self.weight.to_string(),
            self.experts.to_string(),
            opt(&self.mean),
            opt(&self.min),
            opt(&self.max),
            opt(&self.std_dev),
            self.total.to_string(),
            self.weighted_total.to_string(),
            self.rank.to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{compute, Criterion, MatrixOption, Scale, Score};
    use uuid::Uuid;

    fn matrix() -> PublicMatrix {
        let option = |n: u128, source| MatrixOption {
            id: MatrixOptionId(Uuid::from_u128(n)),
            source,
            title: format!("Option {n}"),
            advantages: vec!["Sichtbar".into()],
            disadvantages: Vec::new(),
        };
        let options = vec![
            option(1, OptionSource::Text),
            option(2, OptionSource::Idea(IdeaId(Uuid::from_u128(9)))),
        ];
        let criteria: Vec<Criterion> = [(11, 1), (12, 3)]
            .into_iter()
            .map(|(n, weight)| Criterion {
                id: CriterionId(Uuid::from_u128(n)),
                title: format!("Kriterium {n}; „Außenwirkung“"),
                description: String::new(),
                weight,
            })
            .collect();
        let score = |o: usize, c: usize, score| Score {
            option_id: options[o].id,
            criterion_id: criteria[c].id,
            score,
            note: Some("von wem auch immer".into()),
        };
        // Two experts; option 2 × criterion 12 is scored by nobody.
        let sheets = vec![
            vec![score(0, 0, 4), score(0, 1, 2), score(1, 0, 1)],
            vec![score(0, 0, 2), score(0, 1, 3), score(1, 0, 2)],
        ];
        let result = compute(&options, &criteria, &sheets);
        PublicMatrix {
            id: MatrixId(Uuid::from_u128(7)),
            process_id: crate::ProcessId(Uuid::from_u128(8)),
            title: "Rechtsform".into(),
            description: String::new(),
            scale: Scale::default(),
            options,
            criteria,
            result,
            updated_at: 1_767_225_600_000,
        }
    }

    #[test]
    fn one_row_per_option_and_criterion_with_the_cell_and_the_option_totals() {
        let rows = matrix_rows(&matrix());
        assert_eq!(rows.len(), 4);
        let first = &rows[0];
        assert_eq!((first.option.as_str(), first.weight), ("Option 1", 1));
        assert_eq!(
            (first.experts, first.mean, first.min, first.max),
            (2, Some(3.0), Some(2), Some(4))
        );
        assert_eq!(first.std_dev, Some(1.0));
        // Option 1: means 3 and 2.5; weighted 3 + 3 × 2.5.
        assert_eq!(
            (first.total, first.weighted_total, first.rank),
            (5.5, 10.5, 1)
        );
        assert_eq!(
            rows[1].total, 5.5,
            "the option's totals on each of its rows"
        );
        let unscored = &rows[3];
        assert_eq!(unscored.idea_id, Some(IdeaId(Uuid::from_u128(9))));
        assert_eq!(
            (unscored.experts, unscored.mean, unscored.std_dev),
            (0, None, None)
        );
        assert_eq!((unscored.total, unscored.rank), (1.5, 2));
    }

    #[test]
    fn csv_cells_follow_the_header_and_read_back_exactly() {
        let mut m = matrix();
        // A mean with no short decimal form: 1/3.
        m.result.cells[0].mean = 1.0 / 3.0;
        let rows = matrix_rows(&m);
        for r in &rows {
            assert_eq!(r.cells().len(), MatrixRow::HEADER.len());
        }
        let cells = rows[0].cells();
        assert_eq!(cells[2], "2026-01-01");
        assert_eq!(cells[10], "Kriterium 11; „Außenwirkung“");
        assert_eq!(cells[13].parse::<f64>(), Ok(1.0 / 3.0));
        assert_eq!(cells[17], "5.5");
        let unscored = rows[3].cells();
        assert_eq!(unscored[7], "00000000-0000-0000-0000-000000000009");
        assert_eq!(&unscored[13..17], ["", "", "", ""]);
    }
}
