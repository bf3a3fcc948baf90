//! "Neuigkeiten": what happened to what a participant follows, newest first, from the replica
//! alone (so the list and its unread count work offline).
//!
//! - A **project** is followed directly, through one of its source ideas, or through its field
//!   of action. Its news: it was set up, its status changed, a milestone was done, a committee
//!   decided, staff posted an update.
//! - An **idea** followed (one's own ideas are followed from the start: the server follows an
//!   idea for its author) brings its official answer and the committee decisions on it.
//!
//! Each item has a stable [`NewsItem::key`]: the app keeps the keys read on the device, so an
//! item stays read across reloads and syncs, and a change that is news again (a milestone
//! reopened and done on another day, a new answer) gets a new key.

use crate::ids::{IdeaId, ProjectId};
use crate::moderation::OfficialStatus;
use crate::projects::{CommitteeDecision, ProjectRecord, ProjectStatus};
use crate::replica::Replica;
use crate::sync::FollowTarget;

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewsKind {
    /// A project was set up (with the status it started with).
    ProjectCreated(ProjectStatus),
    /// A project's status changed.
    Status(ProjectStatus),
    MilestoneDone {
        title: String,
    },
    /// A committee decided (body, date, reference, outcome, link, text).
    Decision(CommitteeDecision),
    Update {
        text: String,
    },
    /// The official answer to an idea.
    Answer {
        status: OfficialStatus,
        text: String,
    },
}

/// One entry of the news list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsItem {
    /// Stable across syncs: what the device marks as read.
    pub key: String,
    /// When it happened (Unix milliseconds).
    pub at: i64,
    /// The project or idea it is about, and its title.
    pub subject: Subject,
    pub title: String,
    pub kind: NewsKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Project(ProjectId),
    Idea(IdeaId),
}

/// Whether `follows` (sorted, as [`Replica::follows`] and the overlay keep them) covers the
/// project: directly, through a source idea, or through its field of action.
pub fn follows_project(follows: &[FollowTarget], p: &ProjectRecord) -> bool {
    let has = |t: FollowTarget| follows.binary_search(&t).is_ok();
    has(FollowTarget::Project(p.id))
        || has(FollowTarget::Theme(p.theme_id))
        || p.source_ideas.iter().any(|i| has(FollowTarget::Idea(*i)))
}

/// The news for `follows` (the replica's or the overlay's, pending follows included), newest
/// first; ties in a stable order.
pub fn news(replica: &Replica, follows: &[FollowTarget]) -> Vec<NewsItem> {
    let mut items = Vec::new();
    for p in replica
        .projects
        .iter()
        .filter(|p| follows_project(follows, p) || followed_idea_became(replica, follows, p))
    {
        project_news(p, &mut items);
    }
    for target in follows {
        let FollowTarget::Idea(id) = target else {
            continue;
        };
        let Some(idea) = replica.idea(*id).filter(|i| i.status.is_public()) else {
            continue;
        };
        for d in replica.decisions_on(idea.id) {
            items.push(NewsItem {
                key: format!("d:{}", d.id),
                at: d.decided_on,
                subject: Subject::Idea(idea.id),
                title: idea.title.clone(),
                kind: NewsKind::Decision(d.clone()),
            });
        }
        if let Some(a) = &idea.answer {
            items.push(NewsItem {
                key: format!("a:{}:{}", idea.id, a.at),
                at: a.at,
                subject: Subject::Idea(idea.id),
                title: idea.title.clone(),
                kind: NewsKind::Answer {
                    status: a.status,
                    text: a.text.clone(),
                },
            });
        }
    }
    newest_first(&mut items);
    items
}

/// A project's history, newest first: the project page's "Verlauf".
pub fn project_history(p: &ProjectRecord) -> Vec<NewsItem> {
    let mut items = Vec::new();
    project_news(p, &mut items);
    newest_first(&mut items);
    items
}

fn newest_first(items: &mut [NewsItem]) {
    items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.key.cmp(&b.key)));
}

/// An idea followed names the project (its `project_id`) though the project does not list it
/// (yet): the idea's word counts too.
fn followed_idea_became(replica: &Replica, follows: &[FollowTarget], p: &ProjectRecord) -> bool {
    follows.iter().any(|t| match t {
        FollowTarget::Idea(i) => replica.idea(*i).is_some_and(|i| i.project_id == Some(p.id)),
        _ => false,
    })
}

fn project_news(p: &ProjectRecord, items: &mut Vec<NewsItem>) {
    let mut push = |key: String, at: i64, kind: NewsKind| {
        items.push(NewsItem {
            key,
            at,
            subject: Subject::Project(p.id),
            title: p.title.clone(),
            kind,
        })
    };
    let mut changes = p.status_changes.iter();
    match changes.next() {
        Some(first) => push(
            format!("p:{}", p.id),
            first.at,
            NewsKind::ProjectCreated(first.status),
        ),
        None => push(
            format!("p:{}", p.id),
            p.created_at,
            NewsKind::ProjectCreated(p.status),
        ),
    }
    for c in changes {
        push(
            format!("s:{}:{}", p.id, c.at),
            c.at,
            NewsKind::Status(c.status),
        );
    }
    for m in &p.milestones {
        if let Some(done) = m.done_on {
            let kind = NewsKind::MilestoneDone {
                title: m.title.clone(),
            };
            push(format!("m:{}:{done}", m.id), done, kind);
        }
    }
    for d in &p.decisions {
        push(
            format!("d:{}", d.id),
            d.decided_on,
            NewsKind::Decision(d.clone()),
        );
    }
    for u in &p.updates {
        let kind = NewsKind::Update {
            text: u.text.clone(),
        };
        push(format!("u:{}", u.id), u.at, kind);
    }
}

/// How many of `items` are not in `read` (sorted keys).
pub fn unread(items: &[NewsItem], read: &[String]) -> usize {
    items
        .iter()
        .filter(|i| read.binary_search(&i.key).is_err())
        .count()
}

#[cfg(test)]
mod tests;
