//! The constraints the served OpenAPI document states are the server's rules, no looser and no
//! stricter: a value satisfies the documented schema (pattern, lengths, bounds) exactly when
//! the domain accepts it. Strings are drawn from the documented patterns themselves (what a
//! schema-driven client or fuzzer sends) and from an alphabet of troublemakers.

mod common;

use common::TestApp;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::Value;
use std::sync::OnceLock;
use werkstadt_domain::api::{IdeaListQuery, IdeaSort};
use werkstadt_domain::moderation::Decision;
use werkstadt_domain::staff::{check_password, Username};
use werkstadt_domain::{codes, CommentBody, IdeaBody, IdeaTitle};

fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            let app = TestApp::spawn().await;
            let doc = app.get_json("/api/openapi.json").await;
            app.stop().await;
            doc
        })
    })
}

/// A documented string property and the domain's verdict on it.
struct Rule {
    schema: &'static str,
    property: &'static str,
    accepts: fn(&str) -> bool,
}

static RULES: &[Rule] = &[
    Rule {
        schema: "NewIdea",
        property: "title",
        accepts: |s| IdeaTitle::parse(s).is_ok(),
    },
    Rule {
        schema: "NewIdea",
        property: "body",
        accepts: |s| IdeaBody::parse(s).is_ok(),
    },
    Rule {
        schema: "NewComment",
        property: "body",
        accepts: |s| CommentBody::parse(s).is_ok(),
    },
    Rule {
        schema: "NewReport",
        property: "reason",
        accepts: |s| {
            Decision::Reject {
                reason: s.to_owned(),
            }
            .validate()
            .is_ok()
        },
    },
    Rule {
        schema: "NewCodes",
        property: "label",
        accepts: |s| codes::parse_label(s).is_some(),
    },
    Rule {
        schema: "RedeemCode",
        property: "code",
        accepts: |s| codes::normalise(s).is_ok(),
    },
    Rule {
        schema: "NewStaff",
        property: "username",
        accepts: |s| Username::parse(s).is_ok(),
    },
    Rule {
        schema: "NewStaff",
        property: "password",
        accepts: |s| check_password(s).is_ok(),
    },
];

struct Checked {
    min: Option<usize>,
    max: Option<usize>,
    pattern: Option<regex::Regex>,
    source: Option<String>,
}

impl Checked {
    /// The documented schema of `rule`'s property (compiled once).
    fn of(rule: &Rule) -> &'static Self {
        static ALL: OnceLock<Vec<Checked>> = OnceLock::new();
        let all = ALL.get_or_init(|| RULES.iter().map(Self::read).collect());
        let at = RULES
            .iter()
            .position(|r| std::ptr::eq(r, rule))
            .expect("a rule of RULES");
        &all[at]
    }

    fn read(rule: &Rule) -> Self {
        let schema = &document()["components"]["schemas"][rule.schema]["properties"][rule.property];
        assert_eq!(
            schema["type"], "string",
            "{}.{}",
            rule.schema, rule.property
        );
        let len = |key: &str| {
            schema[key]
                .as_u64()
                .map(|n| usize::try_from(n).expect("usize"))
        };
        let source = schema["pattern"].as_str().map(str::to_owned);
        let pattern = source.as_deref().map(|p| {
            regex::RegexBuilder::new(p)
                .size_limit(1 << 28)
                .build()
                .expect("the pattern compiles")
        });
        assert!(
            len("minLength").is_some() || pattern.is_some(),
            "{}.{} states no rule",
            rule.schema,
            rule.property
        );
        Self {
            min: len("minLength"),
            max: len("maxLength"),
            pattern,
            source,
        }
    }

    fn satisfied_by(&self, s: &str) -> bool {
        let n = s.chars().count();
        self.min.is_none_or(|m| n >= m)
            && self.max.is_none_or(|m| n <= m)
            && self.pattern.as_ref().is_none_or(|p| p.is_match(s))
    }
}

/// Characters where trimming, control-character and alphabet rules differ between engines.
const TRICKY: &[char] = &[
    'a', 'Z', 'k', '0', '1', '.', '_', '-', ' ', '<', '>', '\n', '\r', '\t', '\u{0}', '\u{7}',
    '\u{b}', '\u{c}', '\u{1c}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}', '\u{1680}',
    '\u{180e}', '\u{2000}', '\u{200a}', '\u{200b}', '\u{2028}', '\u{202f}', '\u{205f}', '\u{3000}',
    '\u{feff}', '\u{212a}', '\u{130}', 'ä', 'ß', 'O', 'I', 'L', 'U', 'u', 'é',
];

fn tricky_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![4 => prop::sample::select(TRICKY), 1 => any::<char>()];
    prop::collection::vec(ch, 0..48).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn documented_text_rules_are_the_domains(s in tricky_text()) {
        // Two rules the patterns cannot state (the schemas' descriptions do): text must show
        // something, and it is compared in NFC.
        let trimmed = s.trim();
        let invisible = !trimmed.is_empty()
            && trimmed.chars().all(werkstadt_domain::chars::is_invisible);
        if invisible || werkstadt_domain::chars::clean(&s) != trimmed {
            return Ok(());
        }
        for rule in RULES {
            let checked = Checked::of(rule);
            prop_assert_eq!(
                checked.satisfied_by(&s), (rule.accepts)(&s),
                "{}.{} on {:?}", rule.schema, rule.property, s
            );
        }
    }
}

/// What a schema-driven client sends: strings generated from each documented pattern.
#[test]
fn strings_drawn_from_the_documented_patterns_are_accepted() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for rule in RULES {
        let checked = Checked::of(rule);
        let Some(source) = &checked.source else {
            continue;
        };
        // The patterns are anchored at both ends; the generator wants them without anchors.
        let inner = source.strip_prefix('^').and_then(|p| p.strip_suffix('$'));
        let strategy = proptest::string::string_regex(inner.expect("anchored")).expect("generates");
        for _ in 0..300 {
            let s = strategy.new_tree(&mut runner).expect("value").current();
            let trimmed = s.trim();
            let invisible =
                !trimmed.is_empty() && trimmed.chars().all(werkstadt_domain::chars::is_invisible);
            if invisible || werkstadt_domain::chars::clean(&s) != trimmed {
                continue;
            }
            if checked.satisfied_by(&s) {
                assert!(
                    (rule.accepts)(&s),
                    "{}.{} refuses {s:?}",
                    rule.schema,
                    rule.property
                );
            }
        }
    }
}

#[test]
fn length_limits_hold_at_their_edges() {
    let pads = ["", " ", "\n\t", "\u{3000}"];
    for rule in RULES {
        let checked = Checked::of(rule);
        for n in [
            0, 1, 2, 3, 4, 5, 11, 12, 13, 39, 40, 41, 79, 80, 81, 119, 120, 121, 199, 200, 201,
        ]
        .into_iter()
        .chain([999, 1000, 1001, 1999, 2000, 2001])
        {
            for pad in pads {
                for body in ["a".repeat(n), "ü".repeat(n), format!("{}<", "b".repeat(n))] {
                    let s = format!("{pad}{body}{pad}");
                    assert_eq!(
                        checked.satisfied_by(&s),
                        (rule.accepts)(&s),
                        "{}.{} on {} chars, padded {pad:?}",
                        rule.schema,
                        rule.property,
                        s.chars().count()
                    );
                }
            }
        }
    }
}

#[test]
fn participation_codes_as_printed_and_typed_are_documented() {
    let rule = RULES
        .iter()
        .find(|r| r.property == "code")
        .expect("code rule");
    let checked = Checked::of(rule);
    for s in [
        "ABCD-EFGH-JK01",
        "abcd efgh jkoi",
        "ABCDEFGHJK01",
        "-ABCD--EFGH-JK01-",
        "ABCD-EFGH-JK0",
        "ABCD-EFGH-JK0U",
        "ABCD-EFGH-JK01-2",
    ] {
        assert_eq!(checked.satisfied_by(s), (rule.accepts)(s), "{s:?}");
    }
}

#[test]
fn page_bounds_are_the_servers() {
    let params = document()["paths"]["/api/themes/{theme_id}/ideas"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let bounds = |name: &str| {
        let p = params.iter().find(|p| p["name"] == name).expect("param");
        let min = p["schema"]["minimum"].as_u64().expect("minimum");
        let max = p["schema"]["maximum"].as_u64().expect("maximum");
        move |v: u64| (min..=max).contains(&v)
    };
    let (page_ok, per_page_ok) = (bounds("page"), bounds("per_page"));
    for page in [0, 1, 2, u64::from(u32::MAX)] {
        for per_page in [0, 1, 20, 99, 100, 101, 1000] {
            let query = IdeaListQuery {
                sort: IdeaSort::Newest,
                page: Some(u32::try_from(page).expect("u32")),
                per_page: Some(u32::try_from(per_page).expect("u32")),
            };
            assert_eq!(
                page_ok(page) && per_page_ok(per_page),
                query.window().is_some(),
                "page {page}, per_page {per_page}"
            );
        }
    }
}
