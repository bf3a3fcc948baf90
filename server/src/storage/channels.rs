//! Channels: through which way each contribution came (web, participation code, kiosk,
//! workshop phone) and for which workshop, so results can be counted per channel and workshop.
//!
//! A push resolves its [`Tagging`] once: the participant's usual channel (`code` if they
//! redeemed a participation code, else `web`) and the workshop it counts for — the one the push
//! names by its join code, else the one the participant joined (`workshop_join`, a phone that
//! opened the QR link) — with that workshop's time. Each applied mutation is then tagged by the time it was made
//! (its UUIDv7 id, never later than the server's clock): made while the workshop ran → channel
//! `workshop` and the workshop; otherwise the usual channel. An unknown join code or a
//! workshop of another process is ignored, not refused: the contribution itself is valid, and
//! a phone that kept its join after the workshop was deleted must still be able to sync.
//!
//! While the workshop runs, its modules — not the process's phases — decide what a
//! contribution tagged with it may do ([`Tagged::open`], `processes::Rules::within`): a
//! dot-voting workshop opens dots before the online phase does, and closes what it does not
//! offer (`409 workshop_closed`). REST writes are tagged the same way, made now.
//!
//! Written per applied mutation: the `mutation` row's `channel` and `workshop_id`, the
//! `idea` row's (for a new idea), and one `participation` row per participant, process,
//! channel and workshop (kept for good; mutation records are compacted).

use super::rows::now_ms;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::channel::Channel;
use werkstadt_domain::ids::WorkshopId;
use werkstadt_domain::setup::Modules;
use werkstadt_domain::sync::MutationId;
use werkstadt_domain::{ParticipantId, ProcessId};

/// The channel a contribution is counted for, and its workshop if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChannelTag {
    pub channel: Channel,
    pub workshop: Option<WorkshopId>,
}

/// How the mutations of one push (or one REST write) are tagged.
#[derive(Clone, Debug)]
pub struct Tagging {
    process: Option<ProcessId>,
    usual: Channel,
    /// The workshop named by the push, and the channel it stands for (`workshop` for a
    /// joined phone, `kiosk` for a kiosk's visitor).
    workshop: Option<(Attached, Channel)>,
}

/// The workshop a participant is attached to: its id, time and the modules it opens.
#[derive(Clone, Copy, Debug)]
struct Attached {
    id: WorkshopId,
    starts_at: i64,
    ends_at: i64,
    open: Modules,
}

/// A contribution's tag, and the modules of its workshop if it was made while that ran:
/// those, not the process's phases, decide what it may do (`processes::Rules::within`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tagged {
    pub tag: ChannelTag,
    pub open: Option<Modules>,
}

impl Tagging {
    /// The tagging of a push by `who` in the current process `process`, naming the workshop
    /// with join code `join` (if any) as `channel`.
    pub fn resolve(
        tx: &Connection,
        who: ParticipantId,
        process: Option<ProcessId>,
        join: Option<&str>,
        channel: Channel,
    ) -> Result<Self, StoreError> {
        let usual = usual_channel(tx, who)?;
        // A kiosk's visitor counts for the workshop the kiosk serves (as `kiosk`); a phone for
        // the one it joined.
        let (joined, channel) = if usual == Channel::Kiosk {
            let served: Option<String> = tx
                .prepare_cached(
                    "SELECT w.code FROM participant_channel c
                       JOIN kiosk k ON k.id = c.kiosk_id
                       JOIN workshop w ON w.id = k.workshop_id
                      WHERE c.participant_id = ?1",
                )?
                .query_row([who.to_string()], |r| r.get(0))
                .optional()?;
            (served, Channel::Kiosk)
        } else {
            let joined: Option<String> = tx
                .prepare_cached(
                    "SELECT w.code FROM workshop_join j JOIN workshop w ON w.id = j.workshop_id
                      WHERE j.participant_id = ?1",
                )?
                .query_row([who.to_string()], |r| r.get(0))
                .optional()?;
            (joined, channel)
        };
        let join = join
            .and_then(werkstadt_domain::workshop::normalise_code)
            .or(joined);
        let workshop = match (join, process) {
            (Some(code), Some(process)) => tx
                .prepare_cached(
                    "SELECT id, starts_at, ends_at, open_ideas, open_supports, open_dots,
                            open_comments
                       FROM workshop WHERE code = ?1 AND process_id = ?2",
                )?
                .query_row(params![code, process.to_string()], |r| {
                    let open = Modules {
                        ideas: r.get(3)?,
                        supports: r.get(4)?,
                        dots: r.get(5)?,
                        comments: r.get(6)?,
                    };
                    Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, open))
                })
                .optional()?
                .and_then(|(id, starts_at, ends_at, open)| {
                    let id = WorkshopId(id.parse().ok()?);
                    Some((
                        Attached {
                            id,
                            starts_at,
                            ends_at,
                            open,
                        },
                        channel,
                    ))
                }),
            _ => None,
        };
        Ok(Self {
            process,
            usual,
            workshop,
        })
    }

    /// The tag of mutation `id`, made (by its UUIDv7 date, at most now) at that time.
    pub fn tag(&self, id: MutationId) -> Tagged {
        let now = now_ms();
        self.at(super::retention::v7_ms(id.0).map_or(now, |ms| ms.min(now)))
    }

    /// The tag of a contribution made at `made` (a REST write: now).
    pub fn at(&self, made: i64) -> Tagged {
        match self.workshop {
            Some((w, channel)) if w.starts_at <= made && made < w.ends_at => Tagged {
                tag: ChannelTag {
                    channel,
                    workshop: Some(w.id),
                },
                open: Some(w.open),
            },
            _ => Tagged {
                tag: ChannelTag {
                    channel: self.usual,
                    workshop: None,
                },
                open: None,
            },
        }
    }

    /// Records an applied mutation's tag on its record, then as [`Tagging::record_write`].
    pub fn record(
        &self,
        tx: &Connection,
        who: ParticipantId,
        id: MutationId,
        tag: ChannelTag,
        new_idea: Option<werkstadt_domain::IdeaId>,
    ) -> Result<(), StoreError> {
        let workshop = tag.workshop.map(|w| w.to_string());
        tx.prepare_cached("UPDATE mutation SET channel = ?2, workshop_id = ?3 WHERE id = ?1")?
            .execute(params![id.to_string(), tag.channel.as_str(), workshop])?;
        self.record_write(tx, who, tag, new_idea)
    }

    /// Records an applied contribution's tag (a mutation's, or a REST write's, which has no
    /// mutation record): on the idea it created (if any), and in the participant's
    /// participation.
    pub fn record_write(
        &self,
        tx: &Connection,
        who: ParticipantId,
        tag: ChannelTag,
        new_idea: Option<werkstadt_domain::IdeaId>,
    ) -> Result<(), StoreError> {
        let workshop = tag.workshop.map(|w| w.to_string());
        if let Some(idea) = new_idea {
            tx.prepare_cached("UPDATE idea SET channel = ?2, workshop_id = ?3 WHERE id = ?1")?
                .execute(params![idea.to_string(), tag.channel.as_str(), workshop])?;
        }
        if let Some(process) = self.process {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO participation
                     (participant_id, process_id, channel, workshop_id, first_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                who.to_string(),
                process.to_string(),
                tag.channel.as_str(),
                workshop,
                now_ms()
            ])?;
        }
        Ok(())
    }
}

/// `kiosk` for a visitor a kiosk created, `code` for a participant who redeemed a
/// participation code, else `web`.
fn usual_channel(tx: &Connection, who: ParticipantId) -> Result<Channel, StoreError> {
    if kiosk_of(tx, who)?.is_some() {
        return Ok(Channel::Kiosk);
    }
    let redeemed: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM participation_code WHERE redeemed_by = ?1)")?
        .query_row([who.to_string()], |r| r.get(0))?;
    Ok(if redeemed {
        Channel::Code
    } else {
        Channel::Web
    })
}

/// Where a participant came from when it was registered: the kiosk or workshop that brought it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origin<'a> {
    pub kiosk_id: Option<&'a str>,
    pub workshop_id: Option<&'a str>,
}

/// Tags a participant (once, when it is registered) with the channel and origin it came through
/// (a kiosk's visitors: `kiosk` and the kiosk).
pub fn tag(
    tx: &Connection,
    participant: ParticipantId,
    channel: Channel,
    origin: Origin<'_>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO participant_channel (participant_id, channel, kiosk_id, workshop_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (participant_id) DO NOTHING",
    )?
    .execute(params![
        participant.to_string(),
        channel.as_str(),
        origin.kiosk_id,
        origin.workshop_id,
        now_ms()
    ])?;
    Ok(())
}

/// The kiosk that created a participant, if one did.
pub fn kiosk_of(tx: &Connection, participant: ParticipantId) -> Result<Option<String>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT kiosk_id FROM participant_channel WHERE participant_id = ?1")?
        .query_row([participant.to_string()], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// **The** channel of a participant in a process (for the statistics): the most specific way
/// they took part — kiosk, then workshop phone, then participation code, then web — with the
/// workshop of their first contribution that way. A participant who redeemed a code counts as
/// `code` even if their contributions came before. `None`: no contribution in that process.
pub fn channel_of(
    tx: &Connection,
    who: ParticipantId,
    process: ProcessId,
) -> Result<Option<ChannelTag>, StoreError> {
    let rows = tx
        .prepare_cached(
            "SELECT channel, workshop_id FROM participation
              WHERE participant_id = ?1 AND process_id = ?2 ORDER BY first_at",
        )?
        .query_map(params![who.to_string(), process.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Ok(None);
    }
    let rank = |c: Channel| match c {
        Channel::Kiosk => 0,
        Channel::Workshop => 1,
        Channel::Code => 2,
        Channel::Web => 3,
    };
    let mut best = ChannelTag {
        channel: usual_channel(tx, who)?,
        workshop: None,
    };
    for (channel, workshop) in rows {
        let channel = Channel::parse(&channel)
            .ok_or_else(|| StoreError::Corrupt(format!("channel {channel}")))?;
        if rank(channel) < rank(best.channel) {
            best = ChannelTag {
                channel,
                workshop: workshop.and_then(|w| w.parse().ok()).map(WorkshopId),
            };
        }
    }
    Ok(Some(best))
}

/// People who took part through workshop `w` (any channel tagged with it).
pub fn participants_of_workshop(tx: &Connection, w: WorkshopId) -> Result<u64, StoreError> {
    let n: i64 = tx
        .prepare_cached(
            "SELECT count(DISTINCT participant_id) FROM participation WHERE workshop_id = ?1",
        )?
        .query_row([w.to_string()], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// People who took part in process `p`, through any channel.
pub fn participants_of_process(tx: &Connection, p: ProcessId) -> Result<u64, StoreError> {
    let n: i64 = tx
        .prepare_cached(
            "SELECT count(DISTINCT participant_id) FROM participation WHERE process_id = ?1",
        )?
        .query_row([p.to_string()], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl super::Store {
    /// The channel of a participant in a process (see [`channel_of`]).
    pub async fn channel_of(
        &self,
        who: ParticipantId,
        process: ProcessId,
    ) -> Result<Option<ChannelTag>, StoreError> {
        self.read(move |tx| channel_of(tx, who, process)).await
    }
}
