//! The workshop a phone joined by its QR or join code, kept in localStorage as
//! `CODE\tENDS_AT\tTITLE` for the banner "Sie nehmen an … teil". The join itself is on the
//! server (`POST /api/workshops/{code}/join`): it tags the participant's changes made while
//! the workshop runs, also those sent later (offline venue Wi-Fi), so the start page's push
//! needs nothing of this. A day after the end the local join is forgotten.

const KEY: &str = "werkstadt.workshop";
/// How long after its end pushes still name the workshop (changes made during it, sent late).
const GRACE_MS: i64 = 86_400_000;

/// The joined workshop: join code, end (Unix ms) and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joined {
    pub code: String,
    pub ends_at: i64,
    pub title: String,
}

impl Joined {
    /// Whether the workshop still runs at `now`.
    pub fn runs(&self, now: i64) -> bool {
        now < self.ends_at
    }
}

/// The joined workshop, if any (forgotten a day after its end).
pub fn joined() -> Option<Joined> {
    let raw = super::storage_get(KEY)?;
    let mut parts = raw.splitn(3, '\t');
    let j = Joined {
        code: parts.next()?.to_owned(),
        ends_at: parts.next()?.parse().ok()?,
        title: parts.next().unwrap_or_default().to_owned(),
    };
    if (super::now_ms() as i64) < j.ends_at.saturating_add(GRACE_MS) {
        Some(j)
    } else {
        leave();
        None
    }
}

pub fn join(j: &Joined) -> Result<(), super::error::ClientError> {
    let title: String = j.title.chars().filter(|c| *c != '\t').collect();
    super::storage_set(KEY, &format!("{}\t{}\t{title}", j.code, j.ends_at))
}

pub fn leave() {
    super::storage_remove(KEY);
}
