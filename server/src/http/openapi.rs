//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the handlers' annotations,
//! and the error answers several routes share (each handler names the ones it can give).

use super::{
    codes, export, idea_decisions, ideas, kiosk, matrix, moderation, participation, privacy,
    process, projects, setup, staff, staff_accounts, sync, votes, workshops, AppState, BODY_LIMIT,
};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::BTreeMap;
use utoipa::openapi::schema::AdditionalProperties;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder, Schema};
use utoipa::{IntoResponses, Modify, OpenApi};
use werkstadt_domain::staff::{CSRF_HEADER, SESSION_COOKIE};

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
        setup::list_processes,
        setup::process_by_id,
        setup::process_results,
        setup::create_process,
        setup::edit_process,
        setup::make_current,
        setup::set_phases,
        setup::add_theme,
        setup::edit_theme,
        setup::order_themes,
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
        staff_accounts::set_active,
        staff_accounts::reset_password,
        staff_accounts::change_password,
        moderation::queue,
        moderation::set_mode,
        moderation::report,
        moderation::dismiss_reports,
        codes::issue,
        codes::redeem,
        codes::set_verification,
        projects::list_projects,
        projects::project_by_id,
        projects::create_project,
        projects::edit_project,
        projects::add_milestone,
        projects::edit_milestone,
        projects::add_decision,
        projects::add_update,
        projects::delete_project,
        export::export,
        idea_decisions::idea_decisions,
        idea_decisions::add_idea_decision,
        idea_decisions::withdraw_idea_decision,
        matrix::published,
        matrix::list,
        matrix::create,
        matrix::review,
        matrix::edit,
        matrix::invite,
        matrix::set_state,
        matrix::experts,
        matrix::mine,
        matrix::sheet,
        matrix::put_sheet,
        workshops::workshop_by_code,
        workshops::workshop_qr,
        workshops::workshop_wall,
        workshops::join_workshop,
        workshops::leave_workshop,
        workshops::list_workshops,
        workshops::create_workshop,
        workshops::edit_workshop,
        workshops::delete_workshop,
        kiosk::create_kiosk,
        kiosk::list_kiosks,
        kiosk::revoke_kiosk,
        kiosk::pair_kiosk,
        kiosk::kiosk_settings,
        kiosk::exit_kiosk,
        participation::participation,
        participation::report,
        document,
    ),
    // Schemas referenced only from parameters or from `schema_with` functions are not
    // collected by utoipa (the test of this document checks every reference resolves).
    components(schemas(
        werkstadt_domain::ErrorCode,
        werkstadt_domain::api::IdeaSort,
        werkstadt_domain::moderation::IdeaStatus,
        werkstadt_domain::sync::Mutation,
        werkstadt_domain::sync::Change,
        // The rows of `GET /api/export/{file}` (its answer is one of them per dataset).
        werkstadt_domain::export::IdeaRow,
        werkstadt_domain::export::CommentRow,
        werkstadt_domain::export::VoteRow,
        werkstadt_domain::export::ProjectRow,
        werkstadt_domain::export::DecisionRow,
        werkstadt_domain::export::MatrixRow,
    )),
    modifiers(&StaffSecurity, &ExternallyTagged)
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(document))
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, body = Object, description = "The OpenAPI 3.1 document of this API")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Staff sign in with a session cookie; writes repeat the session's CSRF token in a header.
struct StaffSecurity;

impl Modify for StaffSecurity {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "staff_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session cookie `POST /api/staff/login` sets.",
            ))),
        );
        components.add_security_scheme(
            "csrf_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                CSRF_HEADER,
                "The session's `csrf_token`, on every staff write.",
            ))),
        );
    }
}

/// serde writes an enum variant with data as an object of exactly one key (the variant's
/// name) and refuses any other key next to it; utoipa's variant objects allow others.
struct ExternallyTagged;

impl Modify for ExternallyTagged {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let schemas = doc
            .components
            .iter_mut()
            .flat_map(|c| c.schemas.values_mut());
        for schema in schemas {
            let RefOr::T(Schema::OneOf(one_of)) = schema else {
                continue;
            };
            for variant in &mut one_of.items {
                if let RefOr::T(Schema::Object(object)) = variant {
                    let tag = object.properties.keys().next();
                    if object.properties.len() == 1 && object.required.iter().eq(tag) {
                        object.additional_properties =
                            Some(Box::new(AdditionalProperties::FreeForm(false)));
                    }
                }
            }
        }
    }
}

fn error(description: &str) -> RefOr<Response> {
    let json = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ApiErrorBody")))
        .build();
    ResponseBuilder::new()
        .description(description)
        .content("application/json", json)
        .build()
        .into()
}

fn errors(list: &[(&str, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, description)| ((*status).to_owned(), error(description)))
        .collect()
}

/// The answers to a bad JSON request body.
pub struct JsonBody;

impl IntoResponses for JsonBody {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let too_large = format!(
            "payload_too_large: the body has more than {} KiB (sync pushes: {} MiB)",
            BODY_LIMIT / 1024,
            sync::PUSH_BODY_LIMIT / (1024 * 1024)
        );
        errors(&[
            (
                "400",
                "malformed_json: not JSON, or not of the documented shape",
            ),
            ("413", &too_large),
            (
                "415",
                "unsupported_media_type: not sent as `Content-Type: application/json`",
            ),
        ])
    }
}

/// Any write (POST, PUT): the per-address write rate limit, and a busy database.
pub struct Write;

impl IntoResponses for Write {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            (
                "429",
                "rate_limited: too many writes from this address; retry later",
            ),
            ("503", "busy: the database is busy; retry the same request"),
        ])
    }
}

/// Routes for participants ([`werkstadt_domain::openapi::ParticipantHeaders`]).
pub struct Participant;

impl IntoResponses for Participant {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[(
            "401",
            "auth_required: participant headers missing or invalid; \
             wrong_secret: the id is registered with another secret; \
             kiosk_invalid, kiosk_revoked: on a kiosk, its credential",
        )])
    }
}

/// Reads for any staff account, DigitalSupporters too.
pub struct SignedRead;

impl IntoResponses for SignedRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[("401", "staff_required: no valid staff session")])
    }
}

/// Writes for any staff account, DigitalSupporters too: the session and its CSRF token.
pub struct SignedWrite;

impl IntoResponses for SignedWrite {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            ("401", "staff_required: no valid staff session"),
            ("403", "csrf_mismatch: the CSRF header is missing or wrong"),
        ])
    }
}

/// Staff reads (moderators and admins).
pub struct StaffRead;

impl IntoResponses for StaffRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            ("401", "staff_required: no valid staff session"),
            (
                "403",
                "forbidden: moderators and admins only (not DigitalSupporters)",
            ),
        ])
    }
}

/// Staff writes (moderators and admins): the session and its CSRF token.
pub struct StaffWrite;

impl IntoResponses for StaffWrite {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            ("401", "staff_required: no valid staff session"),
            (
                "403",
                "csrf_mismatch: the CSRF header is missing or wrong; forbidden: moderators and \
                 admins only (not DigitalSupporters)",
            ),
        ])
    }
}

/// Admin reads.
pub struct AdminRead;

impl IntoResponses for AdminRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            ("401", "staff_required: no valid staff session"),
            ("403", "forbidden: admins only"),
        ])
    }
}

/// Admin writes: an admin session and its CSRF token.
pub struct AdminWrite;

impl IntoResponses for AdminWrite {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        errors(&[
            ("401", "staff_required: no valid staff session"),
            (
                "403",
                "csrf_mismatch: the CSRF header is missing or wrong; forbidden: admins only",
            ),
        ])
    }
}
