//! Writing a matrix's definition: texts, scale, options (with the titles of the ideas and
//! projects they stand for) and criteria, in the order staff gave them.

use super::rows::now_ms;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use werkstadt_domain::ids::{CriterionId, MatrixId, MatrixOptionId};
use werkstadt_domain::matrix::{MatrixError, OptionSource, ValidMatrix};

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
pub(super) fn write_definition(
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
