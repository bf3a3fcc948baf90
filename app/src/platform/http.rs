//! JSON over fetch. Errors come back as [`ClientError`]: no connection, or the server's
//! `{code, message}` answer.

use super::identity::Identity;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
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

async fn decode<T: DeserializeOwned>(
    res: Result<Response, gloo_net::Error>,
) -> Result<T, ClientError> {
    let res = res.map_err(|_| ClientError::Network)?;
    if res.ok() {
        return res.json::<T>().await.map_err(|e| {
            ClientError::Api(ApiErrorBody {
                code: ErrorCode::Unknown,
                message: e.to_string(),
            })
        });
    }
    match res.json::<ApiErrorBody>().await {
        Ok(body) => Err(ClientError::Api(body)),
        // Not our JSON: a proxy or a server that is starting up.
        Err(_) => Err(ClientError::Network),
    }
}

pub async fn get<T: DeserializeOwned>(
    path: &str,
    who: Option<&Identity>,
) -> Result<T, ClientError> {
    decode(with_identity(Request::get(path), who).send().await).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    let req = with_identity(Request::post(path), Some(who))
        .json(body)
        .map_err(|_| ClientError::Network)?;
    decode(req.send().await).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    who: &Identity,
) -> Result<T, ClientError> {
    let req = with_identity(Request::put(path), Some(who))
        .json(body)
        .map_err(|_| ClientError::Network)?;
    decode(req.send().await).await
}
