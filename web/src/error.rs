//! The one error type of the browser layer. Its variants say *what kind* of thing failed; the
//! apps show each in the reader's language (`error_text` in each app), never the English
//! `Display` below, which is for logs.

use werkstadt_domain::error::ApiErrorBody;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The server could not be reached (offline, server down, not our answer).
    #[error("the server could not be reached")]
    Network,
    /// The server answered with an error.
    #[error("the server refused: {}", .0.message)]
    Api(ApiErrorBody),
    /// The device does not store data (no IndexedDB or localStorage: private mode, storage
    /// full, or a write refused).
    #[error("the device refused to store data")]
    Storage,
    /// The browser lacks something the app needs (a secure random source, files to download).
    #[error("the browser lacks a needed feature")]
    Browser,
}
