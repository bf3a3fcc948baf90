//! Support votes on ideas: one per participant per idea.
//!
//! A support request states the wanted end state (`supported: true/false`) rather than
//! "toggle", so sending it twice is the same as sending it once. The count of an idea is the
//! number of distinct participants whose last request was `true`.

use crate::ids::{IdeaId, ParticipantId};
use std::collections::{BTreeMap, BTreeSet};

/// The support state of many ideas, applying requests in order (last one wins per
/// participant and idea). Used by the app for optimistic updates and by tests as the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupportLedger {
    supporters: BTreeMap<IdeaId, BTreeSet<ParticipantId>>,
}

impl SupportLedger {
    /// Applies one request; returns whether the stored state changed.
    pub fn apply(&mut self, who: ParticipantId, idea: IdeaId, supported: bool) -> bool {
        let set = self.supporters.entry(idea).or_default();
        if supported {
            set.insert(who)
        } else {
            set.remove(&who)
        }
    }

    pub fn count(&self, idea: IdeaId) -> u32 {
        self.supporters
            .get(&idea)
            .map_or(0, |s| u32::try_from(s.len()).unwrap_or(u32::MAX))
    }

    pub fn supports(&self, who: ParticipantId, idea: IdeaId) -> bool {
        self.supporters.get(&idea).is_some_and(|s| s.contains(&who))
    }

    /// Merges duplicate `from` into `into`: every supporter of either supports `into` once,
    /// `from` keeps none. (The server does the same in SQL; this is its specification.)
    pub fn merge(&mut self, from: IdeaId, into: IdeaId) {
        if from == into {
            return;
        }
        let moved = self.supporters.remove(&from).unwrap_or_default();
        self.supporters.entry(into).or_default().extend(moved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn p(n: u8) -> ParticipantId {
        ParticipantId(Uuid::from_u128(u128::from(n)))
    }
    fn i(n: u8) -> IdeaId {
        IdeaId(Uuid::from_u128(1000 + u128::from(n)))
    }

    #[test]
    fn repeated_support_counts_once() {
        let mut l = SupportLedger::default();
        assert!(l.apply(p(1), i(1), true));
        assert!(!l.apply(p(1), i(1), true));
        assert_eq!(l.count(i(1)), 1);
        assert!(l.apply(p(1), i(1), false));
        assert_eq!(l.count(i(1)), 0);
    }

    proptest! {
        /// Tallies equal the number of distinct participants whose last request was "support",
        /// whatever the sequence, including duplicates.
        #[test]
        fn count_equals_distinct_supporters(
            reqs in proptest::collection::vec((0u8..6, 0u8..3, any::<bool>()), 0..60)
        ) {
            let mut l = SupportLedger::default();
            for &(who, idea, on) in &reqs {
                l.apply(p(who), i(idea), on);
                // Replaying a request right away changes nothing.
                prop_assert!(!l.apply(p(who), i(idea), on));
            }
            for idea in 0..3 {
                let mut last: BTreeMap<u8, bool> = BTreeMap::new();
                for &(who, id, on) in &reqs {
                    if id == idea { last.insert(who, on); }
                }
                let expected = last.values().filter(|&&on| on).count() as u32;
                prop_assert_eq!(l.count(i(idea)), expected);
            }
        }
    }

    proptest! {
        /// Merging never counts a participant twice and never loses one: the kept idea ends
        /// with exactly the union of both supporter sets.
        #[test]
        fn merging_counts_every_supporter_exactly_once(
            ops in prop::collection::vec((0u8..8, 0u8..3, any::<bool>()), 0..60),
            from in 0u8..3, into in 0u8..3,
        ) {
            let idea = |n: u8| IdeaId(Uuid::from_u128(1_000 + u128::from(n)));
            let mut ledger = SupportLedger::default();
            for (who, i, on) in ops {
                ledger.apply(p(who), idea(i), on);
            }
            let union: std::collections::BTreeSet<u8> = (0u8..8)
                .filter(|&w| ledger.supports(p(w), idea(from)) || ledger.supports(p(w), idea(into)))
                .collect();
            let others: Vec<u32> = (0u8..3).filter(|&i| i != from && i != into).map(|i| ledger.count(idea(i))).collect();
            ledger.merge(idea(from), idea(into));
            prop_assert_eq!(ledger.count(idea(into)) as usize, union.len());
            if from != into {
                prop_assert_eq!(ledger.count(idea(from)), 0);
            }
            let after: Vec<u32> = (0u8..3).filter(|&i| i != from && i != into).map(|i| ledger.count(idea(i))).collect();
            prop_assert_eq!(others, after, "other ideas are untouched");
        }
    }
}
