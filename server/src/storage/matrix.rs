//! Evaluation matrices (staff): moderators create and edit a matrix, invite DigitalSupporters
//! (at most [`EXPERTS_MAX`] per process), close and publish it; every scorer replaces their own
//! sheet while it is open. Each change is one audit line with before and after (JSON).
//!
//! Invariants: a sheet is written only by its author and only as a whole (`DELETE … WHERE
//! staff_id = author` then the new cells, in one transaction); nothing changes once a matrix
//! is closed but its state; a refused write leaves nothing behind.

use super::matrix_reads::{
    check_scorer, expert_accounts, invited_matrices, is_invited, matrices_of_process,
    matrix_record, own_scores, public_matrices, result, sheets,
};
use super::rows::now_ms;
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use werkstadt_domain::ids::{CriterionId, MatrixId, MatrixOptionId, StaffId};
use werkstadt_domain::matrix::{
    ExpertAccount, MatrixDraft, MatrixError, MatrixRecord, MatrixReview, MatrixSheetView,
    MatrixState, OptionSource, PublicMatrix, Score, SheetDraft, ValidMatrix, EXPERTS_MAX,
};
use werkstadt_domain::staff::Role;
use werkstadt_domain::ProcessId;

/// Who is asking, as the storage needs it: the staff account and its role.
#[derive(Clone, Debug)]
pub struct Scorer {
    pub staff_id: String,
    pub role: Role,
}

fn pos(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

fn strings(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned())
}

/// The title of an idea or project option: the one staff gave, or else the idea's (published,
/// of `process`) or the project's (of `process`).
fn source_title(
    tx: &Connection,
    process: &str,
    source: OptionSource,
    given: &str,
) -> Result<String, StoreError> {
    let found: Option<(String, String, Option<String>)> = match source {
        OptionSource::Text => return Ok(given.to_owned()),
        OptionSource::Idea(id) => tx
            .query_row(
                "SELECT i.title, t.process_id, i.status FROM idea i
                 JOIN theme t ON t.id = i.theme_id WHERE i.id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, Some(r.get(2)?))),
            )
            .optional()?,
        OptionSource::Project(id) => tx
            .query_row(
                "SELECT title, process_id, NULL FROM project WHERE id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
    };
    let unknown = || match source {
        OptionSource::Project(_) => StoreError::UnknownProject,
        _ => StoreError::UnknownIdea,
    };
    let (title, of_process, status) = found.ok_or_else(unknown)?;
    if of_process != process {
        return Err(unknown());
    }
    if status.is_some_and(|s| s != "published") {
        return Err(StoreError::IdeaNotPublished);
    }
    Ok(if given.is_empty() {
        title
    } else {
        given.to_owned()
    })
}

/// Writes the definition of matrix `id` (of `process`): its texts and scale, and its options
/// and criteria in the draft's order; those left out are removed with their scores.
fn write_definition(
    tx: &Connection,
    id: MatrixId,
    process: &str,
    v: &ValidMatrix,
) -> Result<(), StoreError> {
    let key = id.to_string();
    tx.execute(
        "UPDATE matrix SET title = ?2, description = ?3, scale_min = ?4, scale_max = ?5,
             scale_labels = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            key,
            v.title,
            v.description,
            v.scale.min,
            v.scale.max,
            strings(&v.scale.labels),
            now_ms()
        ],
    )?;
    let kept: Vec<String> = v
        .options
        .iter()
        .filter_map(|(id, _)| id.map(|i| i.to_string()))
        .collect();
    let mut stale = tx.prepare_cached("SELECT id FROM matrix_option WHERE matrix_id = ?1")?;
    let old: Vec<String> = stale
        .query_map([&key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for gone in old.iter().filter(|o| !kept.contains(o)) {
        tx.execute("DELETE FROM matrix_option WHERE id = ?1", [gone])?;
    }
    for (i, (kept_id, o)) in v.options.iter().enumerate() {
        let oid = kept_id.unwrap_or_else(|| MatrixOptionId(Uuid::now_v7()));
        let (kind, source_id) = match o.source {
            OptionSource::Text => ("text", None),
            OptionSource::Idea(x) => ("idea", Some(x.to_string())),
            OptionSource::Project(x) => ("project", Some(x.to_string())),
        };
        let title = source_title(tx, process, o.source, &o.title)?;
        tx.execute(
            "INSERT INTO matrix_option (id, matrix_id, position, source_kind, source_id, title,
                 advantages, disadvantages)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position,
                 source_kind = excluded.source_kind, source_id = excluded.source_id,
                 title = excluded.title, advantages = excluded.advantages,
                 disadvantages = excluded.disadvantages",
            params![
                oid.to_string(),
                key,
                pos(i),
                kind,
                source_id,
                title,
                strings(&o.advantages),
                strings(&o.disadvantages)
            ],
        )?;
    }
    let kept: Vec<String> = v
        .criteria
        .iter()
        .filter_map(|(id, _)| id.map(|i| i.to_string()))
        .collect();
    let mut stale = tx.prepare_cached("SELECT id FROM matrix_criterion WHERE matrix_id = ?1")?;
    let old: Vec<String> = stale
        .query_map([&key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for gone in old.iter().filter(|c| !kept.contains(c)) {
        tx.execute("DELETE FROM matrix_criterion WHERE id = ?1", [gone])?;
    }
    for (i, (kept_id, c)) in v.criteria.iter().enumerate() {
        let cid = kept_id.unwrap_or_else(|| CriterionId(Uuid::now_v7()));
        tx.execute(
            "INSERT INTO matrix_criterion (id, matrix_id, position, title, description, weight)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position,
                 title = excluded.title, description = excluded.description,
                 weight = excluded.weight",
            params![
                cid.to_string(),
                key,
                pos(i),
                c.title,
                c.description,
                c.weight
            ],
        )?;
    }
    // A narrower scale must still hold every score already given.
    let outside: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM matrix_score WHERE matrix_id = ?1
                          AND (score < ?2 OR score > ?3))",
        params![key, v.scale.min, v.scale.max],
        |r| r.get(0),
    )?;
    if outside {
        return Err(MatrixError::ScoreOutOfRange.into());
    }
    Ok(())
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
