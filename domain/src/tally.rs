//! Ranking of themes by dot points and of ideas by support.
//!
//! Ties share a rank (standard competition ranking: 1, 2, 2, 4) so the results wall never
//! suggests an order the votes do not support. Within a tie, themes are listed by title so the
//! order is stable.

use crate::api::{IdeaSummary, ThemeSummary};

/// Themes sorted by points (desc), then title; each paired with its rank (1-based).
pub fn rank_themes(mut themes: Vec<ThemeSummary>) -> Vec<(u32, ThemeSummary)> {
    themes.sort_by(|a, b| {
        b.dot_points
            .cmp(&a.dot_points)
            .then_with(|| a.title.cmp(&b.title))
    });
    let mut ranked = Vec::with_capacity(themes.len());
    let mut rank = 0;
    let mut prev: Option<u32> = None;
    for (idx, t) in themes.into_iter().enumerate() {
        if prev != Some(t.dot_points) {
            rank = u32::try_from(idx).unwrap_or(u32::MAX) + 1;
            prev = Some(t.dot_points);
        }
        ranked.push((rank, t));
    }
    ranked
}

/// The `n` most supported ideas; ties broken by the older idea first (it gathered support first).
pub fn top_ideas(mut ideas: Vec<IdeaSummary>, n: usize) -> Vec<IdeaSummary> {
    ideas.sort_by(|a, b| {
        b.support_count
            .cmp(&a.support_count)
            .then_with(|| a.created_at.cmp(&b.created_at))
            .then_with(|| a.id.cmp(&b.id))
    });
    ideas.truncate(n);
    ideas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{IdeaId, ThemeId};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn theme(n: u128, title: &str, points: u32) -> ThemeSummary {
        ThemeSummary {
            id: ThemeId(Uuid::from_u128(n)),
            title: title.into(),
            description: String::new(),
            idea_count: 0,
            dot_points: points,
            position: 0,
            ..ThemeSummary::default()
        }
    }

    #[test]
    fn ties_share_a_rank() {
        let r = rank_themes(vec![
            theme(1, "Bildung", 3),
            theme(2, "Mobilität", 7),
            theme(3, "Energie", 3),
            theme(4, "Kultur", 1),
        ]);
        let got: Vec<(u32, &str)> = r.iter().map(|(k, t)| (*k, t.title.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "Mobilität"),
                (2, "Bildung"),
                (2, "Energie"),
                (4, "Kultur")
            ]
        );
    }

    #[test]
    fn top_ideas_prefers_support_then_age() {
        let idea = |n: u128, s: u32, at: i64| IdeaSummary {
            id: IdeaId(Uuid::from_u128(n)),
            theme_id: ThemeId(Uuid::from_u128(1)),
            title: format!("Idee {n}"),
            excerpt: String::new(),
            support_count: s,
            created_at: at,
        };
        let top = top_ideas(vec![idea(1, 2, 10), idea(2, 5, 30), idea(3, 2, 5)], 2);
        let ids: Vec<u128> = top.iter().map(|i| i.id.0.as_u128()).collect();
        assert_eq!(ids, vec![2, 3]);
    }

    proptest! {
        #[test]
        fn ranking_is_ordered_and_consistent(points in proptest::collection::vec(0u32..10, 0..12)) {
            let themes: Vec<_> = points.iter().enumerate()
                .map(|(i, &p)| theme(i as u128, &format!("T{i:02}"), p)).collect();
            let r = rank_themes(themes);
            prop_assert_eq!(r.len(), points.len());
            for w in r.windows(2) {
                let ((ra, a), (rb, b)) = (&w[0], &w[1]);
                prop_assert!(a.dot_points >= b.dot_points);
                prop_assert_eq!(ra == rb, a.dot_points == b.dot_points);
            }
            for (rank, t) in &r {
                let better = r.iter().filter(|(_, o)| o.dot_points > t.dot_points).count() as u32;
                prop_assert_eq!(*rank, better + 1);
            }
        }
    }
}
