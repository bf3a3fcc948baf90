//! Open data: the public datasets of a process as JSON or CSV (`domain::export`), for the
//! strategy process, the committee's files and anyone else. Readable cross-origin (GET only,
//! never with credentials: `http::cors`); no personal data.

use super::csv_table::CsvTable;
use super::error::ApiError;
use super::extract::{AppJson, AppPath, AppQuery};
use super::AppState;
use crate::storage::ExportRows as Rows;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use werkstadt_domain::api::Process;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::export::{licence_url, CsvRow, Dataset, Export, ExportQuery, Format};
use werkstadt_domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new().route("/export/{file}", get(export))
}

/// One dataset: `ideas`, `comments`, `votes` (per field of action), `projects`, `decisions`
/// or `matrices` (the published evaluation matrices: per option and criterion the experts'
/// mean, lowest, highest and standard deviation, per option the plain and weighted total and
/// the rank), as `.json` (rows with the process and its licence) or `.csv` (UTF-8 with a
/// byte order mark, a header row, `,` or with `?sep=semicolon` `;`). The rows' fields are the
/// schemas `IdeaRow`, `CommentRow`, `VoteRow`, `ProjectRow`, `DecisionRow` and `MatrixRow`.
/// No personal data.
#[utoipa::path(get, path = "/api/export/{file}", tag = "open data",
    params(("file" = String, Path,
            description = "{dataset}.{json|csv}; dataset: ideas, comments, votes, projects, decisions or matrices (e.g. ideas.csv, matrices.json)"),
           ExportQuery),
    responses((status = 200, description = "the dataset",
                content((Object = "application/json"), (String = "text/csv"))),
              (status = 400, body = ApiErrorBody, description = "bad_query: sep is not comma or semicolon"),
              (status = 404, body = ApiErrorBody, description = "not_found: no such dataset or format; unknown_process")))]
pub async fn export(
    State(s): State<AppState>,
    AppPath(file): AppPath<String>,
    AppQuery(q): AppQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let Some((dataset, format)) = Dataset::parse_file(&file) else {
        return Err(ApiError::client(
            ErrorCode::NotFound,
            "No such dataset: ideas, comments, votes, projects, decisions or matrices, as .json \
             or .csv.",
        ));
    };
    let semicolon = match q.sep.as_deref() {
        None | Some("comma") => false,
        Some("semicolon") => true,
        Some(_) => {
            return Err(ApiError::client(
                ErrorCode::BadQuery,
                "sep is comma or semicolon.",
            ))
        }
    };
    let (p, rows) = s.store.export(q.process, dataset).await?;
    let name = format!("werkstadt-{file}");
    let mut res = match (format, rows) {
        (Format::Json, Rows::Ideas(r)) => json(&p, r),
        (Format::Json, Rows::Comments(r)) => json(&p, r),
        (Format::Json, Rows::Votes(r)) => json(&p, r),
        (Format::Json, Rows::Projects(r)) => json(&p, r),
        (Format::Json, Rows::Decisions(r)) => json(&p, r),
        (Format::Json, Rows::Matrices(r)) => json(&p, r),
        (Format::Csv, Rows::Ideas(r)) => csv(&r, semicolon, &name)?,
        (Format::Csv, Rows::Comments(r)) => csv(&r, semicolon, &name)?,
        (Format::Csv, Rows::Votes(r)) => csv(&r, semicolon, &name)?,
        (Format::Csv, Rows::Projects(r)) => csv(&r, semicolon, &name)?,
        (Format::Csv, Rows::Decisions(r)) => csv(&r, semicolon, &name)?,
        (Format::Csv, Rows::Matrices(r)) => csv(&r, semicolon, &name)?,
    };
    if let Some(url) = licence_url(&p.licence) {
        if let Ok(v) = HeaderValue::from_str(&format!("<{url}>; rel=\"license\"")) {
            res.headers_mut().insert(header::LINK, v);
        }
    }
    Ok(res)
}

fn json<T: Serialize>(p: &Process, rows: Vec<T>) -> Response {
    AppJson(Export {
        process_id: p.id,
        process: p.title.clone(),
        licence: p.licence.clone(),
        generated_at: crate::storage::now_ms(),
        rows,
    })
    .into_response()
}

fn csv<T: CsvRow>(rows: &[T], semicolon: bool, name: &str) -> Result<Response, ApiError> {
    let mut table = CsvTable::for_spreadsheets(T::HEADER, semicolon)?;
    for r in rows {
        table.row(r.cells())?;
    }
    table.into_download(name)
}
