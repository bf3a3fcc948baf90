//! Reading evaluation matrices: the definition with its options, criteria and invited experts,
//! the sheets, and who may score (`matrix` writes them).

use super::rows::{u32_at, uuid_at};
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension, Row};
use werkstadt_domain::ids::{CriterionId, MatrixId, MatrixOptionId, StaffId};
use werkstadt_domain::matrix::{
    compute, Criterion, ExpertAccount, ExpertSheet, MatrixExpert, MatrixOption, MatrixRecord,
    MatrixResult, MatrixState, OptionSource, PublicMatrix, Scale, Score,
};
use werkstadt_domain::staff::Role;
use werkstadt_domain::{IdeaId, ProcessId, ProjectId};

fn corrupt(idx: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, what.into())
}

/// A JSON array of strings stored in a column.
fn strings_at(r: &Row<'_>, idx: usize) -> rusqlite::Result<Vec<String>> {
    let s: String = r.get(idx)?;
    serde_json::from_str(&s).map_err(|e| corrupt(idx, e.to_string()))
}

fn option_at(r: &Row<'_>) -> rusqlite::Result<MatrixOption> {
    let kind: String = r.get(1)?;
    let source_id: Option<String> = r.get(2)?;
    let source_uuid = || {
        source_id
            .as_deref()
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
            .ok_or_else(|| corrupt(2, format!("option source {source_id:?}")))
    };
    let source = match kind.as_str() {
        "idea" => OptionSource::Idea(IdeaId(source_uuid()?)),
        "project" => OptionSource::Project(ProjectId(source_uuid()?)),
        _ => OptionSource::Text,
    };
    Ok(MatrixOption {
        id: MatrixOptionId(uuid_at(r, 0)?),
        source,
        title: r.get(3)?,
        advantages: strings_at(r, 4)?,
        disadvantages: strings_at(r, 5)?,
    })
}

fn options(tx: &Connection, id: &str) -> Result<Vec<MatrixOption>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, source_kind, source_id, title, advantages, disadvantages
         FROM matrix_option WHERE matrix_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], option_at)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn criteria(tx: &Connection, id: &str) -> Result<Vec<Criterion>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, title, description, weight FROM matrix_criterion
         WHERE matrix_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Criterion {
            id: CriterionId(uuid_at(r, 0)?),
            title: r.get(1)?,
            description: r.get(2)?,
            weight: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(1),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn experts(tx: &Connection, id: &str) -> Result<Vec<MatrixExpert>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.staff_id, s.username,
                (SELECT COUNT(*) FROM matrix_score sc
                  WHERE sc.matrix_id = e.matrix_id AND sc.staff_id = e.staff_id)
         FROM matrix_expert e JOIN staff s ON s.id = e.staff_id
         WHERE e.matrix_id = ?1 ORDER BY s.username",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(MatrixExpert {
            staff_id: StaffId(uuid_at(r, 0)?),
            username: r.get(1)?,
            scored_cells: u32_at(r, 2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A matrix with its options and criteria; its invited experts only `with_experts`.
pub(super) fn matrix_record(
    tx: &Connection,
    id: MatrixId,
    with_experts: bool,
) -> Result<MatrixRecord, StoreError> {
    let key = id.to_string();
    let head = tx
        .prepare_cached(
            "SELECT process_id, title, description, state, scale_min, scale_max, scale_labels,
                    created_at, updated_at
             FROM matrix WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            let state: String = r.get(3)?;
            Ok(MatrixRecord {
                id,
                process_id: ProcessId(uuid_at(r, 0)?),
                title: r.get(1)?,
                description: r.get(2)?,
                state: MatrixState::parse(&state)
                    .ok_or_else(|| corrupt(3, format!("matrix state {state:?}")))?,
                scale: Scale {
                    min: u8::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    max: u8::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                    labels: strings_at(r, 6)?,
                },
                options: Vec::new(),
                criteria: Vec::new(),
                experts: Vec::new(),
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
            })
        })
        .optional()?;
    let mut m = head.ok_or(StoreError::UnknownMatrix)?;
    m.options = options(tx, &key)?;
    m.criteria = criteria(tx, &key)?;
    if with_experts {
        m.experts = experts(tx, &key)?;
    }
    Ok(m)
}

/// The ids of the matrices of `process` (oldest first), `published` ones only if asked.
fn matrix_ids(
    tx: &Connection,
    process: ProcessId,
    published: bool,
) -> Result<Vec<MatrixId>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM matrix WHERE process_id = ?1 AND (?2 = 0 OR state = 'published')
         ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map(params![process.to_string(), published], |r| {
        Ok(MatrixId(uuid_at(r, 0)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every matrix of `process`, with its experts (moderators).
pub(super) fn matrices_of_process(
    tx: &Connection,
    process: ProcessId,
) -> Result<Vec<MatrixRecord>, StoreError> {
    super::processes::process(tx, process)?;
    matrix_ids(tx, process, false)?
        .into_iter()
        .map(|id| matrix_record(tx, id, true))
        .collect()
}

/// The matrices `staff_id` is invited to, newest first, without the list of experts.
pub(super) fn invited_matrices(
    tx: &Connection,
    staff_id: &str,
) -> Result<Vec<MatrixRecord>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.id FROM matrix_expert e JOIN matrix m ON m.id = e.matrix_id
         WHERE e.staff_id = ?1 ORDER BY m.created_at DESC, m.id",
    )?;
    let ids = stmt
        .query_map([staff_id], |r| Ok(MatrixId(uuid_at(r, 0)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.into_iter()
        .map(|id| matrix_record(tx, id, false))
        .collect()
}

/// Whether `staff_id` is invited to score `matrix`.
pub(super) fn is_invited(
    tx: &Connection,
    matrix: MatrixId,
    staff_id: &str,
) -> Result<bool, StoreError> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM matrix_expert WHERE matrix_id = ?1 AND staff_id = ?2)",
        params![matrix.to_string(), staff_id],
        |r| r.get(0),
    )?)
}

/// Refuses a staff member who may not score `matrix`: moderators and admins may score any,
/// a DigitalSupporter only one they are invited to.
pub(super) fn check_scorer(
    tx: &Connection,
    matrix: MatrixId,
    staff_id: &str,
    role: Role,
) -> Result<(), StoreError> {
    if role.can_moderate() || is_invited(tx, matrix, staff_id)? {
        Ok(())
    } else {
        Err(StoreError::NotInvited)
    }
}

/// One staff member's scores on `matrix`, in the matrix's option and criterion order.
pub(super) fn own_scores(
    tx: &Connection,
    matrix: MatrixId,
    staff_id: &str,
) -> Result<Vec<Score>, StoreError> {
    Ok(sheets(tx, matrix)?
        .into_iter()
        .find(|s| s.staff_id.to_string() == staff_id)
        .map(|s| s.scores)
        .unwrap_or_default())
}

/// Every sheet of `matrix` by its author's user name, each in option and criterion order.
pub(super) fn sheets(tx: &Connection, matrix: MatrixId) -> Result<Vec<ExpertSheet>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT sc.staff_id, s.username, sc.option_id, sc.criterion_id, sc.score, sc.note
         FROM matrix_score sc
         JOIN staff s ON s.id = sc.staff_id
         JOIN matrix_option o ON o.id = sc.option_id
         JOIN matrix_criterion c ON c.id = sc.criterion_id
         WHERE sc.matrix_id = ?1
         ORDER BY s.username, sc.staff_id, o.position, c.position",
    )?;
    let mut out: Vec<ExpertSheet> = Vec::new();
    let mut rows = stmt.query([matrix.to_string()])?;
    while let Some(r) = rows.next()? {
        let staff_id = StaffId(uuid_at(r, 0)?);
        let score = Score {
            option_id: MatrixOptionId(uuid_at(r, 2)?),
            criterion_id: CriterionId(uuid_at(r, 3)?),
            score: u8::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            note: r.get(5)?,
        };
        match out.last_mut() {
            Some(last) if last.staff_id == staff_id => last.scores.push(score),
            _ => out.push(ExpertSheet {
                staff_id,
                username: r.get(1)?,
                scores: vec![score],
            }),
        }
    }
    Ok(out)
}

/// The result of `m` from its sheets.
pub(super) fn result(m: &MatrixRecord, sheets: &[ExpertSheet]) -> MatrixResult {
    let scores: Vec<Vec<Score>> = sheets.iter().map(|s| s.scores.clone()).collect();
    compute(&m.options, &m.criteria, &scores)
}

/// The published matrices of `process` with their results; nothing about who scored.
pub(super) fn public_matrices(
    tx: &Connection,
    process: ProcessId,
) -> Result<Vec<PublicMatrix>, StoreError> {
    super::processes::process(tx, process)?;
    with_results(tx, matrix_ids(tx, process, true)?)
}

/// The closed and published matrices of `process` with their results (the committee report).
pub(super) fn finished_matrices(
    tx: &Connection,
    process: ProcessId,
) -> Result<Vec<PublicMatrix>, StoreError> {
    let ids = tx
        .prepare_cached(
            "SELECT id FROM matrix WHERE process_id = ?1 AND state <> 'open'
             ORDER BY created_at, id",
        )?
        .query_map([process.to_string()], |r| Ok(MatrixId(uuid_at(r, 0)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    with_results(tx, ids)
}

fn with_results(tx: &Connection, ids: Vec<MatrixId>) -> Result<Vec<PublicMatrix>, StoreError> {
    let mut out = Vec::new();
    for id in ids {
        let m = matrix_record(tx, id, false)?;
        let result = result(&m, &sheets(tx, id)?);
        out.push(PublicMatrix {
            id: m.id,
            process_id: m.process_id,
            title: m.title,
            description: m.description,
            scale: m.scale,
            options: m.options,
            criteria: m.criteria,
            result,
            updated_at: m.updated_at,
        });
    }
    Ok(out)
}

/// The DigitalSupporter accounts (active or not), by user name.
pub(super) fn expert_accounts(tx: &Connection) -> Result<Vec<ExpertAccount>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, username, deactivated_at IS NULL FROM staff WHERE role = ?1
         ORDER BY username",
    )?;
    let rows = stmt.query_map([Role::Expert.as_str()], |r| {
        Ok(ExpertAccount {
            id: StaffId(uuid_at(r, 0)?),
            username: r.get(1)?,
            active: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
