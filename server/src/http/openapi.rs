//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the handlers' annotations.

use super::{codes, ideas, moderation, privacy, process, staff, sync, votes, AppState};
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "werkstadt API",
        description = "Citizen participation for Bielefeld's Smart City strategy."
    ),
    paths(
        process::health,
        process::process,
        process::results,
        ideas::list,
        ideas::detail,
        ideas::similar,
        ideas::submit,
        ideas::support,
        ideas::comments,
        ideas::add_comment,
        votes::set_dots,
        votes::me,
        privacy::my_data,
        privacy::delete_me,
        sync::push,
        sync::pull,
        sync::events,
        staff::login,
        staff::logout,
        staff::me,
        staff::list_staff,
        staff::create_staff,
        staff::audit,
        staff::audit_csv,
        moderation::queue,
        moderation::set_mode,
        moderation::report,
        moderation::dismiss_reports,
        codes::issue,
        codes::redeem,
        codes::set_verification,
    ),
    components(schemas(werkstadt_domain::ErrorCode))
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
