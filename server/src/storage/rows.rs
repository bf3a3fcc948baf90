//! Row helpers shared by the storage modules: ids and counts read from rows, excerpts, the clock.

use rusqlite::Row;
use uuid::Uuid;

/// Ideas shown per theme on the results page.
pub(super) const TOP_IDEAS_PER_THEME: usize = 3;

/// Characters of an idea's text shown in lists.
const EXCERPT_CHARS: usize = 160;

pub fn now_ms() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

pub(super) fn uuid_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let s: String = row.get(idx)?;
    Uuid::parse_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn u32_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<u32> {
    let v: i64 = row.get(idx)?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

pub(super) fn excerpt(body: &str) -> String {
    werkstadt_domain::replica::excerpt(body, EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_long_text_with_an_ellipsis() {
        assert_eq!(excerpt("kurz"), "kurz");
        let long = "ä".repeat(EXCERPT_CHARS + 5);
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
    }
}
