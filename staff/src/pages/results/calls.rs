//! The matrix endpoints, typed (used only by this section, so they load with its chunk).

use crate::api::{get, write};
use werkstadt_domain::ids::MatrixId;
use werkstadt_domain::matrix::{
    ExpertAccount, ExpertInvite, MatrixDraft, MatrixRecord, MatrixReview, MatrixSheetView, Score,
    SheetDraft, StateChange,
};
use werkstadt_domain::ProcessId;
use werkstadt_web::http::{parse, unexpected, ClientError};

/// Every matrix of a process, in any state (moderators and admins).
pub async fn matrices(process: ProcessId) -> Result<Vec<MatrixRecord>, ClientError> {
    get(&format!("/api/moderation/processes/{process}/matrices")).await
}

/// Creates (`id: None`) or edits a matrix; the matrix as it now is.
pub async fn save_matrix(
    process: ProcessId,
    id: Option<MatrixId>,
    d: &MatrixDraft,
    csrf: &str,
) -> Result<MatrixRecord, ClientError> {
    let text = match id {
        None => {
            let path = format!("/api/moderation/processes/{process}/matrices");
            write("POST", &path, d, csrf).await?
        }
        Some(id) => write("PUT", &format!("/api/moderation/matrices/{id}"), d, csrf).await?,
    };
    parse(&text).ok_or_else(unexpected)
}

/// A matrix with every sheet and the result.
pub async fn review(id: MatrixId) -> Result<MatrixReview, ClientError> {
    get(&format!("/api/moderation/matrices/{id}")).await
}

pub async fn invite(id: MatrixId, req: &ExpertInvite, csrf: &str) -> Result<(), ClientError> {
    let path = format!("/api/moderation/matrices/{id}/experts");
    write("POST", &path, req, csrf).await.map(drop)
}

pub async fn set_state(id: MatrixId, req: &StateChange, csrf: &str) -> Result<(), ClientError> {
    let path = format!("/api/moderation/matrices/{id}/state");
    write("PUT", &path, req, csrf).await.map(drop)
}

/// The DigitalSupporter accounts (to invite from).
pub async fn experts() -> Result<Vec<ExpertAccount>, ClientError> {
    get("/api/moderation/experts").await
}

/// The matrices the signed-in person is invited to score.
pub async fn mine() -> Result<Vec<MatrixRecord>, ClientError> {
    get("/api/staff/matrices").await
}

/// A matrix and the signed-in person's own sheet.
pub async fn sheet(id: MatrixId) -> Result<MatrixSheetView, ClientError> {
    get(&format!("/api/staff/matrices/{id}")).await
}

/// Replaces the signed-in person's own sheet; the sheet as stored.
pub async fn put_sheet(
    id: MatrixId,
    d: &SheetDraft,
    csrf: &str,
) -> Result<Vec<Score>, ClientError> {
    let path = format!("/api/staff/matrices/{id}/sheet");
    parse(&write("PUT", &path, d, csrf).await?).ok_or_else(unexpected)
}
