//! CSV answers. Every CSV the server writes goes through [`CsvTable`], which neutralises each
//! cell against formula injection: a spreadsheet would run a cell starting with `=`, `+`, `-`
//! or `@` (or a tab or carriage return before one) as a formula — a participation-code label
//! `=HYPERLINK("http://…","klick")` would become a live link in the committee's copy. Such a
//! cell gets a leading apostrophe (OWASP's advice), which spreadsheets show as plain text.

use super::error::ApiError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

/// The cell as written: prefixed with `'` when a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV document (UTF-8, header row) built row by row, every cell neutralised.
pub struct CsvTable {
    out: csv::Writer<Vec<u8>>,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

impl CsvTable {
    pub fn new(header: &[&str]) -> Result<Self, ApiError> {
        let mut table = Self {
            out: csv::Writer::from_writer(Vec::new()),
        };
        table.row(header.iter().copied())?;
        Ok(table)
    }

    /// A table for spreadsheets: a byte order mark first (so LibreOffice and Excel read UTF-8
    /// and show umlauts), cells separated by `;` when `semicolon` (German Excel) or `,`.
    pub fn for_spreadsheets(header: &[&str], semicolon: bool) -> Result<Self, ApiError> {
        let bom = "\u{feff}".as_bytes().to_vec();
        let mut table = Self {
            out: csv::WriterBuilder::new()
                .delimiter(if semicolon { b';' } else { b',' })
                .from_writer(bom),
        };
        table.row(header.iter().copied())?;
        Ok(table)
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), ApiError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.out.write_record(&cells).map_err(internal)
    }

    /// The document as a download named `filename`.
    pub fn into_download(self, filename: &str) -> Result<Response, ApiError> {
        let bytes = self.out.into_inner().map_err(internal)?;
        let disposition = format!("attachment; filename=\"{filename}\"");
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            bytes,
        )
            .into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_ordinary_cells_stay_as_they_are() {
        for formula in [
            "=HYPERLINK(\"http://example.org\",\"klick\")",
            "+49 521 51-0",
            "-1+1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralise(formula), format!("'{formula}"));
        }
        for plain in [
            "Workshop Sieker",
            "42",
            "1732950000000",
            "",
            "a=b",
            "{\"x\":1}",
        ] {
            assert_eq!(neutralise(plain), plain);
        }
    }

    #[test]
    fn every_cell_of_a_table_is_neutralised() {
        let mut t = CsvTable::new(&["label", "n"]).expect("header");
        t.row(["=1+1", "3"]).expect("row");
        let bytes = t.out.into_inner().expect("bytes");
        assert_eq!(
            String::from_utf8(bytes).expect("utf-8"),
            "label,n\n'=1+1,3\n"
        );
    }
}
