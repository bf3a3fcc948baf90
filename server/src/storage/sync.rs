//! Applying pushed mutations: in client order, each at most once ever, a rejection final and
//! isolated (a savepoint per mutation), the record of each result committed with its effects.

use super::changes::{self, kind};
use super::channels::Tagging;
use super::rows::now_ms;
use super::{comments, ideas, participants, processes, votes};
use super::{Caller, IdeaDraft, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use werkstadt_domain::api::NewIdea;
use werkstadt_domain::channel::Channel;
use werkstadt_domain::sync::{
    Mutation, MutationId, MutationKind, MutationResult, Outcome, PushResponse, MAX_PUSH,
};
use werkstadt_domain::{CommentBody, ErrorCode, IdeaBody, IdeaTitle, ParticipantId};

/// `staff`: the signed-in staff member's id, if the push came with a staff session (needed
/// for moderation decisions). `join`: the join code of the workshop the device is attached to
/// (`storage::channels`).
pub fn push(
    tx: &mut Transaction<'_>,
    caller: &Caller,
    staff: Option<&str>,
    mutations: &[Mutation],
    join: Option<&str>,
) -> Result<PushResponse, StoreError> {
    if mutations.len() > MAX_PUSH {
        return Err(StoreError::TooManyMutations);
    }
    participants::ensure_participant(tx, caller)?;
    let rules = processes::rules(tx)?;
    let tagging = Tagging::resolve(tx, caller.id, rules.process, join, Channel::Workshop)?;
    let horizon_ms = super::retention::horizon_ms(tx)?;
    let mut seen = already_received(tx, mutations)?;
    let mut results = Vec::with_capacity(mutations.len());
    for m in mutations {
        // Seen before, or earlier in this batch: look up what was recorded.
        let earlier = if seen.insert(m.id) {
            None
        } else {
            recorded(tx, m.id)?
        };
        let outcome = match earlier {
            Some((owner, _)) if owner != caller.id => Outcome::Rejected {
                code: ErrorCode::IdConflict,
                message: "This mutation id belongs to someone else.".into(),
            },
            Some((_, previous)) => match previous.outcome {
                Outcome::Applied | Outcome::Duplicate => Outcome::Duplicate,
                rejected @ Outcome::Rejected { .. } => rejected,
            },
            None => apply_once(tx, caller.id, staff, (rules, &tagging), horizon_ms, m)?,
        };
        results.push(MutationResult { id: m.id, outcome });
    }
    Ok(PushResponse {
        results,
        cursor: changes::head(tx)?,
    })
}

/// Applies one new mutation inside a savepoint; a rejection rolls back its partial effects and
/// is recorded as final. Storage failures abort the whole push (the client retries it). A
/// mutation dated before the retention horizon is refused unapplied: its record may have been
/// compacted, so it may be a replay (`storage::retention`).
fn apply_once(
    tx: &mut Transaction<'_>,
    who: ParticipantId,
    staff: Option<&str>,
    (rules, tagging): (processes::Rules, &Tagging),
    horizon_ms: i64,
    m: &Mutation,
) -> Result<Outcome, StoreError> {
    if super::retention::expired(m.id, horizon_ms) {
        let outcome = Outcome::Rejected {
            code: ErrorCode::MutationExpired,
            message: super::retention::EXPIRED_MESSAGE.into(),
        };
        record(tx, who, m.id, &outcome)?;
        return Ok(outcome);
    }
    // Made while its workshop ran: the workshop's modules decide, not the phases.
    let tagged = tagging.tag(m.id);
    let rules = rules.within(tagged.open);
    let mut sp = tx.savepoint()?;
    let outcome = match apply(&sp, who, staff, rules, &m.kind) {
        Ok(()) => Outcome::Applied,
        Err(e) => match e.rejection() {
            Some((code, message)) => {
                sp.rollback()?;
                Outcome::Rejected { code, message }
            }
            None => return Err(e),
        },
    };
    record(&sp, who, m.id, &outcome)?;
    if outcome == Outcome::Applied {
        let new_idea = match &m.kind {
            MutationKind::CreateIdea { idea_id, .. } => Some(*idea_id),
            _ => None,
        };
        tagging.record(&sp, who, m.id, tagged.tag, new_idea)?;
    }
    sp.commit()?;
    Ok(outcome)
}

fn apply(
    tx: &Connection,
    who: ParticipantId,
    staff: Option<&str>,
    rules: processes::Rules,
    kind: &MutationKind,
) -> Result<(), StoreError> {
    match kind {
        MutationKind::Decide { idea_id, decision } => match staff {
            Some(staff_id) => super::moderation::decide(tx, staff_id, *idea_id, decision),
            None => Err(StoreError::Moderation(ErrorCode::Forbidden)),
        },
        MutationKind::DecideComment {
            comment_id,
            decision,
        } => match staff {
            Some(staff_id) => {
                super::moderation::decide_comment(tx, staff_id, *comment_id, decision)
            }
            None => Err(StoreError::Moderation(ErrorCode::Forbidden)),
        },
        MutationKind::CreateIdea {
            idea_id,
            theme_id,
            title,
            body,
        } => {
            let draft = IdeaDraft::parse(&NewIdea {
                id: *idea_id,
                theme_id: *theme_id,
                title: title.clone(),
                body: body.clone(),
            })?;
            ideas::insert_idea(tx, who, &draft, rules).map(|_| ())
        }
        MutationKind::EditIdea {
            idea_id,
            title,
            body,
        } => ideas::edit_idea(
            tx,
            who,
            *idea_id,
            &IdeaTitle::parse(title)?,
            &IdeaBody::parse(body)?,
        ),
        MutationKind::SetSupport { idea_id, supported } => {
            votes::set_support(tx, who, *idea_id, *supported, rules).map(|_| ())
        }
        MutationKind::SetDots { allocations } => votes::replace_dots(tx, who, allocations, rules),
        MutationKind::SetFollow { target, following } => {
            super::follows::set_follow(tx, who, *target, *following)
        }
        MutationKind::AddComment {
            comment_id,
            idea_id,
            body,
        } => comments::insert_comment(
            tx,
            who,
            *comment_id,
            *idea_id,
            &CommentBody::parse(body)?,
            rules,
        )
        .map(|_| ()),
    }
}

fn record(
    tx: &Connection,
    who: ParticipantId,
    id: MutationId,
    outcome: &Outcome,
) -> Result<(), StoreError> {
    let (name, code, message) = match outcome {
        Outcome::Applied | Outcome::Duplicate => ("applied", None, None),
        Outcome::Rejected { code, message } => {
            ("rejected", Some(code_name(*code)), Some(message.as_str()))
        }
    };
    tx.prepare_cached(
        "INSERT INTO mutation (id, participant_id, outcome, code, message, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id.to_string(), who.to_string(), name, code, message, now_ms()])?;
    changes::touch_new(tx, kind::MUTATION, &id.to_string(), Some(who))
}

fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// Which of `mutations` were received before: one query for the batch instead of one per
/// mutation (a new batch, the usual case, then needs no lookups at all).
fn already_received(
    tx: &Connection,
    mutations: &[Mutation],
) -> Result<std::collections::HashSet<MutationId>, StoreError> {
    let ids = serde_json::to_string(&mutations.iter().map(|m| m.id).collect::<Vec<_>>())
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let found = tx
        .prepare_cached("SELECT id FROM mutation WHERE id IN (SELECT value FROM json_each(?1))")?
        .query_map([ids], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(found
        .iter()
        .filter_map(|id| id.parse().ok().map(MutationId))
        .collect())
}

/// The recorded owner and result of a mutation, if it was ever received.
pub fn recorded(
    tx: &Connection,
    id: MutationId,
) -> Result<Option<(ParticipantId, MutationResult)>, StoreError> {
    let row: Option<(String, String, Option<String>, Option<String>)> = tx
        .prepare_cached(
            "SELECT participant_id, outcome, code, message FROM mutation WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((owner, outcome, code, message)) = row else {
        return Ok(None);
    };
    let owner: ParticipantId = owner
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("owner of mutation {id}")))?;
    let outcome = if outcome == "applied" {
        Outcome::Applied
    } else {
        let code = code
            .and_then(|c| serde_json::from_value(serde_json::Value::String(c)).ok())
            .unwrap_or(ErrorCode::Unknown);
        Outcome::Rejected {
            code,
            message: message.unwrap_or_default(),
        }
    };
    Ok(Some((owner, MutationResult { id, outcome })))
}
