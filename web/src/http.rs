//! JSON over `fetch`. Errors come back as [`ClientError`]: no connection, or the server's
//! `{code, message}` answer.
//!
//! JSON is parsed by the browser (`JSON.parse`) and mapped to Rust types with
//! serde-wasm-bindgen, and requests go straight to `window.fetch`: both keep the wasm small
//! (no JSON parser, no HTTP types bundled).

use super::identity::Identity;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use werkstadt_domain::api::{PARTICIPANT_ID_HEADER, PARTICIPANT_SECRET_HEADER};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::staff::CSRF_HEADER;
use werkstadt_domain::ErrorCode;

pub use crate::error::ClientError;

pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// A JSON text kept as text in Rust and stored as the plain JS value it describes
/// (`#[serde(with = "werkstadt_web::http::raw_json")]`, with [`to_json`] / [`parse`]): data
/// that is only passed on, never decoded into Rust types (decoding code costs bundle size).
pub mod raw_json {
    use serde::{Deserializer, Serializer};
    use wasm_bindgen::JsValue;

    pub fn serialize<S: Serializer>(json: &str, s: S) -> Result<S::Ok, S::Error> {
        let value = js_sys::JSON::parse(json).unwrap_or(JsValue::NULL);
        serde_wasm_bindgen::preserve::serialize(&value, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| serde::de::Error::custom("not JSON"))
    }
}

pub fn to_json<B: Serialize>(body: &B) -> Option<String> {
    js_sys::JSON::stringify(&to_js(body)?).ok()?.as_string()
}

/// A Rust value as a plain JS value (objects, arrays, strings, numbers), e.g. for IndexedDB.
pub fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

/// The Rust value of a plain JS value; `None` for `undefined` or anything that does not fit.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    if value.is_undefined() {
        return None;
    }
    serde_wasm_bindgen::from_value(value).ok()
}

pub fn unexpected() -> ClientError {
    ClientError::Api(ApiErrorBody {
        code: ErrorCode::Unknown,
        message: "unexpected answer".into(),
    })
}

/// Sends a request; the body text of a successful answer, or the error.
async fn fetch_text(
    method: &str,
    path: &str,
    body: Option<String>,
    who: Option<&Identity>,
) -> Result<String, ClientError> {
    fetch_with(method, path, body, who, &[]).await
}

/// GET, the answer as the plain JS value `JSON.parse` makes of it; with the participant's
/// headers when `who` is given (a public read without).
pub async fn get_js(path: &str, who: Option<&Identity>) -> Result<JsValue, ClientError> {
    let text = fetch_text("GET", path, None, who).await?;
    js_sys::JSON::parse(&text).map_err(|_| unexpected())
}

/// A request without a body; the answer's text (e.g. a download, or a summary to show).
pub async fn send(method: &str, path: &str, who: &Identity) -> Result<String, ClientError> {
    fetch_text(method, path, None, Some(who)).await
}

/// A field of a plain JS object (`undefined` when missing).
pub fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// POSTs a domain type as JSON to an endpoint that answers `204 No Content`.
pub async fn post_no_content<B: Serialize>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<(), ClientError> {
    let json = to_json(body).ok_or_else(unexpected)?;
    fetch_text("POST", path, Some(json), Some(who))
        .await
        .map(drop)
}

/// A value of a wire type kept as the plain JS value the server sent (e.g. the changes of a
/// `PullResponse<Raw>`, stored in IndexedDB as they are and decoded one by one).
pub struct Raw(pub JsValue);

impl<'de> serde::Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(d).map(Raw)
    }
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    let json = to_json(body).ok_or(ClientError::Network)?;
    parse(&fetch_text("POST", path, Some(json), Some(who)).await?).ok_or_else(unexpected)
}

/// The one fetch of both apps: a request with the participant's headers when `who` is given,
/// further headers (the CSRF token, `accept`, a kiosk's credential), a JSON body; the
/// answer's text, or the error.
pub async fn fetch_with(
    method: &str,
    path: &str,
    body: Option<String>,
    who: Option<&Identity>,
    extra: &[(&str, &str)],
) -> Result<String, ClientError> {
    let net = |_| ClientError::Network;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(net)?;
    if let Some(i) = who {
        headers
            .set(PARTICIPANT_ID_HEADER, &i.id.to_string())
            .map_err(net)?;
        headers
            .set(PARTICIPANT_SECRET_HEADER, &i.secret)
            .map_err(net)?;
    }
    for (name, value) in extra {
        headers.set(name, value).map_err(net)?;
    }
    if let Some(b) = body {
        headers
            .set("content-type", "application/json")
            .map_err(net)?;
        init.set_body(&JsValue::from_str(&b));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(ClientError::Network)?;
    let res: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(net)?
        .dyn_into()
        .map_err(net)?;
    let text = JsFuture::from(res.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    if res.ok() {
        return Ok(text);
    }
    // Not our JSON: a proxy or a server that is starting up.
    parse::<ApiErrorBody>(&text).map_or(Err(ClientError::Network), |b| Err(ClientError::Api(b)))
}

/// A staff request: the session cookie goes along, `csrf` (the session's token) is repeated on
/// writes, and `who` (the device identity) is sent where the endpoint also needs a participant
/// (the sync push). The answer's text, empty for `204 No Content`.
pub async fn staff_request(
    method: &str,
    path: &str,
    body: Option<String>,
    who: Option<&Identity>,
    csrf: Option<&str>,
) -> Result<String, ClientError> {
    match csrf {
        Some(token) => fetch_with(method, path, body, who, &[(CSRF_HEADER, token)]).await,
        None => fetch_with(method, path, body, who, &[]).await,
    }
}

/// A staff POST asking for another representation than JSON (`accept`, e.g. `text/html`).
pub async fn staff_request_accept(
    path: &str,
    body: String,
    csrf: &str,
    accept: &str,
) -> Result<String, ClientError> {
    let extra = [(CSRF_HEADER, csrf), ("accept", accept)];
    fetch_with("POST", path, Some(body), None, &extra).await
}
