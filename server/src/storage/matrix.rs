//! Evaluation matrices (staff): moderators create and edit a matrix, invite DigitalSupporters
//! (at most [`EXPERTS_MAX`] per process), close and publish it; every scorer replaces their own
//! sheet while it is open. Each change is one audit line with before and after (JSON).
//!
//! Invariants: a sheet is written only by its author and only as a whole (`DELETE … WHERE
//! staff_id = author` then the new cells, in one transaction); nothing changes once a matrix
//! is closed but its state; a refused write leaves nothing behind; every change moves the
//! change feed's head ([`announce`]), so open staff views load the matrix again.

use super::matrix_definition::write_definition;
use super::matrix_reads::{
    check_scorer, expert_accounts, invited_matrices, is_invited, matrices_of_process,
    matrix_record, own_scores, public_matrices, result, sheets,
};
use super::rows::now_ms;
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection};
use uuid::Uuid;
use werkstadt_domain::ids::{MatrixId, StaffId};
use werkstadt_domain::matrix::{
    ExpertAccount, MatrixDraft, MatrixError, MatrixRecord, MatrixReview, MatrixSheetView,
    MatrixState, PublicMatrix, Score, SheetDraft, EXPERTS_MAX,
};
use werkstadt_domain::staff::Role;
use werkstadt_domain::ProcessId;

/// Reports a change of a matrix of `process` to the change feed, as the process's entry: the
/// feed's head moves and the server's `changed` event tells every open staff view (which
/// loads the matrix again); devices pull only the process, which is public anyway. No matrix
/// data goes into the feed: sheets are for moderators only, results public once published.
fn announce(tx: &Connection, process: ProcessId) -> Result<(), StoreError> {
    super::changes::touch(
        tx,
        super::changes::kind::PROCESS,
        &process.to_string(),
        None,
    )
}

/// Who is asking, as the storage needs it: the staff account and its role.
#[derive(Clone, Debug)]
pub struct Scorer {
    pub staff_id: String,
    pub role: Role,
}

fn create(
    tx: &Connection,
    staff_id: &str,
    process: ProcessId,
    draft: &MatrixDraft,
) -> Result<MatrixRecord, StoreError> {
    super::processes::process(tx, process)?;
    let v = draft.validate(&[], &[])?;
    let id = MatrixId(Uuid::now_v7());
    let now = now_ms();
    tx.execute(
        "INSERT INTO matrix (id, process_id, title, description, state, scale_min, scale_max,
             scale_labels, created_at, updated_at)
         VALUES (?1, ?2, '', '', 'open', 0, 1, '[]', ?3, ?3)",
        params![id.to_string(), process.to_string(), now],
    )?;
    write_definition(tx, id, &process.to_string(), &v)?;
    let created = matrix_record(tx, id, true)?;
    audit(tx, staff_id, "matrix.create", id, None, json(&created))?;
    announce(tx, process)?;
    Ok(created)
}

/// The matrix, refused unless it is open.
fn open_matrix(tx: &Connection, id: MatrixId) -> Result<MatrixRecord, StoreError> {
    let m = matrix_record(tx, id, true)?;
    if m.state != MatrixState::Open {
        return Err(MatrixError::Closed.into());
    }
    Ok(m)
}

fn edit(
    tx: &Connection,
    staff_id: &str,
    id: MatrixId,
    draft: &MatrixDraft,
) -> Result<MatrixRecord, StoreError> {
    let before = open_matrix(tx, id)?;
    let option_ids: Vec<_> = before.options.iter().map(|o| o.id).collect();
    let criterion_ids: Vec<_> = before.criteria.iter().map(|c| c.id).collect();
    let v = draft.validate(&option_ids, &criterion_ids)?;
    write_definition(tx, id, &before.process_id.to_string(), &v)?;
    let after = matrix_record(tx, id, true)?;
    audit(tx, staff_id, "matrix.edit", id, json(&before), json(&after))?;
    announce(tx, after.process_id)?;
    Ok(after)
}

fn invite(
    tx: &Connection,
    staff_id: &str,
    id: MatrixId,
    expert: StaffId,
) -> Result<MatrixRecord, StoreError> {
    let before = matrix_record(tx, id, true)?;
    if before.state == MatrixState::Published {
        return Err(MatrixError::Closed.into());
    }
    let key = expert.to_string();
    if is_invited(tx, id, &key)? {
        return Ok(before);
    }
    let active_expert: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1 AND role = ?2
                          AND deactivated_at IS NULL)",
        params![key, Role::Expert.as_str()],
        |r| r.get(0),
    )?;
    if !active_expert {
        return Err(StoreError::UnknownExpert);
    }
    // The pool of the process: everyone invited to any of its matrices, this one included.
    let pool: i64 = tx.query_row(
        "SELECT COUNT(DISTINCT e.staff_id) FROM matrix_expert e
         JOIN matrix m ON m.id = e.matrix_id
         WHERE m.process_id = ?1 AND e.staff_id <> ?2",
        params![before.process_id.to_string(), key],
        |r| r.get(0),
    )?;
    let in_pool: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM matrix_expert e JOIN matrix m ON m.id = e.matrix_id
                         WHERE m.process_id = ?1 AND e.staff_id = ?2)",
        params![before.process_id.to_string(), key],
        |r| r.get(0),
    )?;
    if !in_pool && usize::try_from(pool).unwrap_or(usize::MAX) >= EXPERTS_MAX {
        return Err(StoreError::ExpertLimit);
    }
    tx.execute(
        "INSERT INTO matrix_expert (matrix_id, staff_id, invited_at) VALUES (?1, ?2, ?3)",
        params![id.to_string(), key, now_ms()],
    )?;
    let after = matrix_record(tx, id, true)?;
    audit(
        tx,
        staff_id,
        "matrix.invite",
        id,
        json(&before.experts),
        json(&after.experts),
    )?;
    announce(tx, after.process_id)?;
    Ok(after)
}

fn set_state(
    tx: &Connection,
    staff_id: &str,
    id: MatrixId,
    to: MatrixState,
) -> Result<MatrixRecord, StoreError> {
    let before = matrix_record(tx, id, true)?;
    let state = before.state.move_to(to)?;
    if state == before.state {
        return Ok(before);
    }
    tx.execute(
        "UPDATE matrix SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), state.as_str(), now_ms()],
    )?;
    let after = matrix_record(tx, id, true)?;
    audit(
        tx,
        staff_id,
        "matrix.state",
        id,
        json(&before.state),
        json(&after.state),
    )?;
    announce(tx, after.process_id)?;
    Ok(after)
}

/// Replaces `who`'s sheet on `id` (and only theirs) while the matrix is open.
fn put_sheet(
    tx: &Connection,
    who: &Scorer,
    id: MatrixId,
    draft: &SheetDraft,
) -> Result<Vec<Score>, StoreError> {
    let m = matrix_record(tx, id, false)?;
    check_scorer(tx, id, &who.staff_id, who.role)?;
    if m.state != MatrixState::Open {
        return Err(MatrixError::Closed.into());
    }
    let scores = draft.validate(&m.options, &m.criteria, &m.scale)?;
    let before = own_scores(tx, id, &who.staff_id)?;
    let key = id.to_string();
    tx.execute(
        "DELETE FROM matrix_score WHERE matrix_id = ?1 AND staff_id = ?2",
        params![key, who.staff_id],
    )?;
    let now = now_ms();
    let mut insert = tx.prepare_cached(
        "INSERT INTO matrix_score (matrix_id, staff_id, option_id, criterion_id, score, note,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for s in &scores {
        insert.execute(params![
            key,
            who.staff_id,
            s.option_id.to_string(),
            s.criterion_id.to_string(),
            s.score,
            s.note,
            now
        ])?;
    }
    let after = own_scores(tx, id, &who.staff_id)?;
    audit(
        tx,
        &who.staff_id,
        "matrix.sheet",
        id,
        json(&before),
        json(&after),
    )?;
    announce(tx, m.process_id)?;
    Ok(after)
}

impl Store {
    pub async fn create_matrix(
        &self,
        staff_id: String,
        process: ProcessId,
        draft: MatrixDraft,
    ) -> Result<MatrixRecord, StoreError> {
        self.write(move |tx| create(tx, &staff_id, process, &draft))
            .await
    }

    pub async fn edit_matrix(
        &self,
        staff_id: String,
        id: MatrixId,
        draft: MatrixDraft,
    ) -> Result<MatrixRecord, StoreError> {
        self.write(move |tx| edit(tx, &staff_id, id, &draft)).await
    }

    pub async fn invite_expert(
        &self,
        staff_id: String,
        id: MatrixId,
        expert: StaffId,
    ) -> Result<MatrixRecord, StoreError> {
        self.write(move |tx| invite(tx, &staff_id, id, expert))
            .await
    }

    pub async fn set_matrix_state(
        &self,
        staff_id: String,
        id: MatrixId,
        state: MatrixState,
    ) -> Result<MatrixRecord, StoreError> {
        self.write(move |tx| set_state(tx, &staff_id, id, state))
            .await
    }

    pub async fn put_sheet(
        &self,
        who: Scorer,
        id: MatrixId,
        draft: SheetDraft,
    ) -> Result<Vec<Score>, StoreError> {
        self.write(move |tx| put_sheet(tx, &who, id, &draft)).await
    }

    /// Every matrix of a process with its invited experts (moderators).
    pub async fn matrices(&self, process: ProcessId) -> Result<Vec<MatrixRecord>, StoreError> {
        self.read(move |tx| matrices_of_process(tx, process)).await
    }

    /// A matrix with every sheet and the result computed from them (moderators).
    pub async fn matrix_review(&self, id: MatrixId) -> Result<MatrixReview, StoreError> {
        self.read(move |tx| {
            let matrix = matrix_record(tx, id, true)?;
            let sheets = sheets(tx, id)?;
            let result = result(&matrix, &sheets);
            Ok(MatrixReview {
                matrix,
                sheets,
                result,
            })
        })
        .await
    }

    /// The matrices `who` is invited to.
    pub async fn my_matrices(&self, who: Scorer) -> Result<Vec<MatrixRecord>, StoreError> {
        self.read(move |tx| invited_matrices(tx, &who.staff_id))
            .await
    }

    /// A matrix and `who`'s own sheet, if they may score it.
    pub async fn matrix_sheet(
        &self,
        who: Scorer,
        id: MatrixId,
    ) -> Result<MatrixSheetView, StoreError> {
        self.read(move |tx| {
            let matrix = matrix_record(tx, id, who.role.can_moderate())?;
            check_scorer(tx, id, &who.staff_id, who.role)?;
            Ok(MatrixSheetView {
                matrix,
                scores: own_scores(tx, id, &who.staff_id)?,
            })
        })
        .await
    }

    /// The published matrices of a process with their results (public).
    pub async fn public_matrices(
        &self,
        process: ProcessId,
    ) -> Result<Vec<PublicMatrix>, StoreError> {
        self.read(move |tx| public_matrices(tx, process)).await
    }

    /// The DigitalSupporter accounts, to invite from.
    pub async fn expert_accounts(&self) -> Result<Vec<ExpertAccount>, StoreError> {
        self.read(expert_accounts).await
    }
}

#[cfg(test)]
#[path = "matrix_tests.rs"]
mod tests;
