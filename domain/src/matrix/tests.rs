use super::*;
use crate::error::ErrorCode;
use proptest::prelude::*;
use uuid::Uuid;

fn option(n: u128, title: &str) -> MatrixOption {
    MatrixOption {
        id: MatrixOptionId(Uuid::from_u128(n)),
        source: OptionSource::Text,
        title: title.into(),
        advantages: vec![],
        disadvantages: vec![],
    }
}

fn criterion(n: u128, title: &str, weight: u8) -> Criterion {
    Criterion {
        id: CriterionId(Uuid::from_u128(1000 + n)),
        title: title.into(),
        description: String::new(),
        weight,
    }
}

fn score(o: &MatrixOption, c: &Criterion, points: u8) -> Score {
    Score {
        option_id: o.id,
        criterion_id: c.id,
        score: points,
        note: None,
    }
}

/// The concept paper's Tabelle 1 (Bewertungsmatrix Rechtsform): options, criteria, and the
/// one sheet of points, by row.
fn tabelle_1() -> (Vec<MatrixOption>, Vec<Criterion>, Vec<Score>) {
    let options = vec![
        option(1, "Eigenständige juristische Person"),
        option(2, "Öffentlich-rechtliche Organisationsform"),
        option(3, "Organisationseinheit der Stadt"),
        option(4, "Organisationseinheit als Teil eines dritten Trägers"),
    ];
    let rows: [(&str, [u8; 4]); 7] = [
        ("Unabhängigkeit", [4, 3, 2, 2]),
        ("Außenwirkung", [4, 4, 2, 2]),
        ("Akzeptanz in der Stadtgesellschaft", [4, 3, 3, 2]),
        ("Durchsetzungsfähigkeit", [3, 3, 3, 2]),
        ("Leistungsfähigkeit", [4, 3, 3, 4]),
        ("Flexibilität", [3, 3, 2, 3]),
        ("Attraktivität der Arbeitsplätze", [4, 3, 2, 3]),
    ];
    let mut criteria = Vec::new();
    let mut sheet = Vec::new();
    for (n, (title, points)) in (0u128..).zip(rows) {
        let c = criterion(n, title, 1);
        for (o, p) in options.iter().zip(points) {
            sheet.push(score(o, &c, p));
        }
        criteria.push(c);
    }
    (options, criteria, sheet)
}

#[test]
fn tabelle_1_reproduces_the_printed_totals() {
    let (options, criteria, sheet) = tabelle_1();
    let r = compute(&options, &criteria, &[sheet]);
    let totals: Vec<f64> = r.options.iter().map(|o| o.total).collect();
    assert_eq!(totals, vec![26.0, 22.0, 17.0, 18.0]);
    let weighted: Vec<f64> = r.options.iter().map(|o| o.weighted_total).collect();
    assert_eq!(weighted, totals);
    let ranks: Vec<u32> = r.options.iter().map(|o| o.rank).collect();
    assert_eq!(ranks, vec![1, 2, 4, 3]);
    assert_eq!(r.sheets, 1);
    assert_eq!(r.cells.len(), 28);
    assert!(r.cells.iter().all(|c| c.count == 1 && c.std_dev == 0.0));
}

#[test]
fn means_spread_and_shared_ranks() {
    let (a, b) = (option(1, "A"), option(2, "B"));
    let c = criterion(1, "K", 2);
    let sheets = vec![
        vec![score(&a, &c, 4), score(&b, &c, 2)],
        vec![score(&a, &c, 0), score(&b, &c, 2)],
        vec![],
    ];
    let r = compute(&[a.clone(), b.clone()], std::slice::from_ref(&c), &sheets);
    assert_eq!(r.sheets, 2);
    let cell = &r.cells[0];
    assert_eq!((cell.count, cell.mean, cell.min, cell.max), (2, 2.0, 0, 4));
    assert_eq!(cell.std_dev, 2.0);
    assert_eq!(r.options[0].weighted_total, 4.0);
    // Equal totals share the first rank.
    assert_eq!((r.options[0].rank, r.options[1].rank), (1, 1));
    // An unscored option has nothing to add up and comes last.
    let d = option(3, "D");
    let r = compute(&[a, b, d], &[c], &sheets);
    assert_eq!(r.options[2].rank, 3);
    assert_eq!(r.options[2].scored_cells, 0);
}

#[test]
fn the_default_scale_is_the_papers() {
    let s = Scale::default();
    assert_eq!((s.min, s.max, s.labels.len()), (0, 4, 5));
    assert_eq!(s.labels[2], "Kriterium teilweise erfüllt");
    assert_eq!(s.validate(), Ok(s.clone()));
    let bad = |min, max, labels: usize| Scale {
        min,
        max,
        labels: vec!["x".into(); labels],
    };
    assert_eq!(bad(0, 11, 0).validate(), Err(MatrixError::ScaleInvalid));
    assert_eq!(bad(3, 3, 0).validate(), Err(MatrixError::ScaleInvalid));
    assert_eq!(bad(1, 3, 2).validate(), Err(MatrixError::ScaleInvalid));
    assert!(bad(1, 10, 10).validate().is_ok());
    assert!(bad(0, 10, 0).validate().is_ok());
}

fn draft() -> MatrixDraft {
    MatrixDraft {
        title: " Bewertungsmatrix Rechtsform ".into(),
        description: String::new(),
        scale: Scale::default(),
        options: vec![OptionDraft {
            id: None,
            source: OptionSource::Text,
            title: "Verein".into(),
            advantages: vec!["Sichtbar".into(), "  ".into()],
            disadvantages: vec![],
        }],
        criteria: vec![CriterionDraft {
            id: None,
            title: "Außenwirkung".into(),
            description: String::new(),
            weight: None,
        }],
    }
}

#[test]
fn drafts_are_cleaned_and_checked() {
    let v = draft().validate(&[], &[]).expect("valid");
    assert_eq!(v.title, "Bewertungsmatrix Rechtsform");
    assert_eq!(v.options[0].1.advantages, vec!["Sichtbar".to_owned()]);
    assert_eq!(v.criteria[0].1.weight, 1);

    let known = MatrixOptionId(Uuid::from_u128(5));
    let mut d = draft();
    d.options[0].id = Some(known);
    assert_eq!(d.validate(&[], &[]), Err(MatrixError::UnknownOption));
    assert!(d.validate(&[known], &[]).is_ok());
    d.options.push(d.options[0].clone());
    assert_eq!(d.validate(&[known], &[]), Err(MatrixError::Duplicate));

    let mut d = draft();
    d.criteria[0].weight = Some(0);
    assert_eq!(d.validate(&[], &[]), Err(MatrixError::WeightOutOfRange));
    d.criteria[0].weight = Some(11);
    assert_eq!(d.validate(&[], &[]), Err(MatrixError::WeightOutOfRange));

    let mut d = draft();
    d.options = vec![d.options[0].clone(); OPTIONS_MAX + 1];
    assert_eq!(d.validate(&[], &[]), Err(MatrixError::TooLarge));
    let mut d = draft();
    d.options[0].advantages = vec!["x".into(); NOTES_MAX + 1];
    assert_eq!(d.validate(&[], &[]), Err(MatrixError::TooLarge));

    let mut d = draft();
    d.title = "ab".into();
    assert_eq!(
        d.validate(&[], &[]).map_err(MatrixError::code),
        Err(ErrorCode::TitleTooShort)
    );
    // A free-text option needs its title; an idea's may stay empty (it is the idea's).
    let mut d = draft();
    d.options[0].title = String::new();
    assert!(d.validate(&[], &[]).is_err());
    d.options[0].source = OptionSource::Idea(crate::IdeaId(Uuid::from_u128(9)));
    assert!(d.validate(&[], &[]).is_ok());
}

#[test]
fn sheets_name_known_cells_once_within_the_scale() {
    let (options, criteria, sheet) = tabelle_1();
    let scale = Scale::default();
    let draft = SheetDraft {
        scores: sheet.clone(),
    };
    assert_eq!(
        draft.validate(&options, &criteria, &scale),
        Ok(sheet.clone())
    );
    let mut twice = sheet.clone();
    twice.push(sheet[0].clone());
    let check = |scores: Vec<Score>| SheetDraft { scores }.validate(&options, &criteria, &scale);
    assert_eq!(check(twice), Err(MatrixError::Duplicate));
    let mut high = sheet.clone();
    high[3].score = 5;
    assert_eq!(check(high), Err(MatrixError::ScoreOutOfRange));
    let mut stranger = sheet.clone();
    stranger[0].option_id = MatrixOptionId(Uuid::from_u128(77));
    assert_eq!(check(stranger), Err(MatrixError::UnknownOption));
    let mut stranger = sheet.clone();
    stranger[0].criterion_id = CriterionId(Uuid::from_u128(77));
    assert_eq!(check(stranger), Err(MatrixError::UnknownCriterion));
    let mut noted = sheet;
    noted[0].note = Some("  ".into());
    noted[1].note = Some(" Weil. ".into());
    let v = check(noted).expect("valid");
    assert_eq!(
        (v[0].note.as_deref(), v[1].note.as_deref()),
        (None, Some("Weil."))
    );
}

#[test]
fn the_life_cycle_goes_open_closed_published() {
    use MatrixState::*;
    assert_eq!(Open.move_to(Closed), Ok(Closed));
    assert_eq!(Closed.move_to(Open), Ok(Open));
    assert_eq!(Closed.move_to(Published), Ok(Published));
    assert_eq!(Closed.move_to(Closed), Ok(Closed));
    assert_eq!(Open.move_to(Published), Err(MatrixError::NotClosed));
    assert_eq!(Published.move_to(Open), Err(MatrixError::Closed));
    assert_eq!(Published.move_to(Published), Ok(Published));
    for s in MatrixState::ALL {
        assert_eq!(MatrixState::parse(s.as_str()), Some(s));
    }
}

/// 2–6 options, 1–5 criteria with weights, and 0–6 sheets each scoring some cells on 0–4.
fn matrices() -> impl Strategy<Value = (Vec<MatrixOption>, Vec<Criterion>, Vec<Vec<Score>>)> {
    (2usize..=6, 1usize..=5, 0usize..=6).prop_flat_map(|(n_o, n_c, n_s)| {
        let weights = proptest::collection::vec(1u8..=10, n_c);
        let cells = proptest::collection::vec(
            proptest::collection::vec(proptest::option::of(0u8..=4), n_o * n_c),
            n_s,
        );
        (weights, cells).prop_map(move |(weights, cells)| {
            let options: Vec<_> = (0..n_o).map(|i| option(i as u128, "O")).collect();
            let criteria: Vec<_> = weights
                .iter()
                .enumerate()
                .map(|(i, w)| criterion(i as u128, "K", *w))
                .collect();
            let sheets = cells
                .iter()
                .map(|sheet| {
                    sheet
                        .iter()
                        .enumerate()
                        .filter_map(|(i, p)| {
                            p.map(|p| score(&options[i / n_c], &criteria[i % n_c], p))
                        })
                        .collect()
                })
                .collect();
            (options, criteria, sheets)
        })
    })
}

fn by_option(r: &MatrixResult) -> BTreeMap<MatrixOptionId, (f64, f64, u32)> {
    r.options
        .iter()
        .map(|o| (o.option_id, (o.total, o.weighted_total, o.rank)))
        .collect()
}

use std::collections::BTreeMap;

proptest! {
    /// The order in which experts' sheets (and the scores within them) arrive never changes
    /// a result.
    #[test]
    fn permuting_experts_changes_nothing(
        (options, criteria, sheets) in matrices(),
        seed in any::<u64>(),
    ) {
        let before = compute(&options, &criteria, &sheets);
        let mut shuffled = sheets.clone();
        shuffle(&mut shuffled, seed);
        for s in &mut shuffled {
            shuffle(s, seed ^ 0x5eed);
        }
        prop_assert_eq!(compute(&options, &criteria, &shuffled), before);
    }

    /// Listing the options in another order gives every option the same totals and rank.
    #[test]
    fn permuting_options_keeps_each_options_totals(
        (options, criteria, sheets) in matrices(),
        seed in any::<u64>(),
    ) {
        let before = by_option(&compute(&options, &criteria, &sheets));
        let mut shuffled = options.clone();
        shuffle(&mut shuffled, seed);
        prop_assert_eq!(by_option(&compute(&shuffled, &criteria, &sheets)), before);
    }

    /// With every weight 1 the weighted total is exactly the plain total.
    #[test]
    fn weight_one_everywhere_is_the_plain_total((options, criteria, sheets) in matrices()) {
        let ones: Vec<Criterion> = criteria.into_iter().map(|c| Criterion { weight: 1, ..c }).collect();
        for o in compute(&options, &ones, &sheets).options {
            prop_assert_eq!(o.weighted_total, o.total);
        }
    }

    /// Means lie within their spread; ranks are 1-based and agree with the totals' order.
    #[test]
    fn cells_and_ranks_are_consistent((options, criteria, sheets) in matrices()) {
        let r = compute(&options, &criteria, &sheets);
        for c in &r.cells {
            prop_assert!(c.count >= 1);
            prop_assert!(f64::from(c.min) <= c.mean + 1e-12 && c.mean <= f64::from(c.max) + 1e-12);
            prop_assert!(c.std_dev >= 0.0 && c.std_dev <= f64::from(c.max - c.min) / 2.0 + 1e-9);
        }
        for a in &r.options {
            prop_assert!(a.rank >= 1);
            for b in &r.options {
                if a.weighted_total > b.weighted_total + TIE_EPSILON {
                    prop_assert!(a.rank < b.rank);
                }
            }
        }
    }
}

/// A deterministic Fisher–Yates shuffle (splitmix64), so proptest can shrink the seed.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let j = usize::try_from(z % (i as u64 + 1)).unwrap_or(0);
        v.swap(i, j);
    }
}
