//! A kiosk's outbox holds the mutations of many visitors, each with the identity it was made
//! with. A push carries one identity, so the outbox is pushed in batches, one per identity.
//!
//! Invariants (property-tested below): every item lands in exactly one batch (nothing lost,
//! nothing duplicated), each batch holds one identity's items only, in the outbox's order,
//! and batches follow the order in which identities first appear (the oldest visitor first).

/// The outbox's items grouped by `key` (the identity), in order of first appearance; each
/// group keeps its items in outbox order.
pub fn by_identity<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<(K, Vec<&T>)> {
    let mut groups: Vec<(K, Vec<&T>)> = Vec::new();
    for item in items {
        let k = key(item);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, list)) => list.push(item),
            None => groups.push((k, vec![item])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn two_visitors_are_two_batches() {
        let outbox = [(1, "a"), (2, "b"), (1, "c"), (3, "d"), (2, "e")];
        let groups = by_identity(&outbox, |(who, _)| *who);
        let flat: Vec<(i32, Vec<&str>)> = groups
            .into_iter()
            .map(|(k, items)| (k, items.into_iter().map(|(_, m)| *m).collect()))
            .collect();
        assert_eq!(
            flat,
            vec![(1, vec!["a", "c"]), (2, vec!["b", "e"]), (3, vec!["d"])]
        );
        assert!(by_identity(&[] as &[(i32, &str)], |(w, _)| *w).is_empty());
    }

    proptest! {
        #[test]
        fn grouping_loses_nothing_duplicates_nothing_and_keeps_order(
            whos in proptest::collection::vec(0u8..6, 0..60)
        ) {
            // Items are (identity, position in the outbox).
            let outbox: Vec<(u8, usize)> = whos.iter().copied().zip(0..).collect();
            let groups = by_identity(&outbox, |(who, _)| *who);
            let mut seen: Vec<usize> = Vec::new();
            let mut firsts = Vec::new();
            for (who, items) in &groups {
                prop_assert!(!items.is_empty());
                prop_assert!(items.iter().all(|(w, _)| w == who), "one identity per batch");
                let positions: Vec<usize> = items.iter().map(|(_, p)| *p).collect();
                prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "order kept");
                firsts.push(positions[0]);
                seen.extend(positions);
            }
            prop_assert!(firsts.windows(2).all(|w| w[0] < w[1]), "oldest visitor first");
            let distinct: std::collections::BTreeSet<u8> = whos.iter().copied().collect();
            prop_assert_eq!(groups.len(), distinct.len(), "one batch per identity");
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..outbox.len()).collect::<Vec<_>>(), "each item once");
        }
    }
}
