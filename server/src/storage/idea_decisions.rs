//! Committee decisions on an idea itself (the committee took note of it, adopted or rejected it
//! without a project). Staff record and withdraw them; each change is an audit line and the
//! idea's `idea_decisions` feed entry (`Change::IdeaDecisions`, the whole list). Merging an
//! idea moves its decisions to the idea it was merged into; deleting an idea deletes them.

use super::changes::{self, kind};
use super::project_reads::decision_row;
use super::projects::{insert_decision, DecisionOn};
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use werkstadt_domain::ids::DecisionId;
use werkstadt_domain::projects::{CommitteeDecision, DecisionDraft};
use werkstadt_domain::IdeaId;

/// An idea's decisions, oldest first.
pub fn decisions_of(tx: &Connection, idea: IdeaId) -> Result<Vec<CommitteeDecision>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT id, body, body_other, decided_on, reference, outcome, link, body_text
             FROM idea_decision WHERE idea_id = ?1 ORDER BY decided_on, id",
        )?
        .query_map([idea.to_string()], decision_row)?
        .collect::<Result<_, _>>()?)
}

fn add(
    tx: &Connection,
    staff_id: &str,
    idea: IdeaId,
    d: &DecisionDraft,
) -> Result<Vec<CommitteeDecision>, StoreError> {
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM idea WHERE id = ?1",
            [idea.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    match status.as_deref() {
        None => return Err(StoreError::UnknownIdea),
        Some("published") => {}
        Some(_) => return Err(StoreError::IdeaNotPublished),
    }
    let c = d.validate(DecisionId(Uuid::now_v7()))?;
    insert_decision(tx, DecisionOn::Idea(idea), &c)?;
    changes::touch(tx, kind::IDEA_DECISIONS, &idea.to_string(), None)?;
    audit(tx, staff_id, "idea.decision", idea, None, json(&c))?;
    decisions_of(tx, idea)
}

fn withdraw(
    tx: &Connection,
    staff_id: &str,
    idea: IdeaId,
    decision: DecisionId,
) -> Result<Vec<CommitteeDecision>, StoreError> {
    let before = decisions_of(tx, idea)?
        .into_iter()
        .find(|d| d.id == decision)
        .ok_or(StoreError::UnknownDecision)?;
    tx.execute(
        "DELETE FROM idea_decision WHERE id = ?1",
        [decision.to_string()],
    )?;
    changes::touch(tx, kind::IDEA_DECISIONS, &idea.to_string(), None)?;
    audit(
        tx,
        staff_id,
        "idea.decision.withdraw",
        idea,
        json(&before),
        None,
    )?;
    decisions_of(tx, idea)
}

/// An idea merged into another: its decisions go with it.
pub fn carry_over(tx: &Connection, from: IdeaId, into: IdeaId) -> Result<(), StoreError> {
    let moved = tx.execute(
        "UPDATE idea_decision SET idea_id = ?2 WHERE idea_id = ?1",
        params![from.to_string(), into.to_string()],
    )?;
    if moved > 0 {
        changes::touch(tx, kind::IDEA_DECISIONS, &from.to_string(), None)?;
        changes::touch(tx, kind::IDEA_DECISIONS, &into.to_string(), None)?;
    }
    Ok(())
}

/// An idea deleted: its decisions too.
pub fn forget(tx: &Connection, idea: IdeaId) -> Result<(), StoreError> {
    let gone = tx.execute(
        "DELETE FROM idea_decision WHERE idea_id = ?1",
        [idea.to_string()],
    )?;
    if gone > 0 {
        changes::touch(tx, kind::IDEA_DECISIONS, &idea.to_string(), None)?;
    }
    Ok(())
}

impl Store {
    pub async fn add_idea_decision(
        &self,
        staff_id: String,
        idea: IdeaId,
        draft: DecisionDraft,
    ) -> Result<Vec<CommitteeDecision>, StoreError> {
        self.write(move |tx| add(tx, &staff_id, idea, &draft)).await
    }

    pub async fn withdraw_idea_decision(
        &self,
        staff_id: String,
        idea: IdeaId,
        decision: DecisionId,
    ) -> Result<Vec<CommitteeDecision>, StoreError> {
        self.write(move |tx| withdraw(tx, &staff_id, idea, decision))
            .await
    }

    pub async fn idea_decisions(&self, idea: IdeaId) -> Result<Vec<CommitteeDecision>, StoreError> {
        self.read(move |tx| decisions_of(tx, idea)).await
    }
}
