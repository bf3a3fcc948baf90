//! Sheets through the storage API: after any sequence of sheet replacements by three scorers,
//! each one's stored sheet is exactly the last one they sent (one expert's scores never change
//! another's sheet), and the review's result is the domain's computation over those sheets.

use super::super::{DemoSeed, Store};
use super::Scorer;
use proptest::prelude::*;
use werkstadt_domain::matrix::{
    compute, CriterionDraft, MatrixDraft, OptionDraft, OptionSource, Scale, Score, SheetDraft,
};
use werkstadt_domain::staff::{Role, Username};

const SCORERS: usize = 3;
const OPTIONS: usize = 3;
const CRITERIA: usize = 2;

/// A sheet: per cell (option-major) no score or one on 0–4.
fn sheet() -> impl Strategy<Value = Vec<Option<u8>>> {
    proptest::collection::vec(proptest::option::of(0u8..=4), OPTIONS * CRITERIA)
}

fn draft() -> MatrixDraft {
    MatrixDraft {
        title: "Matrix im Test".into(),
        description: String::new(),
        scale: Scale::default(),
        options: (0..OPTIONS)
            .map(|i| OptionDraft {
                id: None,
                source: OptionSource::Text,
                title: format!("Option {i}"),
                advantages: vec![],
                disadvantages: vec![],
            })
            .collect(),
        criteria: (0..CRITERIA)
            .map(|i| CriterionDraft {
                id: None,
                title: format!("Kriterium {i}"),
                description: String::new(),
                weight: Some(u8::try_from(i + 1).unwrap_or(1)),
            })
            .collect(),
    }
}

async fn run(puts: Vec<(usize, Vec<Option<u8>>)>) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("m.db")).await.expect("opens");
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let mut scorers = Vec::new();
    for n in 0..SCORERS {
        let name = format!("experte{n}");
        let role = if n == 0 {
            Role::Moderator
        } else {
            Role::Expert
        };
        let user = Username::parse(&name).expect("name");
        store
            .create_staff(user, "$argon2id$stub".into(), role, None)
            .await
            .expect("staff");
        let id = store
            .staff_by_name(name)
            .await
            .expect("reads")
            .expect("is")
            .id;
        scorers.push(Scorer { staff_id: id, role });
    }
    let process = store.process_overview().await.expect("process").process.id;
    let moderator = scorers[0].staff_id.clone();
    let m = store
        .create_matrix(moderator.clone(), process, draft())
        .await
        .expect("creates");
    for s in &scorers[1..] {
        let id = s.staff_id.parse().expect("uuid");
        store
            .invite_expert(moderator.clone(), m.id, id)
            .await
            .expect("invites");
    }
    let mut last: Vec<Vec<Score>> = vec![Vec::new(); SCORERS];
    for (who, cells) in puts {
        let scores: Vec<Score> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.map(|p| Score {
                    option_id: m.options[i / CRITERIA].id,
                    criterion_id: m.criteria[i % CRITERIA].id,
                    score: p,
                    note: None,
                })
            })
            .collect();
        let stored = store
            .put_sheet(
                scorers[who].clone(),
                m.id,
                SheetDraft {
                    scores: scores.clone(),
                },
            )
            .await
            .expect("stores");
        assert_eq!(stored, scores, "answered as sent, in cell order");
        last[who] = scores;
        for (n, s) in scorers.iter().enumerate() {
            let view = store.matrix_sheet(s.clone(), m.id).await.expect("reads");
            assert_eq!(
                view.scores, last[n],
                "scorer {n}'s sheet after scorer {who} wrote"
            );
        }
    }
    let review = store.matrix_review(m.id).await.expect("review");
    assert_eq!(review.result, compute(&m.options, &m.criteria, &last));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_sheet_is_only_ever_its_authors(
        puts in proptest::collection::vec((0..SCORERS, sheet()), 1..10)
    ) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(run(puts));
    }
}
