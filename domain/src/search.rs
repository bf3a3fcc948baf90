//! "Similar ideas": one rule for the server's full-text search and the app's offline replica.
//!
//! Words of three or more letters, without the most common German and English filler words,
//! each as a prefix (so "Fahrrad" finds "Fahrradwege"), accents folded, any of them may match;
//! most words matched first. The FTS5 query is safe to pass to `MATCH`: every term is quoted.

/// Filler words that would match almost every idea.
const STOP: &[&str] = &[
    "and", "are", "aus", "bei", "das", "dem", "den", "der", "des", "die", "ein", "eine", "einen",
    "for", "fur", "gibt", "ist", "mehr", "mit", "nach", "oder", "sich", "sind", "the", "und",
    "von", "vor", "was", "wie", "wir", "zum", "zur",
];

/// Most terms used (the first ones typed).
const MAX_TERMS: usize = 8;

/// The words of a text as search sees them, on the server's index and in the app's replica
/// alike: split at ASCII and typographic punctuation, lower-case, accents folded ("Bürgeramt"
/// and "Burgeramt" are the same word; "ß" stays). Without Unicode tables (they would add
/// ~17 KiB to the web app): Latin letters with diacritics are folded by a table, any other
/// non-ASCII character is kept as it is.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    const PUNCT: &[char] = &['„', '“', '”', '‚', '‘', '’', '«', '»', '–', '—', '…', '·'];
    text.split(|c: char| {
        if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            PUNCT.contains(&c) || c == '\u{a0}'
        }
    })
    .filter(|w| !w.is_empty())
    .map(|w| w.chars().map(fold).collect())
}

/// A letter lower-cased and without its diacritics (Latin-1 and Latin Extended-A).
fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        c => c,
    }
}

/// The words of `typed` worth searching for: three letters or more, no filler words, no
/// repeats, at most [`MAX_TERMS`].
fn terms(typed: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for w in words(typed) {
        if w.chars().count() >= 3 && !STOP.contains(&w.as_str()) && !terms.contains(&w) {
            terms.push(w);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// Up to `limit` keys of `candidates` (key, title) whose titles contain a word starting with
/// one of the typed words (three letters or more, no filler words), most words matched first,
/// ties in the candidates' order. The one rule of "similar ideas": the app runs it on its
/// replica, the server on what its full-text index found for [`fts_query`].
pub fn similar_titles<'a, K>(
    typed: &str,
    candidates: impl IntoIterator<Item = (K, &'a str)>,
    limit: usize,
) -> Vec<K> {
    let terms = terms(typed);
    if terms.is_empty() {
        return Vec::new();
    }
    // One list per number of words matched (no sort: keeps the web app small).
    let mut by_score: Vec<Vec<K>> = (0..terms.len()).map(|_| Vec::new()).collect();
    for (key, title) in candidates {
        let words: Vec<String> = words(title).collect();
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

/// What the server's full-text index stores for a title: its [`words`], separated by spaces
/// (the index's `ascii` tokenizer splits there and nowhere inside a word).
pub fn index_text(title: &str) -> String {
    words(title).collect::<Vec<_>>().join(" ")
}

/// The FTS5 query for `typed` (over [`index_text`]), or `None` when nothing is worth
/// searching for: every term quoted, as a prefix, any of them may match.
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
        // Accents fold both ways, as in the server's index.
        let office = [(8, "Bürgeramt online"), (9, "Café im Rathaus")];
        assert_eq!(similar_titles("Burgeramt", office, 5), vec![8]);
        assert_eq!(similar_titles("CAFE", office, 5), vec![9]);
        assert_eq!(index_text("„Bürgeramt“ – Café!"), "burgeramt cafe");
        assert_eq!(fts_query("Bürgeramt"), Some("\"burgeramt\"*".into()));
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
                    prop_assert!(!inner.is_empty(), "{}", part);
                    prop_assert!(
                        inner.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric()),
                        "{}", inner
                    );
                }
            }
        }
    }
}
