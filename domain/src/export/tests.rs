//! Dataset names and CSV cells.

use super::*;

#[test]
fn files_name_a_dataset_and_a_format() {
    assert_eq!(
        Dataset::parse_file("ideas.csv"),
        Some((Dataset::Ideas, Format::Csv))
    );
    assert_eq!(
        Dataset::parse_file("decisions.json"),
        Some((Dataset::Decisions, Format::Json))
    );
    assert_eq!(Dataset::parse_file("participants.csv"), None);
    assert_eq!(Dataset::parse_file("ideas.xlsx"), None);
    assert_eq!(Dataset::parse_file("ideas"), None);
}

#[test]
fn cells_follow_the_header_with_iso_dates_and_euro() {
    let p = ProjectRow {
        id: ProjectId(uuid::Uuid::nil()),
        theme_id: ThemeId(uuid::Uuid::nil()),
        theme: "Bildung".into(),
        title: "Tablets".into(),
        status: ProjectStatus::InProgress,
        responsible: "Stadt".into(),
        starts_on: 1_767_225_600_000,
        milestones_done: 1,
        milestones: 2,
        own_budget_cents: Some(15_000_050),
        programme: None,
        programme_cents: None,
        source_ideas: 2,
    };
    let cells = p.cells();
    assert_eq!(cells.len(), ProjectRow::HEADER.len());
    assert_eq!(cells[4], "in_progress");
    assert_eq!(cells[6], "2026-01-01");
    assert_eq!(cells[9], "150000.50");
    assert_eq!(cells[11], "");
}
