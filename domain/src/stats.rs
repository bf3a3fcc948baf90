//! Participation statistics: what happened per day, through which channel, by verified and
//! unverified participants. Only aggregated counts: no participant id ever leaves this type.
//!
//! Storage answers two small aggregated queries (counts per kind, channel and UTC hour; the
//! distinct active participants per UTC hour, keyed by an opaque number) and
//! [`ParticipationStats::build`] folds them into local days (Europe/Berlin, where the office
//! and its participants are), so the day boundaries follow the clock people saw.

use crate::channel::Channel;
use crate::ProcessId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

mod days;
pub use days::{berlin_date, berlin_midnight, iso_date, parse_iso_date};

/// What a participant did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    Idea,
    Comment,
    Support,
    /// A participant's dot-vote allocation (counted once, on the day it was last changed).
    DotBallot,
}

impl Activity {
    pub fn parse(name: &str) -> Option<Activity> {
        Some(match name {
            "idea" => Activity::Idea,
            "comment" => Activity::Comment,
            "support" => Activity::Support,
            "dots" => Activity::DotBallot,
            _ => return None,
        })
    }
}

/// Counts of contributions and of the distinct participants who made them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counts {
    pub ideas: u32,
    pub comments: u32,
    pub supports: u32,
    /// Participants who placed dot-vote points (one ballot each).
    pub dot_ballots: u32,
    /// Distinct participants who contributed anything.
    pub participants: u32,
}

impl Counts {
    fn add(&mut self, activity: Activity, n: u32) {
        let slot = match activity {
            Activity::Idea => &mut self.ideas,
            Activity::Comment => &mut self.comments,
            Activity::Support => &mut self.supports,
            Activity::DotBallot => &mut self.dot_ballots,
        };
        *slot += n;
    }
}

/// One local day (Europe/Berlin) with activity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCounts {
    /// `YYYY-MM-DD`.
    pub day: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The contributions that came through one channel.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelCounts {
    pub channel: Channel,
    #[serde(flatten)]
    pub counts: Counts,
}

/// `GET /api/processes/{id}/participation`: a process's participation, aggregated.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipationStats {
    pub process_id: ProcessId,
    /// Days with activity, oldest first (days without any are left out).
    pub days: Vec<DayCounts>,
    /// Every channel, in [`Channel::ALL`] order, also those nobody used yet.
    pub channels: Vec<ChannelCounts>,
    pub totals: Counts,
    /// Active participants with a verified participation (a redeemed code).
    pub verified: u32,
    pub unverified: u32,
    /// Contributions too old to have a date (dot ballots placed before dates were kept):
    /// in the totals, on no day.
    #[serde(default)]
    pub undated: u32,
}

/// Contributions of one kind through one channel in one UTC hour (ms / 3,600,000).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HourCount {
    pub activity: Activity,
    pub channel: Channel,
    pub hour: i64,
    pub count: u32,
}

/// A participant active in one UTC hour: `key` identifies them within one computation only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveHour {
    pub key: i64,
    pub channel: Channel,
    pub verified: bool,
    pub hour: i64,
}

/// Hours at or before this one hold undated contributions (stored time 0).
const UNDATED: i64 = 0;

impl ParticipationStats {
    /// Folds the hourly aggregates into days, channels and totals.
    pub fn build(process_id: ProcessId, counts: &[HourCount], active: &[ActiveHour]) -> Self {
        let mut days: BTreeMap<(i64, u32, u32), Counts> = BTreeMap::new();
        let mut channels: BTreeMap<Channel, Counts> = BTreeMap::new();
        let mut totals = Counts::default();
        let mut undated = 0;
        for c in counts {
            totals.add(c.activity, c.count);
            channels
                .entry(c.channel)
                .or_default()
                .add(c.activity, c.count);
            if c.hour <= UNDATED {
                undated += c.count;
            } else {
                let day = berlin_date(c.hour * 3_600_000);
                days.entry(day).or_default().add(c.activity, c.count);
            }
        }
        let mut per_day = HashSet::new();
        let mut seen = HashSet::new();
        let (mut verified, mut unverified) = (0, 0);
        for a in active {
            if a.hour > UNDATED {
                let day = berlin_date(a.hour * 3_600_000);
                if per_day.insert((day, a.key)) {
                    days.entry(day).or_default().participants += 1;
                }
            }
            if seen.insert(a.key) {
                totals.participants += 1;
                channels.entry(a.channel).or_default().participants += 1;
                if a.verified {
                    verified += 1;
                } else {
                    unverified += 1;
                }
            }
        }
        ParticipationStats {
            process_id,
            days: days
                .into_iter()
                .map(|(d, counts)| DayCounts {
                    day: iso_date(d),
                    counts,
                })
                .collect(),
            channels: Channel::ALL
                .into_iter()
                .map(|channel| ChannelCounts {
                    channel,
                    counts: channels.get(&channel).copied().unwrap_or_default(),
                })
                .collect(),
            totals,
            verified,
            unverified,
            undated,
        }
    }

    /// The largest daily figure of any kind (the scale of a chart; at least 1).
    pub fn day_max(&self) -> u32 {
        self.days
            .iter()
            .map(|d| {
                let c = d.counts;
                c.ideas
                    .max(c.comments)
                    .max(c.supports)
                    .max(c.dot_ballots)
                    .max(c.participants)
            })
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

#[cfg(test)]
mod tests;
