use super::*;

const H: i64 = 3_600_000;

#[test]
fn berlin_days_follow_summer_time() {
    // 2026-03-29 is the last Sunday of March: 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST.
    let switch = days::berlin_midnight(2026, 3, 29) + H; // 00:00 UTC
    assert_eq!(berlin_date(switch), (2026, 3, 29));
    // 22:30 UTC on 2026-07-01 is 00:30 on 2 July in Bielefeld.
    let july = days::berlin_midnight(2026, 7, 1) + 2 * H + 22 * H + 30 * 60_000;
    assert_eq!(berlin_date(july), (2026, 7, 2));
    // 22:30 UTC on 2026-01-15 is 23:30 the same day.
    let january = days::berlin_midnight(2026, 1, 15) + H + 22 * H + 30 * 60_000;
    assert_eq!(berlin_date(january), (2026, 1, 15));
    // Midnights: 23:00 UTC in winter, 22:00 UTC in summer.
    assert_eq!(days::berlin_midnight(2026, 1, 15) % 86_400_000, 23 * H);
    assert_eq!(days::berlin_midnight(2026, 7, 1) % 86_400_000, 22 * H);
    assert_eq!(days::berlin_midnight(2026, 10, 25) % 86_400_000, 22 * H);
    assert_eq!(days::berlin_midnight(2026, 10, 26) % 86_400_000, 23 * H);
}

#[test]
fn iso_dates_are_checked() {
    assert_eq!(parse_iso_date("2026-02-28"), Some((2026, 2, 28)));
    assert_eq!(parse_iso_date("2026-02-29"), None);
    assert_eq!(parse_iso_date("2026-2-28"), None);
    assert_eq!(parse_iso_date("2026-02-28-1"), None);
    assert_eq!(iso_date((2026, 3, 4)), "2026-03-04");
}

#[test]
fn build_folds_hours_into_days_and_counts_people_once() {
    let day1 = days::berlin_midnight(2026, 5, 4) / H; // 22:00 UTC the day before
    let day2 = days::berlin_midnight(2026, 5, 5) / H + 5;
    let counts = [
        HourCount {
            activity: Activity::Idea,
            channel: Channel::Web,
            hour: day1,
            count: 2,
        },
        HourCount {
            activity: Activity::Support,
            channel: Channel::Code,
            hour: day1 + 3,
            count: 5,
        },
        HourCount {
            activity: Activity::Comment,
            channel: Channel::Web,
            hour: day2,
            count: 1,
        },
        HourCount {
            activity: Activity::DotBallot,
            channel: Channel::Web,
            hour: 0,
            count: 4,
        },
    ];
    let active = [
        ActiveHour {
            key: 1,
            channel: Channel::Web,
            verified: false,
            hour: day1,
        },
        ActiveHour {
            key: 1,
            channel: Channel::Web,
            verified: false,
            hour: day1 + 1,
        },
        ActiveHour {
            key: 2,
            channel: Channel::Code,
            verified: true,
            hour: day1 + 3,
        },
        ActiveHour {
            key: 1,
            channel: Channel::Web,
            verified: false,
            hour: day2,
        },
    ];
    let s = ParticipationStats::build(ProcessId::default(), &counts, &active);
    assert_eq!(s.days.len(), 2);
    assert_eq!(s.days[0].day, "2026-05-04");
    assert_eq!(
        s.days[0].counts,
        Counts {
            ideas: 2,
            comments: 0,
            supports: 5,
            dot_ballots: 0,
            participants: 2
        }
    );
    assert_eq!(s.days[1].day, "2026-05-05");
    assert_eq!(s.days[1].counts.participants, 1);
    assert_eq!(
        s.totals,
        Counts {
            ideas: 2,
            comments: 1,
            supports: 5,
            dot_ballots: 4,
            participants: 2
        }
    );
    assert_eq!((s.verified, s.unverified, s.undated), (1, 1, 4));
    assert_eq!(s.channels.len(), Channel::ALL.len());
    assert_eq!(s.channels[1].channel, Channel::Code);
    assert_eq!(s.channels[1].counts.supports, 5);
    assert_eq!(s.channels[1].counts.participants, 1);
    assert_eq!(s.channels[2].counts, Counts::default());
    assert_eq!(s.day_max(), 5);
    let json = serde_json::to_string(&s).expect("serialises");
    assert!(json.contains(r#""day":"2026-05-04","ideas":2"#), "{json}");
}
