//! The `matrices` open data set (issue 14) against a real server: the published matrices'
//! results as JSON are exactly the public result (`/api/processes/{id}/matrices`) row by row,
//! and as CSV (both separators, umlauts, `;` and quotes inside texts) read back to the same
//! rows; unpublished matrices and who scored stay out; the OpenAPI document has the row.

mod common;

use common::csv_rows;
use common::matrices::{published_matrix, Sheet};
use common::projects::setup;
use reqwest::Method;
use serde_json::json;
use werkstadt_domain::export::{iso_date, matrix_rows, CsvRow, Export, MatrixRow};
use werkstadt_domain::matrix::PublicMatrix;

const TITLE: &str = "Rechtsform; „Träger“ im Vergleich";
const OPTIONS: [&str; 3] = [
    "Eigenständige juristische Person; GmbH",
    "Öffentlich-rechtliche \"Anstalt\"",
    "Organisationseinheit der Stadt",
];
const CRITERIA: [(&str, u8); 2] = [("Unabhängigkeit", 1), ("Akzeptanz; Außenwirkung", 3)];

fn opt<T: std::str::FromStr>(cell: &str) -> Option<T> {
    (!cell.is_empty()).then(|| cell.parse().ok().expect("a value"))
}

fn num<T: std::str::FromStr>(cell: &str) -> T {
    cell.parse().ok().expect("a number")
}

/// `r` with its numbers to nine decimals: serde_json's float parser (without its
/// `float_roundtrip` feature) may miss the last bit of a long decimal that Rust's reads exactly.
fn rounded(mut r: MatrixRow) -> MatrixRow {
    let round = |x: f64| (x * 1e9).round() / 1e9;
    r.mean = r.mean.map(round);
    r.std_dev = r.std_dev.map(round);
    r.total = round(r.total);
    r.weighted_total = round(r.weighted_total);
    r
}

/// A CSV row read back into the row type; the date (a day in CSV) is taken from `like`.
fn read_back(c: &[String], like: &MatrixRow) -> MatrixRow {
    assert_eq!(c.len(), MatrixRow::HEADER.len());
    assert_eq!(c[2], iso_date(like.published_at));
    MatrixRow {
        matrix_id: num(&c[0]),
        matrix: c[1].clone(),
        published_at: like.published_at,
        scale_min: num(&c[3]),
        scale_max: num(&c[4]),
        option_id: num(&c[5]),
        option: c[6].clone(),
        idea_id: opt(&c[7]),
        project_id: opt(&c[8]),
        criterion_id: num(&c[9]),
        criterion: c[10].clone(),
        weight: num(&c[11]),
        experts: num(&c[12]),
        mean: opt(&c[13]),
        min: opt(&c[14]),
        max: opt(&c[15]),
        std_dev: opt(&c[16]),
        total: num(&c[17]),
        weighted_total: num(&c[18]),
        rank: num(&c[19]),
    }
}

#[tokio::test]
async fn published_matrix_results_round_trip_as_json_and_csv_without_who_scored() {
    let (app, admin, _themes) = setup().await;
    // Three experts: means such as 1/3 have no short decimal form; one cell nobody scored.
    let sheets = [
        (
            "expertin.a",
            [[Some(4), Some(0), None], [Some(2), Some(3), None]],
        ),
        (
            "experte.b",
            [[Some(3), Some(0), None], [Some(2), Some(3), None]],
        ),
        (
            "expertin.c",
            [[Some(3), Some(1), None], [Some(1), Some(4), Some(2)]],
        ),
    ]
    .map(|(expert, rows)| Sheet {
        expert,
        points: rows.iter().map(|r| r.to_vec()).collect(),
        note: "Begründung",
    });
    published_matrix(&app, &admin, TITLE, &OPTIONS, &CRITERIA, &sheets).await;
    // An open matrix is not part of the data set.
    let process = app.overview().await.process.id;
    let draft = json!({"title": "Noch offen", "options": [{"title": "Noch eine Option"}],
        "criteria": [{"title": "Noch ein Kriterium"}]});
    let path = format!("/api/moderation/processes/{process}/matrices");
    let res = admin.send(&app, Method::POST, &path, Some(draft)).await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);

    let public: Vec<PublicMatrix> = app
        .get_json(&format!("/api/processes/{process}/matrices"))
        .await;
    let expected: Vec<MatrixRow> = public.iter().flat_map(matrix_rows).collect();
    assert_eq!(
        expected.len(),
        6,
        "3 options × 2 criteria of the published matrix"
    );

    // JSON: exactly the public result, with the process and its licence.
    let export: Export<MatrixRow> = app.get_json("/api/export/matrices.json").await;
    assert_eq!(export.process_id, process);
    assert_eq!(export.licence, "dl-de/by-2-0");
    assert_eq!(export.rows, expected);
    let first = &export.rows[0];
    assert_eq!(
        (first.matrix.as_str(), first.option.as_str()),
        (TITLE, OPTIONS[0])
    );
    assert_eq!((first.experts, first.min, first.max), (3, Some(3), Some(4)));
    assert!(first.mean.is_some_and(|m| (m - 10.0 / 3.0).abs() < 1e-9));
    // Option 1: 10/3 + 5/3 = 5, weighted 10/3 + 3 × 5/3 = 25/3; option 2 weighs more
    // (1/3 + 3 × 10/3 = 31/3), option 3 less (3 × 2).
    assert!((first.total - 5.0).abs() < 1e-9);
    assert!((first.weighted_total - 25.0 / 3.0).abs() < 1e-9);
    let ranks: Vec<u32> = export.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [2, 2, 1, 1, 3, 3]);
    let unscored = &export.rows[4];
    assert_eq!(
        (unscored.option.as_str(), unscored.criterion.as_str()),
        (OPTIONS[2], CRITERIA[0].0)
    );
    assert_eq!(
        (unscored.experts, unscored.mean, unscored.std_dev),
        (0, None, None)
    );
    assert_eq!(
        (export.rows[5].experts, export.rows[5].mean),
        (1, Some(2.0))
    );

    // CSV, both variants: the same rows back, texts with umlauts, `;` and quotes included.
    for (query, sep) in [("", b','), ("?sep=semicolon", b';')] {
        let rows = csv_rows(&app, &format!("/api/export/matrices.csv{query}"), sep).await;
        assert_eq!(rows[0], MatrixRow::HEADER, "the header row");
        assert_eq!(rows.len(), expected.len() + 1);
        for (cells, want) in rows[1..].iter().zip(&expected) {
            assert_eq!(rounded(read_back(cells, want)), rounded(want.clone()));
        }
    }

    // The OpenAPI document describes the rows.
    let doc: serde_json::Value = app.get_json("/api/openapi.json").await;
    let row = &doc["components"]["schemas"]["MatrixRow"]["properties"];
    for field in ["mean", "std_dev", "weighted_total", "rank"] {
        assert!(row[field].is_object(), "MatrixRow.{field} documented");
    }

    // Nobody who scored, no notes.
    for file in ["matrices.json", "matrices.csv"] {
        let text = app
            .get(&format!("/api/export/{file}"))
            .await
            .text()
            .await
            .expect("text");
        for secret in [
            "expertin.a",
            "experte.b",
            "expertin.c",
            "Begründung",
            "Noch offen",
        ] {
            assert!(!text.contains(secret), "{file} has {secret}");
        }
    }
    app.stop().await;
}
