//! Dot voting on themes, as at a workshop wall with sticky dots.
//!
//! Each participant has the process's dot budget ([`DOT_BUDGET`] unless set otherwise) and may place several on one theme.
//! A ballot replaces the participant's previous allocation as a whole, so a retried or replayed
//! ballot has the same effect as sending it once.

use crate::error::ErrorCode;
use crate::ids::ThemeId;
use serde::{Deserialize, Serialize};

/// Points each participant may place per process unless the process sets its own budget
/// (`Process::dot_budget`, 1–20).
pub const DOT_BUDGET: u8 = 5;

/// One line of a ballot on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DotEntry {
    pub theme_id: ThemeId,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::dot_points))]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::deserialize")
    )]
    pub points: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DotError {
    #[error("{spent} points placed but only {budget} are available")]
    BudgetExceeded { spent: u32, budget: u8 },
    #[error("a theme appears twice in the ballot")]
    DuplicateTheme,
}

impl DotError {
    pub fn code(self) -> ErrorCode {
        match self {
            Self::BudgetExceeded { .. } => ErrorCode::DotBudgetExceeded,
            Self::DuplicateTheme => ErrorCode::DotInvalid,
        }
    }
}

/// A participant's whole allocation: within budget, each theme once, no zero entries.
///
/// Held as a vector sorted by theme (a handful of entries at most): equal allocations compare
/// equal, and it keeps `BTreeMap`'s code out of the wasm app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotBallot(Vec<DotEntry>);

impl DotBallot {
    /// `budget`: the points the process gives each participant (`Process::dot_budget`).
    pub fn parse(entries: &[DotEntry], budget: u8) -> Result<Self, DotError> {
        let mut kept: Vec<DotEntry> = Vec::with_capacity(entries.len());
        let mut spent: u32 = 0;
        for e in entries {
            spent += u32::from(e.points);
            if e.points == 0 {
                continue;
            }
            if kept.iter().any(|k| k.theme_id == e.theme_id) {
                return Err(DotError::DuplicateTheme);
            }
            kept.push(*e);
        }
        if spent > u32::from(budget) {
            return Err(DotError::BudgetExceeded { spent, budget });
        }
        kept.sort_unstable_by_key(|e| e.theme_id);
        Ok(Self(kept))
    }

    pub fn spent(&self) -> u8 {
        self.0.iter().map(|e| e.points).sum()
    }

    pub fn remaining(&self, budget: u8) -> u8 {
        budget.saturating_sub(self.spent())
    }

    pub fn points_for(&self, theme: ThemeId) -> u8 {
        self.0
            .iter()
            .find(|e| e.theme_id == theme)
            .map_or(0, |e| e.points)
    }

    pub fn entries(&self) -> Vec<DotEntry> {
        self.0.clone()
    }

    /// The ballot with `theme` set to `points`, if that stays within the budget.
    pub fn with(&self, theme: ThemeId, points: u8, budget: u8) -> Result<Self, DotError> {
        let mut entries: Vec<DotEntry> = self
            .0
            .iter()
            .filter(|e| e.theme_id != theme)
            .copied()
            .collect();
        entries.push(DotEntry {
            theme_id: theme,
            points,
        });
        Self::parse(&entries, budget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn theme(n: u128) -> ThemeId {
        ThemeId(Uuid::from_u128(n))
    }

    #[test]
    fn several_points_on_one_theme_are_allowed() {
        let b = DotBallot::parse(
            &[DotEntry {
                theme_id: theme(1),
                points: 5,
            }],
            DOT_BUDGET,
        )
        .expect("valid");
        assert_eq!(b.spent(), 5);
        assert_eq!(b.remaining(DOT_BUDGET), 0);
    }

    #[test]
    fn budget_overrun_is_refused() {
        let e = DotBallot::parse(
            &[
                DotEntry {
                    theme_id: theme(1),
                    points: 3,
                },
                DotEntry {
                    theme_id: theme(2),
                    points: 3,
                },
            ],
            DOT_BUDGET,
        );
        assert_eq!(
            e,
            Err(DotError::BudgetExceeded {
                spent: 6,
                budget: 5
            })
        );
    }

    #[test]
    fn huge_points_do_not_overflow() {
        let e = DotBallot::parse(
            &[
                DotEntry {
                    theme_id: theme(1),
                    points: 255,
                },
                DotEntry {
                    theme_id: theme(2),
                    points: 255,
                },
            ],
            DOT_BUDGET,
        );
        assert_eq!(
            e,
            Err(DotError::BudgetExceeded {
                spent: 510,
                budget: 5
            })
        );
    }

    #[test]
    fn duplicate_themes_are_refused_and_zero_entries_dropped() {
        let e = DotBallot::parse(
            &[
                DotEntry {
                    theme_id: theme(1),
                    points: 1,
                },
                DotEntry {
                    theme_id: theme(1),
                    points: 1,
                },
            ],
            DOT_BUDGET,
        );
        assert_eq!(e, Err(DotError::DuplicateTheme));
        let b = DotBallot::parse(
            &[DotEntry {
                theme_id: theme(1),
                points: 0,
            }],
            DOT_BUDGET,
        )
        .expect("valid");
        assert!(b.entries().is_empty());
    }

    #[test]
    fn with_respects_the_budget() {
        let b = DotBallot::default()
            .with(theme(1), 4, DOT_BUDGET)
            .expect("fits");
        assert!(b.with(theme(2), 2, DOT_BUDGET).is_err());
        let b = b.with(theme(1), 0, DOT_BUDGET).expect("removal fits");
        assert_eq!(b.spent(), 0);
    }

    proptest! {
        #[test]
        fn any_accepted_ballot_is_within_budget(
            entries in proptest::collection::vec((0u128..6, 0u8..8), 0..8)
        ) {
            let entries: Vec<DotEntry> = entries
                .into_iter()
                .map(|(t, p)| DotEntry { theme_id: theme(t), points: p })
                .collect();
            if let Ok(b) = DotBallot::parse(&entries, DOT_BUDGET) {
                prop_assert!(b.spent() <= DOT_BUDGET);
                prop_assert!(b.entries().iter().all(|e| e.points > 0));
                prop_assert_eq!(DotBallot::parse(&b.entries(), DOT_BUDGET), Ok(b.clone()));
            } else {
                let total: u32 = entries.iter().map(|e| u32::from(e.points)).sum();
                let mut seen = std::collections::BTreeSet::new();
                let dup = entries.iter().filter(|e| e.points > 0).any(|e| !seen.insert(e.theme_id));
                prop_assert!(total > u32::from(DOT_BUDGET) || dup);
            }
        }
    }
}
