//! Amounts of money as people write them, for the apps.

/// An amount in euro cents: "12.500 €" in German, "€12,500" in English (cents only if any).
pub fn format_euros(cents: u64, german: bool) -> String {
    let (sep, dec, before, after) = if german {
        ('.', ',', "", " €")
    } else {
        (',', '.', "€", "")
    };
    let whole = (cents / 100).to_string();
    let mut out = String::from(before);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if !cents.is_multiple_of(100) {
        out.push(dec);
        out.push_str(&format!("{:02}", cents % 100));
    }
    out.push_str(after);
    out
}

#[cfg(test)]
mod tests {
    use super::format_euros;

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(format_euros(1_250_000, true), "12.500 €");
        assert_eq!(format_euros(1_250_000, false), "€12,500");
        assert_eq!(format_euros(99_950, true), "999,50 €");
        assert_eq!(format_euros(123_456_789, false), "€1,234,567.89");
        assert_eq!(format_euros(5, true), "0,05 €");
        assert_eq!(format_euros(0, true), "0 €");
    }
}
