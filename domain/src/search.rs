//! Turning what a citizen types into a full-text query for "similar ideas".
//!
//! Words of three or more letters, without the most common German and English filler words,
//! each as a prefix (so "Fahrrad" finds "Fahrradwege"), any of them may match. The result is
//! safe to pass to SQLite FTS5 `MATCH`: every term is quoted.

/// Filler words that would match almost every idea.
const STOP: &[&str] = &[
    "and", "are", "aus", "bei", "das", "dem", "den", "der", "des", "die", "ein", "eine", "einen",
    "for", "für", "gibt", "ist", "mehr", "mit", "nach", "oder", "sich", "sind", "the", "und",
    "von", "vor", "was", "wie", "wir", "zum", "zur",
];

/// Most terms used (the first ones typed).
const MAX_TERMS: usize = 8;

/// The FTS5 query for `typed`, or `None` when nothing is worth searching for.
pub fn fts_query(typed: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in typed
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
    {
        if word.chars().count() >= 3 && !STOP.contains(&word.as_str()) && !terms.contains(&word) {
            terms.push(word);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    if terms.is_empty() {
        return None;
    }
    Some(
        terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" OR "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_become_quoted_prefix_terms_without_filler() {
        assert_eq!(
            fts_query("Mehr Fahrradwege für die Innenstadt!"),
            Some("\"fahrradwege\"* OR \"innenstadt\"*".into())
        );
        assert_eq!(fts_query("und die"), None);
        assert_eq!(fts_query("  "), None);
    }

    proptest! {
        /// Whatever is typed, the query is made only of quoted alphanumeric terms: nothing the
        /// citizen types can change the query's syntax.
        #[test]
        fn any_input_gives_a_safe_query(typed in ".{0,200}") {
            if let Some(q) = fts_query(&typed) {
                for part in q.split(" OR ") {
                    prop_assert!(part.starts_with('"') && part.ends_with("\"*"), "{}", part);
                    let inner = &part[1..part.len() - 2];
                    prop_assert!(inner.chars().all(char::is_alphanumeric), "{}", inner);
                }
            }
        }
    }
}
