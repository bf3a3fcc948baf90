//! The channel each participant took part through (`domain::channel::Channel`): the one place
//! that records it. Participants without a row came through the website.

use super::rows::now_ms;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::channel::Channel;
use werkstadt_domain::ParticipantId;

/// Where a participant came from: the channel, and the kiosk or workshop that brought them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origin<'a> {
    pub kiosk_id: Option<&'a str>,
    pub workshop_id: Option<&'a str>,
}

/// Tags a participant (once, when it is registered) with its channel and origin.
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

/// The channel a participant took part through (`web` if never tagged).
pub fn channel_of(tx: &Connection, participant: ParticipantId) -> Result<Channel, StoreError> {
    let name: Option<String> = tx
        .query_row(
            "SELECT channel FROM participant_channel WHERE participant_id = ?1",
            [participant.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    match name {
        None => Ok(Channel::Web),
        Some(n) => Channel::parse(&n).ok_or_else(|| StoreError::Corrupt(format!("channel {n:?}"))),
    }
}

/// The kiosk that created a participant, if one did.
pub fn kiosk_of(tx: &Connection, participant: ParticipantId) -> Result<Option<String>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT kiosk_id FROM participant_channel WHERE participant_id = ?1",
            [participant.to_string()],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

impl super::Store {
    /// The channel a participant took part through.
    pub async fn channel_of(&self, participant: ParticipantId) -> Result<Channel, StoreError> {
        self.read(move |tx| channel_of(tx, participant)).await
    }
}
