use super::*;
use crate::ids::{uuid_v7, ParticipantId};
use crate::sync::MutationId;
use crate::sync_model::{Server, State};
use proptest::prelude::*;

pub(crate) fn theme_ids() -> Vec<ThemeId> {
    (1..=3).map(|n| ThemeId(uuid_v7(n, [1; 10]))).collect()
}

/// What the pull feed tells `who` about a model server's state, as a replica.
pub(crate) fn replica_of(state: &State, who: ParticipantId) -> Replica {
    let mut r = Replica::default();
    for (pos, id) in state.themes.iter().enumerate() {
        r.apply(Change::Theme(ThemeSummary {
            id: *id,
            title: format!("Thema {pos}"),
            description: String::new(),
            idea_count: state.ideas.values().filter(|i| i.theme == *id).count() as u32,
            dot_points: state.dot_points(*id),
            position: pos as u32,
            ..ThemeSummary::default()
        }));
    }
    for (id, idea) in &state.ideas {
        r.apply(Change::Idea(IdeaRecord {
            id: *id,
            theme_id: idea.theme,
            title: idea.title.clone(),
            body: idea.body.clone(),
            support_count: state.supports.count(*id),
            comment_count: state.comments.values().filter(|c| c.1 == *id).count() as u32,
            created_at: 0,
            status: IdeaStatus::Published,
            reason: None,
            merged_into: None,
            answer: None,
            project_id: None,
        }));
        if state.supports.supports(who, *id) {
            r.apply(Change::MySupport {
                idea_id: *id,
                supported: true,
            });
        }
    }
    for (id, (_, idea, body)) in &state.comments {
        r.apply(Change::Comment(CommentRecord {
            id: *id,
            idea_id: *idea,
            body: body.clone(),
            created_at: 0,
            status: IdeaStatus::Published,
            reason: None,
        }));
    }
    if let Some(b) = state.dots.get(&who) {
        r.apply(Change::MyDots {
            allocations: b.entries(),
        });
    }
    for (p, target) in &state.follows {
        if *p == who {
            r.apply(Change::MyFollow {
                target: *target,
                following: true,
            });
        }
    }
    r
}

pub(crate) fn kinds() -> impl Strategy<Value = Vec<MutationKind>> {
    let idea = (1u64..6).prop_map(|n| IdeaId(uuid_v7(100 + n, [7; 10])));
    let theme = (0usize..3).prop_map(|i| theme_ids()[i]);
    let kind = prop_oneof![
        (idea.clone(), theme.clone(), "[a-z]{5,12}").prop_map(|(idea_id, theme_id, t)| {
            MutationKind::CreateIdea {
                idea_id,
                theme_id,
                title: t.clone(),
                body: t,
            }
        }),
        (idea.clone(), any::<bool>())
            .prop_map(|(idea_id, supported)| MutationKind::SetSupport { idea_id, supported }),
        (idea.clone(), "[a-z]{1,9}", 1u64..4).prop_map(|(idea_id, body, n)| {
            MutationKind::AddComment {
                comment_id: CommentId(uuid_v7(200 + n, [3; 10])),
                idea_id,
                body,
            }
        }),
        (idea.clone(), any::<bool>()).prop_map(|(i, following)| MutationKind::SetFollow {
            target: crate::sync::FollowTarget::Idea(i),
            following,
        }),
        (theme.clone(), any::<bool>()).prop_map(|(t, following)| MutationKind::SetFollow {
            target: crate::sync::FollowTarget::Theme(t),
            following,
        }),
        prop::collection::vec((theme, 0u8..4), 0..3).prop_map(|v| MutationKind::SetDots {
            allocations: v
                .into_iter()
                .map(|(theme_id, points)| DotEntry { theme_id, points })
                .collect(),
        }),
    ];
    prop::collection::vec(kind, 0..25)
}

proptest! {
    /// The view of "server state after the first k mutations + the rest pending" is the
    /// replica of the server after all of them, whenever the server accepts the rest:
    /// optimistic display never shows something the server then says differently.
    #[test]
    fn view_equals_the_servers_answer(kinds in kinds(), split in 0usize..25, other_support in any::<bool>()) {
        let me = ParticipantId(uuid_v7(1, [1; 10]));
        let other = ParticipantId(uuid_v7(2, [2; 10]));
        let muts: Vec<Mutation> = kinds.into_iter().enumerate()
            .map(|(n, kind)| Mutation { id: MutationId(uuid_v7(1_000 + n as u64, [9; 10])), kind })
            .collect();
        let split = split.min(muts.len());
        let mut server = Server::new(State::with_themes(theme_ids()));
        // Someone else's activity is part of the server state too.
        let seed = Mutation { id: MutationId(uuid_v7(5, [5; 10])), kind: MutationKind::CreateIdea {
            idea_id: IdeaId(uuid_v7(101, [7; 10])), theme_id: theme_ids()[0],
            title: "fremde Idee".into(), body: "x".into() } };
        server.push(other, &[seed]);
        if other_support {
            server.push(other, &[Mutation { id: MutationId(uuid_v7(6, [5; 10])),
                kind: MutationKind::SetSupport { idea_id: IdeaId(uuid_v7(101, [7; 10])), supported: true } }]);
        }
        let first = server.push(me, &muts[..split]);
        let before = replica_of(&server.state, me);
        let results = server.push(me, &muts[split..]);
        let all_applied = results.iter().all(|r| r.outcome == crate::sync::Outcome::Applied);
        prop_assume!(all_applied);
        let after = replica_of(&server.state, me);
        prop_assert_eq!(before.with_pending(&muts[split..], 0), after.clone());
        // Replaying what is already reflected changes nothing (answer lost, then pulled).
        let applied: Vec<Mutation> = muts.iter().zip(first.iter().chain(&results))
            .filter(|(_, r)| r.outcome == crate::sync::Outcome::Applied)
            .map(|(m, _)| m.clone())
            .collect();
        prop_assert_eq!(after.with_pending(&applied, 0), after);
    }
}

#[test]
fn a_rejected_mutation_is_rolled_back_by_leaving_the_outbox() {
    let me = ParticipantId(uuid_v7(1, [1; 10]));
    let state = State::with_themes(theme_ids());
    let replica = replica_of(&state, me);
    let m = Mutation {
        id: MutationId(uuid_v7(9, [9; 10])),
        kind: MutationKind::SetDots {
            allocations: vec![DotEntry {
                theme_id: theme_ids()[1],
                points: 3,
            }],
        },
    };
    let view = replica.with_pending(std::slice::from_ref(&m), 0);
    assert_eq!(view.theme(theme_ids()[1]).map(|t| t.dot_points), Some(3));
    assert_eq!(view.dots.len(), 1);
    // The server rejected it: the outbox drops it and the view is the replica again.
    assert_eq!(replica.with_pending(&[], 0), replica);
}

#[test]
fn a_newer_theme_change_replaces_the_older_one_in_place() {
    let mut r = Replica::default();
    let t = |points, position| ThemeSummary {
        id: theme_ids()[0],
        title: "Mobilität".into(),
        description: String::new(),
        idea_count: 0,
        dot_points: points,
        position,
        ..ThemeSummary::default()
    };
    r.apply(Change::Theme(t(1, 2)));
    r.apply(Change::Theme(ThemeSummary {
        id: theme_ids()[1],
        position: 1,
        ..t(0, 1)
    }));
    r.apply(Change::Theme(t(7, 2)));
    assert_eq!(r.themes.len(), 2);
    assert_eq!(r.themes[0].id, theme_ids()[1]);
    assert_eq!(r.themes[1].dot_points, 7);
}

#[test]
fn excerpt_cuts_long_text_with_an_ellipsis() {
    assert_eq!(excerpt("kurz", 10), "kurz");
    assert_eq!(excerpt("eins zwei drei", 5), "eins…");
}
