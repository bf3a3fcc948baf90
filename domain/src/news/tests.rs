use super::*;
use crate::ids::{uuid_v7, DecisionId, MilestoneId, ProcessId, ThemeId, UpdateId};
use crate::moderation::{IdeaStatus, OfficialAnswer};
use crate::projects::{
    CommitteeDecision, DecisionBody, DecisionOutcome, Milestone, ProjectUpdate, StatusChange,
};
use crate::sync::{Change, IdeaRecord};

const DAY: i64 = 86_400_000;

fn id(n: u64) -> uuid::Uuid {
    uuid_v7(n, [n as u8; 10])
}

fn theme(n: u64) -> ThemeId {
    ThemeId(id(100 + n))
}

fn idea(n: u64, project: Option<ProjectId>) -> IdeaRecord {
    IdeaRecord {
        id: IdeaId(id(200 + n)),
        theme_id: theme(0),
        title: format!("Idee {n}"),
        body: "x".into(),
        support_count: 0,
        comment_count: 0,
        created_at: 0,
        status: IdeaStatus::Published,
        reason: None,
        merged_into: None,
        answer: None,
        project_id: project,
    }
}

/// A project in `theme(t)` from idea 1, created on day 1 as planned, in progress on day 3,
/// a milestone done on day 4 (and one open), a decision on day 5, an update on day 6.
fn project(n: u64, t: u64) -> ProjectRecord {
    let pid = ProjectId(id(300 + n));
    ProjectRecord {
        id: pid,
        process_id: ProcessId(id(1)),
        theme_id: theme(t),
        title: format!("Projekt {n}"),
        description: String::new(),
        responsible: "Stadtverwaltung".into(),
        funding: Default::default(),
        status: ProjectStatus::InProgress,
        starts_on: DAY,
        milestones: vec![
            Milestone {
                id: MilestoneId(id(400 + n)),
                title: "Konzept".into(),
                due_on: 4 * DAY,
                done_on: Some(4 * DAY),
            },
            Milestone {
                id: MilestoneId(id(410 + n)),
                title: "Pilot".into(),
                due_on: 9 * DAY,
                done_on: None,
            },
        ],
        decisions: vec![CommitteeDecision {
            id: DecisionId(id(500 + n)),
            body: DecisionBody::Digitalisierungsausschuss,
            body_other: None,
            decided_on: 5 * DAY,
            reference: "DA/2026/17".into(),
            outcome: DecisionOutcome::Adopted,
            link: None,
            text: String::new(),
        }],
        updates: vec![ProjectUpdate {
            id: UpdateId(id(600 + n)),
            at: 6 * DAY,
            text: "Start der Pilotphase".into(),
        }],
        status_changes: vec![
            StatusChange {
                at: DAY,
                status: ProjectStatus::Planned,
            },
            StatusChange {
                at: 3 * DAY,
                status: ProjectStatus::InProgress,
            },
        ],
        // Only project 1 grew from an idea (idea 1).
        source_ideas: if n == 1 {
            vec![IdeaId(id(201))]
        } else {
            Vec::new()
        },
        created_at: DAY,
        updated_at: 6 * DAY,
    }
}

fn replica() -> Replica {
    let mut r = Replica::default();
    r.apply(Change::Idea(idea(1, Some(ProjectId(id(301))))));
    r.apply(Change::Idea(idea(2, None)));
    r.apply(Change::Project(project(1, 0)));
    r.apply(Change::Project(project(2, 1)));
    r
}

fn sorted(mut f: Vec<FollowTarget>) -> Vec<FollowTarget> {
    f.sort();
    f
}

#[test]
fn following_an_idea_brings_the_history_of_the_project_it_became_newest_first() {
    let r = replica();
    let items = news(&r, &[FollowTarget::Idea(IdeaId(id(201)))]);
    let kinds: Vec<_> = items.iter().map(|i| (i.at / DAY, &i.kind)).collect();
    assert_eq!(
        kinds,
        [
            (
                6,
                &NewsKind::Update {
                    text: "Start der Pilotphase".into()
                }
            ),
            (5, &NewsKind::Decision(project(1, 0).decisions[0].clone())),
            (
                4,
                &NewsKind::MilestoneDone {
                    title: "Konzept".into()
                }
            ),
            (3, &NewsKind::Status(ProjectStatus::InProgress)),
            (1, &NewsKind::ProjectCreated(ProjectStatus::Planned)),
        ]
    );
    assert!(items
        .iter()
        .all(|i| i.subject == Subject::Project(ProjectId(id(301))) && i.title == "Projekt 1"));
    // The open milestone is no news; the other project is not followed.
    assert_eq!(unread(&items, &[]), 5);
    // The project page's history is the same list.
    assert_eq!(
        project_history(r.project(ProjectId(id(301))).expect("known")),
        items
    );
}

#[test]
fn a_project_is_followed_directly_through_an_idea_or_through_its_field_of_action() {
    let r = replica();
    let direct = news(&r, &[FollowTarget::Project(ProjectId(id(302)))]);
    assert!(direct
        .iter()
        .all(|i| i.subject == Subject::Project(ProjectId(id(302)))));
    assert_eq!(direct.len(), 5);
    let by_theme = news(&r, &[FollowTarget::Theme(theme(1))]);
    assert_eq!(by_theme, direct);
    // Through two ways at once: each item once.
    let both = news(
        &r,
        &sorted(vec![
            FollowTarget::Project(ProjectId(id(302))),
            FollowTarget::Theme(theme(1)),
        ]),
    );
    assert_eq!(both, direct);
    assert!(news(&r, &[FollowTarget::Idea(IdeaId(id(202)))]).is_empty());
    assert!(news(&r, &[]).is_empty());
}

#[test]
fn an_answer_to_a_followed_idea_is_news_and_a_new_answer_is_news_again() {
    let mut r = replica();
    let mut i = idea(2, None);
    i.answer = Some(OfficialAnswer {
        status: OfficialStatus::InReview,
        text: "Wir prüfen das.".into(),
        at: 7 * DAY,
    });
    r.apply(Change::Idea(i.clone()));
    let follows = [FollowTarget::Idea(i.id)];
    let first = news(&r, &follows);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].subject, Subject::Idea(i.id));
    assert_eq!(first[0].title, "Idee 2");
    let read = vec![first[0].key.clone()];
    assert_eq!(unread(&first, &read), 0);
    i.answer = Some(OfficialAnswer {
        status: OfficialStatus::Accepted,
        text: "Angenommen.".into(),
        at: 8 * DAY,
    });
    r.apply(Change::Idea(i.clone()));
    assert_eq!(unread(&news(&r, &follows), &read), 1);
    // An idea no longer public says nothing.
    i.status = IdeaStatus::Hidden;
    r.apply(Change::Idea(i));
    assert!(news(&r, &follows).is_empty());
}

#[test]
fn keys_are_stable_across_syncs_and_a_milestone_done_again_is_news_again() {
    let mut r = replica();
    let follows = [FollowTarget::Project(ProjectId(id(301)))];
    let before = news(&r, &follows);
    let mut read: Vec<String> = before.iter().map(|i| i.key.clone()).collect();
    read.sort();
    r.apply(Change::Project(project(1, 0)));
    assert_eq!(unread(&news(&r, &follows), &read), 0);
    let mut p = project(1, 0);
    p.milestones[0].done_on = Some(7 * DAY);
    r.apply(Change::Project(p));
    let after = news(&r, &follows);
    assert_eq!(unread(&after, &read), 1);
    assert_eq!(after[0].at, 7 * DAY);
}

#[test]
fn a_committee_decision_on_a_followed_idea_is_news_until_withdrawn() {
    let mut r = replica();
    let idea = IdeaId(id(202));
    let d = project(1, 0).decisions[0].clone();
    r.apply(Change::IdeaDecisions {
        idea_id: idea,
        decisions: vec![d.clone()],
    });
    let items = news(&r, &[FollowTarget::Idea(idea)]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].subject, Subject::Idea(idea));
    assert_eq!(items[0].kind, NewsKind::Decision(d));
    assert!(news(&r, &[FollowTarget::Idea(IdeaId(id(201)))])
        .iter()
        .all(|i| i.subject != Subject::Idea(idea)));
    r.apply(Change::IdeaDecisions {
        idea_id: idea,
        decisions: Vec::new(),
    });
    assert!(r.idea_decisions.is_empty());
    assert!(news(&r, &[FollowTarget::Idea(idea)]).is_empty());
}

#[test]
fn a_deleted_project_leaves_the_replica_and_the_news() {
    let mut r = replica();
    let p = ProjectId(id(301));
    r.apply(Change::ProjectRemoved { project_id: p });
    assert!(r.project(p).is_none());
    assert!(news(&r, &[FollowTarget::Project(p)]).is_empty());
    assert_eq!(r.projects.len(), 1);
}
