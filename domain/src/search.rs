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

/// The words of `typed` worth searching for: lower-case, three letters or more, no filler
/// words, no repeats, at most [`MAX_TERMS`].
fn terms(typed: &str) -> Vec<String> {
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
    terms
}

/// Lower-case words of `text` without Unicode tables (they would add ~17 KiB to the web
/// app): ASCII letters and digits, German umlauts and ß, any other non-ASCII letter as it is;
/// ASCII and typographic punctuation separate words.
fn light_words(text: &str) -> impl Iterator<Item = String> + '_ {
    const PUNCT: &[char] = &['„', '“', '”', '‚', '‘', '’', '«', '»', '–', '—', '…', '·'];
    text.split(|c: char| {
        if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            PUNCT.contains(&c) || c == '\u{a0}'
        }
    })
    .filter(|w| !w.is_empty())
    .map(|w| {
        w.chars()
            .map(|c| match c {
                'Ä' => 'ä',
                'Ö' => 'ö',
                'Ü' => 'ü',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    })
}

/// Up to `limit` keys of `candidates` (key, title) whose titles contain a word starting with
/// one of the typed words (three letters or more, no filler words), most words matched first:
/// the rule of the server's full-text search, for the app's offline replica.
pub fn similar_titles<'a, K>(
    typed: &str,
    candidates: impl IntoIterator<Item = (K, &'a str)>,
    limit: usize,
) -> Vec<K> {
    let mut terms: Vec<String> = Vec::new();
    for w in light_words(typed) {
        if w.chars().count() >= 3 && !STOP.contains(&w.as_str()) && !terms.contains(&w) {
            terms.push(w);
        }
    }
    terms.truncate(MAX_TERMS);
    if terms.is_empty() {
        return Vec::new();
    }
    // One list per number of words matched (no sort: keeps the web app small); among equal
    // scores the candidates keep their order.
    let mut by_score: Vec<Vec<K>> = (0..terms.len()).map(|_| Vec::new()).collect();
    for (key, title) in candidates {
        let words: Vec<String> = light_words(title).collect();
        let score = terms
            .iter()
            .filter(|t| words.iter().any(|w| w.starts_with(t.as_str())))
            .count();
        if score > 0 {
            by_score[score - 1].push(key);
        }
    }
    by_score.into_iter().rev().flatten().take(limit).collect()
}

/// The FTS5 query for `typed`, or `None` when nothing is worth searching for.
pub fn fts_query(typed: &str) -> Option<String> {
    let terms = terms(typed);
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

    #[test]
    fn similar_titles_match_word_prefixes_best_first() {
        let ideas = [
            (1, "Fahrradständer am Bahnhof"),
            (2, "Sichere Fahrradwege in der Innenstadt"),
            (3, "Offenes WLAN"),
            (4, "Innenstadt autofrei"),
        ];
        assert_eq!(
            similar_titles("Mehr Fahrradwege Innenstadt", ideas, 5),
            vec![2, 4]
        );
        assert_eq!(similar_titles("fahrrad", ideas, 5), vec![1, 2]);
        assert_eq!(similar_titles("fahrrad", ideas, 1), vec![1]);
        assert_eq!(similar_titles("und die", ideas, 5), Vec::<i32>::new());
        assert_eq!(similar_titles("Wlan", ideas, 5), vec![3]);
        // Umlauts fold, typographic quotes separate words.
        let quoted = [(7, "„Übergänge“ für Fußgänger")];
        assert_eq!(similar_titles("übergänge", quoted, 5), vec![7]);
        assert_eq!(similar_titles("FUSSG fußg", quoted, 5), vec![7]);
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
