//! JSON over fetch. Errors come back as [`ClientError`]: no connection, or the server's
//! `{code, message}` answer.
//!
//! JSON is parsed by the browser (`JSON.parse`) and mapped to Rust types with
//! serde-wasm-bindgen: much smaller wasm than bundling a JSON parser.

use super::identity::Identity;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use werkstadt_domain::api::{PARTICIPANT_ID_HEADER, PARTICIPANT_SECRET_HEADER};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ErrorCode;

#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The server could not be reached (offline, server down).
    Network,
    /// The server answered with an error.
    Api(ApiErrorBody),
}

fn with_identity(req: RequestBuilder, who: Option<&Identity>) -> RequestBuilder {
    match who {
        Some(i) => req
            .header(PARTICIPANT_ID_HEADER, &i.id.to_string())
            .header(PARTICIPANT_SECRET_HEADER, &i.secret),
        None => req,
    }
}

fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

pub fn to_json<B: Serialize>(body: &B) -> Option<String> {
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

async fn send<T: DeserializeOwned>(
    req: Result<gloo_net::http::Request, gloo_net::Error>,
) -> Result<T, ClientError> {
    let res = req
        .map_err(|_| ClientError::Network)?
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    let ok = res.ok();
    let text = res.text().await.map_err(|_| ClientError::Network)?;
    if ok {
        return parse(&text).ok_or_else(|| {
            ClientError::Api(ApiErrorBody {
                code: ErrorCode::Unknown,
                message: "unexpected answer".into(),
            })
        });
    }
    // Not our JSON: a proxy or a server that is starting up.
    parse::<ApiErrorBody>(&text).map_or(Err(ClientError::Network), |b| Err(ClientError::Api(b)))
}

pub async fn get<T: DeserializeOwned>(
    path: &str,
    who: Option<&Identity>,
) -> Result<T, ClientError> {
    send(with_identity(Request::get(path), who).build()).await
}

async fn write<B: Serialize, T: DeserializeOwned>(
    req: RequestBuilder,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    let json = to_json(body).ok_or(ClientError::Network)?;
    let req = with_identity(req, Some(who))
        .header("content-type", "application/json")
        .body(JsValue::from_str(&json));
    send(req).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    write(Request::post(path), body, who).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    write(Request::put(path), body, who).await
}
