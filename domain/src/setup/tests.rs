use super::*;
use proptest::prelude::*;

const DAY: i64 = 86_400_000;

fn phase(title: &str, from: i64, to: i64, open: Modules) -> Phase {
    Phase {
        title: title.into(),
        text: String::new(),
        starts_at: from,
        ends_at: to,
        open,
    }
}

fn ideas_only() -> Modules {
    Modules {
        ideas: true,
        ..Modules::default()
    }
}

fn dots_only() -> Modules {
    Modules {
        dots: true,
        ..Modules::default()
    }
}

#[test]
fn a_module_is_open_from_the_phase_start_to_the_second_before_its_end() {
    let phases = [
        phase("Ideensammlung", 10 * DAY, 20 * DAY, ideas_only()),
        phase("Bewertung", 20 * DAY, 30 * DAY, dots_only()),
    ];
    let p = (0, 40 * DAY);
    assert_eq!(
        gate(p, &phases, Module::Ideas, 10 * DAY - 1000),
        Gate::Closed {
            since: None,
            opens: Some(10 * DAY)
        }
    );
    assert!(gate(p, &phases, Module::Ideas, 10 * DAY).is_open());
    assert_eq!(
        gate(p, &phases, Module::Ideas, 20 * DAY - 1000),
        Gate::Open { until: 20 * DAY }
    );
    assert_eq!(
        gate(p, &phases, Module::Ideas, 20 * DAY),
        Gate::Closed {
            since: Some(20 * DAY),
            opens: None
        }
    );
    assert!(gate(p, &phases, Module::Dots, 20 * DAY).is_open());
    assert!(!gate(p, &phases, Module::Comments, 15 * DAY).is_open());
    // After the last phase nothing is open, though the process still runs.
    assert!(!gate(p, &phases, Module::Dots, 35 * DAY).is_open());
}

#[test]
fn back_to_back_phases_opening_a_module_keep_it_open_to_the_last_end() {
    let phases = [
        phase("Eins", 0, 10, Modules::ALL),
        phase("Zwei", 10, 20, ideas_only()),
        phase("Drei", 25, 30, ideas_only()),
    ];
    assert_eq!(
        gate((0, 30), &phases, Module::Ideas, 5),
        Gate::Open { until: 20 }
    );
}

#[test]
fn without_phases_the_process_dates_decide() {
    let p = (100, 200);
    assert!(!gate(p, &[], Module::Ideas, 99).is_open());
    assert!(gate(p, &[], Module::Comments, 100).is_open());
    assert_eq!(
        gate(p, &[], Module::Supports, 200),
        Gate::Closed {
            since: Some(200),
            opens: None
        }
    );
}

#[test]
fn phases_are_checked_for_order_bounds_and_overlap() {
    let p = (0, 100);
    assert_eq!(
        validate_phases(&[phase("Umgekehrt", 50, 40, ideas_only())], p),
        Err(SetupError::DatesReversed)
    );
    assert_eq!(
        validate_phases(&[phase("Zu spät", 50, 101, ideas_only())], p),
        Err(SetupError::PhaseOutsideProcess)
    );
    assert_eq!(
        validate_phases(
            &[
                phase("Zwei", 40, 60, ideas_only()),
                phase("Eins", 0, 41, ideas_only())
            ],
            p
        ),
        Err(SetupError::PhasesOverlap)
    );
    let ok = validate_phases(
        &[
            phase("Zwei", 40, 60, dots_only()),
            phase("  Eins ", 0, 40, ideas_only()),
        ],
        p,
    )
    .expect("valid");
    assert_eq!(ok[0].title, "Eins");
    assert_eq!(ok[1].title, "Zwei");
    assert_eq!(
        validate_phases(&[phase("", 0, 10, ideas_only())], p),
        Err(SetupError::Text(ValidationError::TitleTooShort))
    );
    assert_eq!(SetupError::PhasesOverlap.code(), ErrorCode::PhasesOverlap);
}

#[test]
fn a_process_draft_needs_a_title_ordered_dates_and_a_budget_of_1_to_20() {
    let draft = ProcessDraft {
        title: " Digitalstrategie 2027 ".into(),
        description: "Wie soll Bielefeld digital werden?".into(),
        starts_at: 0,
        ends_at: DAY,
        dot_budget: 5,
        moderation: ModerationMode::Post,
        verified_only: false,
        licence: crate::export::DEFAULT_LICENCE.into(),
    };
    assert_eq!(
        draft.validate().expect("valid").title,
        "Digitalstrategie 2027"
    );
    for budget in [0, 21] {
        let d = ProcessDraft {
            dot_budget: budget,
            ..draft.clone()
        };
        assert_eq!(d.validate(), Err(SetupError::BudgetOutOfRange));
    }
    for budget in [1, 20] {
        let d = ProcessDraft {
            dot_budget: budget,
            ..draft.clone()
        };
        assert!(d.validate().is_ok());
    }
    let reversed = ProcessDraft {
        ends_at: 0,
        ..draft.clone()
    };
    assert_eq!(reversed.validate(), Err(SetupError::DatesReversed));
    let untitled = ProcessDraft {
        title: " \n".into(),
        ..draft
    };
    assert!(untitled.validate().is_err());
}

proptest! {
    /// A module is open exactly when a phase that opens it runs.
    #[test]
    fn gate_is_open_iff_a_running_phase_opens_the_module(
        bounds in proptest::collection::vec((0i64..50, 1i64..20, any::<[bool; 4]>()), 0..5),
        now in -5i64..300,
        m in 0usize..4,
    ) {
        let mut start = 0;
        let mut phases = Vec::new();
        for (gap, len, open) in bounds {
            let from = start + gap;
            phases.push(phase("Phase", from, from + len, Modules {
                ideas: open[0], supports: open[1], dots: open[2], comments: open[3],
            }));
            start = from + len;
        }
        let module = Module::ALL[m];
        let g = gate((0, 300), &phases, module, now);
        let expected = if phases.is_empty() {
            (0..300).contains(&now)
        } else {
            phases.iter().any(|p| p.open.opens(module) && p.starts_at <= now && now < p.ends_at)
        };
        prop_assert_eq!(g.is_open(), expected);
        if let Gate::Closed { since: Some(s), .. } = g {
            prop_assert!(s <= now);
        }
        if let Gate::Open { until } = g {
            prop_assert!(until > now);
        }
    }
}

#[test]
fn utc_dates_follow_the_calendar() {
    assert_eq!(utc_date(0), (1970, 1, 1));
    // 2027-06-30T23:59:59Z and the next second.
    assert_eq!(utc_date(1_814_399_999_000), (2027, 6, 30));
    assert_eq!(utc_date(1_814_400_000_000), (2027, 7, 1));
    assert_eq!(utc_date(951_782_400_000), (2000, 2, 29));
    assert_eq!(utc_date(-1), (1969, 12, 31));
}
