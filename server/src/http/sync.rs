//! The offline sync protocol: push a batch of mutations, pull changes after a cursor, and a
//! server-sent-events stream that only says "there is something new".

use super::error::ApiError;
use super::extract::{AppJson, AppQuery};
use super::openapi::{JsonBody, Participant, Write};
use super::staff_auth::Signed;
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::Router;
use std::convert::Infallible;
use std::time::Duration;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::openapi::ParticipantHeaders;
use werkstadt_domain::sync::{
    PullQuery, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION,
};
use werkstadt_domain::ErrorCode;

/// A push may carry up to 1,000 mutations; clients split larger outboxes.
pub const PUSH_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/sync/push",
            post(push).layer(axum::extract::DefaultBodyLimit::max(PUSH_BODY_LIMIT)),
        )
        .route("/sync/pull", get(pull))
        .route("/sync/events", get(events))
}

fn check_protocol(version: u32) -> Result<(), ApiError> {
    if version == PROTOCOL_VERSION {
        Ok(())
    } else {
        Err(ApiError::client(
            ErrorCode::UpgradeRequired,
            format!("This server speaks sync protocol {PROTOCOL_VERSION}; please update the app."),
        ))
    }
}

/// Applies a batch of the caller's mutations in one transaction, in order, each at most once.
/// Moderation decisions (`decide`, `decide_comment`) also need a staff session.
#[utoipa::path(post, path = "/api/sync/push", tag = "sync", request_body = PushRequest,
    params(ParticipantHeaders),
    security((), ("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = PushResponse, description = "each mutation's outcome"),
              JsonBody, Write,
              (status = 401, body = ApiErrorBody, description = "auth_required or wrong_secret (participant headers); staff_required: decisions without a staff session"),
              (status = 403, body = ApiErrorBody, description = "forbidden: decisions from a DigitalSupporter's session or a kiosk; not_kiosk_visitor: a kiosk pushing for a participant it did not create"),
              (status = 422, body = ApiErrorBody, description = "too_many_mutations"),
              (status = 426, body = ApiErrorBody, description = "upgrade_required: another sync protocol"),
              (status = 503, body = ApiErrorBody, description = "busy: retry the same batch")))]
pub async fn push(
    State(s): State<AppState>,
    caller: Caller,
    staff: Option<Signed>,
    AppJson(req): AppJson<PushRequest>,
) -> Result<AppJson<PushResponse>, ApiError> {
    check_protocol(req.protocol)?;
    let decides = req.mutations.iter().any(|m| m.kind.is_staff_only());
    // A kiosk never moderates, whoever signed in on its browser before.
    if caller.kiosk.is_some() {
        if decides {
            return Err(ApiError::client(
                ErrorCode::Forbidden,
                "A kiosk cannot decide on ideas.",
            ));
        }
        return Ok(AppJson(s.store.push(caller, req.mutations).await?));
    }
    // A DigitalSupporter's device pushes like a participant's; decisions are not theirs.
    let staff = match staff {
        Some(s) if !s.session.role.can_moderate() && decides => {
            return Err(ApiError::client(
                ErrorCode::Forbidden,
                "Only moderators and admins may decide on ideas.",
            ))
        }
        Some(s) if !s.session.role.can_moderate() => None,
        other => other,
    };
    // Not a final rejection: the moderator's decisions wait in the outbox until they sign
    // in again (a session can expire while offline).
    if staff.is_none() && decides {
        return Err(ApiError::client(
            ErrorCode::StaffRequired,
            "Moderation decisions need a staff session: please sign in again.",
        ));
    }
    let staff_id = staff.map(|s| s.session.staff_id);
    let res = s
        .store
        .push_joined(caller, staff_id, req.mutations, None)
        .await?;
    Ok(AppJson(res))
}

/// The changes after `cursor` the caller may see, each entity once in its latest state.
#[utoipa::path(get, path = "/api/sync/pull", tag = "sync", params(PullQuery, ParticipantHeaders),
    responses((status = 200, body = PullResponse), Participant,
              (status = 400, body = ApiErrorBody, description = "bad_query: protocol missing, or not a number"),
              (status = 409, body = ApiErrorBody, description = "reset_required: pull from 0"),
              (status = 426, body = ApiErrorBody, description = "upgrade_required: another sync protocol")))]
pub async fn pull(
    State(s): State<AppState>,
    caller: Caller,
    AppQuery(q): AppQuery<PullQuery>,
) -> Result<AppJson<PullResponse>, ApiError> {
    check_protocol(q.protocol)?;
    Ok(AppJson(s.store.pull(caller, q.cursor).await?))
}

/// Server-sent events: `changed` with the new head whenever something was written. No data
/// beyond that: clients pull. Ends when the server shuts down.
#[utoipa::path(get, path = "/api/sync/events", tag = "sync",
    responses((status = 200, content_type = "text/event-stream", description = "`changed` events")))]
pub async fn events(
    State(s): State<AppState>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let heads = s.store.subscribe();
    let shutdown = s.shutdown.clone();
    let stream = futures_util::stream::unfold(
        (heads, shutdown),
        |(mut heads, mut shutdown)| async move {
            tokio::select! {
                changed = heads.changed() => {
                    changed.ok()?;
                    let head = *heads.borrow_and_update();
                    Some((Ok(Event::default().event("changed").data(head.to_string())), (heads, shutdown)))
                }
                _ = shutdown.changed() => None,
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(25)))
}
