//! Local days in Bielefeld (Europe/Berlin: UTC+1, and UTC+2 from the last Sunday of March,
//! 01:00 UTC, to the last Sunday of October, 01:00 UTC — the EU rule since 1996).

use crate::setup::utc_date;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// Days since 1970-01-01 of a calendar date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last Sunday of a month with 31 days, 01:00 UTC, in ms.
fn last_sunday_1am(y: i64, m: u32) -> i64 {
    let day = days_from_civil(y, m, 31);
    // 1970-01-01 was a Thursday: (day + 4) mod 7 is 0 on Sundays.
    let sunday = day - (day + 4).rem_euclid(7);
    sunday * DAY_MS + HOUR_MS
}

/// The offset of Berlin's clock from UTC at a time (ms since the Unix epoch).
fn offset_ms(ms: i64) -> i64 {
    let (y, _, _) = utc_date(ms);
    if last_sunday_1am(y, 3) <= ms && ms < last_sunday_1am(y, 10) {
        2 * HOUR_MS
    } else {
        HOUR_MS
    }
}

/// The calendar date in Bielefeld of a time in ms since the Unix epoch.
pub fn berlin_date(ms: i64) -> (i64, u32, u32) {
    utc_date(ms + offset_ms(ms))
}

/// The first ms of a calendar day in Bielefeld.
pub fn berlin_midnight(y: i64, m: u32, d: u32) -> i64 {
    let local = days_from_civil(y, m, d) * DAY_MS;
    // The instant is 1 or 2 hours before `local`; the clock never switches between 22:00 and
    // 23:00 UTC (it does at 01:00 UTC), so the offset two hours before is the one in force.
    local - offset_ms(local - 2 * HOUR_MS)
}

/// `YYYY-MM-DD`.
pub fn iso_date((y, m, d): (i64, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A `YYYY-MM-DD` date, checked against the calendar.
pub fn parse_iso_date(s: &str) -> Option<(i64, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (utc_date(days_from_civil(date.0, date.1, date.2) * DAY_MS) == date).then_some(date)
}
