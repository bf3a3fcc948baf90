//! Supports and dot votes, and what a participant has given.

use super::changes::{self, kind};
use super::ideas::require_public_idea;
use super::processes::{current_process, Rules};
use super::rows::{now_ms, uuid_at};
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::api::{MyState, SupportState};
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::setup::Module;
use werkstadt_domain::{DotBallot, IdeaId, ParticipantId, ThemeId};

pub fn set_support(
    tx: &Connection,
    who: ParticipantId,
    idea: IdeaId,
    supported: bool,
    rules: Rules,
) -> Result<SupportState, StoreError> {
    require_public_idea(tx, idea)?;
    rules.check(Module::Supports)?;
    if supported && rules.verified_only {
        super::codes::require_verified(tx, &who.to_string())?;
    }
    let changed = if supported {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO support (idea_id, participant_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![idea.to_string(), who.to_string(), now_ms()])?
    } else {
        tx.prepare_cached("DELETE FROM support WHERE idea_id = ?1 AND participant_id = ?2")?
            .execute(params![idea.to_string(), who.to_string()])?
    };
    // Setting the state it already has changes nothing, not even the feed.
    if changed > 0 {
        changes::touch(tx, kind::IDEA, &idea.to_string(), None)?;
        changes::touch(
            tx,
            kind::SUPPORT,
            &changes::support_entity(idea, who),
            Some(who),
        )?;
    }
    let count: i64 = tx
        .prepare_cached(&format!(
            "SELECT {} FROM idea i JOIN theme t ON t.id = i.theme_id
             JOIN process p ON p.id = t.process_id WHERE i.id = ?1",
            super::verified::SUPPORTS
        ))?
        .query_row([idea.to_string()], |r| r.get(0))?;
    Ok(SupportState {
        idea_id: idea,
        supported,
        support_count: u32::try_from(count).unwrap_or(u32::MAX),
    })
}

/// Replaces `who`'s ballot with `entries`, which must fit the process's dot budget (lowering
/// the budget keeps ballots placed before; a changed one must fit the new budget). A retired
/// field of action keeps its points but gets no more.
pub fn replace_dots(
    tx: &Connection,
    who: ParticipantId,
    entries: &[DotEntry],
    rules: Rules,
) -> Result<(), StoreError> {
    let process = current_process(tx)?;
    let before = my_state(tx, who)?.dots;
    // The same allocation again changes nothing, not even the feed (also when the budget was
    // lowered since it was placed).
    let unchanged = DotBallot::parse(&before, u8::MAX).ok();
    if unchanged.is_some() && unchanged == DotBallot::parse(entries, u8::MAX).ok() {
        return Ok(());
    }
    let ballot = DotBallot::parse(entries, rules.dot_budget)?;
    rules.check(Module::Dots)?;
    if process.verified_only && ballot.spent() > 0 {
        super::codes::require_verified(tx, &who.to_string())?;
    }
    for entry in ballot.entries() {
        let owner: Option<(String, bool)> = tx
            .prepare_cached("SELECT process_id, retired_at IS NOT NULL FROM theme WHERE id = ?1")?
            .query_row([entry.theme_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match owner {
            None => return Err(StoreError::UnknownTheme),
            Some((p, _)) if p != process.id.to_string() => {
                return Err(StoreError::ThemeNotInProcess)
            }
            Some((_, true)) => {
                let had = before
                    .iter()
                    .find(|e| e.theme_id == entry.theme_id)
                    .map_or(0, |e| e.points);
                if entry.points > had {
                    return Err(StoreError::ThemeRetired);
                }
            }
            Some(_) => {}
        }
    }
    let ballot = &ballot;
    tx.execute(
        "DELETE FROM dot_vote WHERE process_id = ?1 AND participant_id = ?2",
        params![process.id.to_string(), who.to_string()],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO dot_vote (process_id, participant_id, theme_id, points, placed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let now = super::now_ms();
    for entry in ballot.entries() {
        insert.execute(params![
            process.id.to_string(),
            who.to_string(),
            entry.theme_id.to_string(),
            entry.points,
            now
        ])?;
    }
    let mut touched: Vec<ThemeId> = before
        .iter()
        .chain(ballot.entries().iter())
        .map(|e| e.theme_id)
        .collect();
    touched.sort();
    touched.dedup();
    for theme in touched {
        changes::touch(tx, kind::THEME, &theme.to_string(), None)?;
    }
    // The number of voters is part of the process record.
    changes::touch(tx, kind::PROCESS, &process.id.to_string(), None)?;
    changes::touch(tx, kind::DOTS, &who.to_string(), Some(who))
}

pub fn supports(tx: &Connection, who: ParticipantId, idea: IdeaId) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM support WHERE idea_id = ?1 AND participant_id = ?2)",
        )?
        .query_row(params![idea.to_string(), who.to_string()], |r| r.get(0))?)
}

pub fn my_state(tx: &Connection, who: ParticipantId) -> Result<MyState, StoreError> {
    let process = current_process(tx)?;
    let mut stmt = tx.prepare_cached(
        "SELECT idea_id FROM support WHERE participant_id = ?1 ORDER BY created_at, idea_id",
    )?;
    let supported_ideas = stmt
        .query_map([who.to_string()], |r| Ok(IdeaId(uuid_at(r, 0)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT d.theme_id, d.points FROM dot_vote d JOIN theme t ON t.id = d.theme_id
         WHERE d.process_id = ?1 AND d.participant_id = ?2 ORDER BY t.position",
    )?;
    let dots = stmt
        .query_map(params![process.id.to_string(), who.to_string()], |r| {
            Ok(DotEntry {
                theme_id: ThemeId(uuid_at(r, 0)?),
                points: u8::try_from(r.get::<_, i64>(1)?).unwrap_or(u8::MAX),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let spent: u32 = dots.iter().map(|d| u32::from(d.points)).sum();
    let remaining = u32::from(process.dot_budget).saturating_sub(spent);
    Ok(MyState {
        participant_id: who,
        supported_ideas,
        dots,
        dots_remaining: u8::try_from(remaining).unwrap_or(0),
    })
}
