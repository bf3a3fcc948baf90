use super::*;
use crate::error::ErrorCode;
use crate::ids::{DecisionId, IdeaId, ThemeId};
use uuid::Uuid;

const DAY: i64 = 86_400_000;

fn draft() -> ProjectDraft {
    ProjectDraft {
        theme_id: ThemeId(Uuid::from_u128(1)),
        title: "  Digitale Bürgerdienste  ".into(),
        description: "Ein <b>Text</b>.".into(),
        responsible: "Stadtverwaltung".into(),
        funding: Funding {
            own_budget_cents: Some(5_000_000),
            programme: Some("  ".into()),
            programme_cents: None,
        },
        status: ProjectStatus::Planned,
        starts_on: 100 * DAY,
        source_ideas: vec![IdeaId(Uuid::from_u128(7)), IdeaId(Uuid::from_u128(7))],
    }
}

#[test]
fn a_project_draft_is_cleaned_and_keeps_html_as_text() {
    let d = draft().validate().expect("valid");
    assert_eq!(d.title, "Digitale Bürgerdienste");
    assert_eq!(d.description, "Ein <b>Text</b>.");
    assert_eq!(d.funding.programme, None, "a blank programme is none");
    assert_eq!(d.source_ideas.len(), 1, "an idea named twice counts once");
    let bad = ProjectDraft {
        responsible: " ".into(),
        ..draft()
    };
    assert_eq!(
        bad.validate().map_err(ProjectError::code),
        Err(ErrorCode::BodyEmpty)
    );
    let bad = ProjectDraft {
        title: "ab".into(),
        ..draft()
    };
    assert_eq!(
        bad.validate().map_err(ProjectError::code),
        Err(ErrorCode::TitleTooShort)
    );
}

#[test]
fn a_milestone_due_before_the_start_is_refused() {
    let m = MilestoneDraft {
        title: "Ausschreibung".into(),
        due_on: 99 * DAY,
        done_on: None,
    };
    assert_eq!(
        m.validate(100 * DAY),
        Err(ProjectError::MilestoneBeforeStart)
    );
    let m = MilestoneDraft {
        due_on: 100 * DAY,
        ..m
    };
    assert!(
        m.validate(100 * DAY).is_ok(),
        "due on the first day is fine"
    );
}

#[test]
fn a_decision_needs_body_date_and_outcome() {
    let id = DecisionId(Uuid::from_u128(9));
    let full = DecisionDraft {
        body: Some(DecisionBody::Rat),
        decided_on: Some(5 * DAY),
        outcome: Some(DecisionOutcome::Adopted),
        reference: " V 123/2027 ".into(),
        link: Some("https://anwendungen.bielefeld.de/bi/vo0050.asp?__kvonr=1".into()),
        text: "Einstimmig.".into(),
        body_other: Some("ignored".into()),
    };
    let d = full.validate(id).expect("valid");
    assert_eq!(d.reference, "V 123/2027");
    assert_eq!(d.body_other, None, "only 'other' keeps a name");
    for missing in [
        DecisionDraft {
            body: None,
            ..full.clone()
        },
        DecisionDraft {
            decided_on: None,
            ..full.clone()
        },
        DecisionDraft {
            outcome: None,
            ..full.clone()
        },
        DecisionDraft {
            body: Some(DecisionBody::Other),
            body_other: Some("  ".into()),
            ..full.clone()
        },
    ] {
        assert_eq!(missing.validate(id), Err(ProjectError::DecisionIncomplete));
    }
    let other = DecisionDraft {
        body: Some(DecisionBody::Other),
        body_other: Some("Bezirksvertretung Mitte".into()),
        ..full.clone()
    };
    assert_eq!(
        other.validate(id).expect("valid").body_other.as_deref(),
        Some("Bezirksvertretung Mitte")
    );
    for link in ["javascript:alert(1)", "ftp://x", "https://", "https://a b"] {
        let bad = DecisionDraft {
            link: Some(link.into()),
            ..full.clone()
        };
        assert_eq!(bad.validate(id), Err(ProjectError::LinkInvalid), "{link}");
    }
    let long = DecisionDraft {
        link: Some(format!("https://{}", "a".repeat(LINK_MAX))),
        ..full.clone()
    };
    assert_eq!(long.validate(id), Err(ProjectError::LinkInvalid));
    let empty_link = DecisionDraft {
        link: Some(String::new()),
        ..full
    };
    assert_eq!(empty_link.validate(id).expect("valid").link, None);
}

#[test]
fn an_update_needs_text_within_the_limit() {
    let ok = UpdateDraft {
        text: "Die Ausschreibung läuft: https://bielefeld.de".into(),
    };
    assert!(ok.validate().is_ok());
    let empty = UpdateDraft { text: " ".into() };
    assert_eq!(
        empty.validate().map_err(ProjectError::code),
        Err(ErrorCode::BodyEmpty)
    );
    let long = UpdateDraft {
        text: "x".repeat(UPDATE_MAX + 1),
    };
    assert_eq!(
        long.validate().map_err(ProjectError::code),
        Err(ErrorCode::BodyTooLong)
    );
}

#[test]
fn wire_names_of_status_body_and_outcome_are_stable() {
    for s in ProjectStatus::ALL {
        assert_eq!(
            serde_json::to_value(s).ok(),
            Some(serde_json::json!(s.as_str()))
        );
        assert_eq!(ProjectStatus::parse(s.as_str()), Some(s));
    }
    for b in DecisionBody::ALL {
        assert_eq!(
            serde_json::to_value(b).ok(),
            Some(serde_json::json!(b.as_str()))
        );
    }
    for o in DecisionOutcome::ALL {
        assert_eq!(
            serde_json::to_value(o).ok(),
            Some(serde_json::json!(o.as_str()))
        );
    }
}
