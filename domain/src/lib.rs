//! werkstadt's shared domain.
//!
//! Everything client and server must agree on lives here: identifiers, types that can only
//! hold valid values (`IdeaTitle::parse`), the wire types of the JSON API, the stable error
//! codes, and pure rules (dot-vote budget, tallies, rankings). This crate does no IO and builds
//! for native and wasm32 alike.

pub mod api;
pub mod channel;
pub mod chars;
pub mod chart;
pub mod codes;
pub mod dots;
pub mod error;
pub mod export;
pub mod feed;
pub mod follows;
pub mod ids;
pub mod kiosk;
pub mod matrix;
pub mod moderation;
pub mod news;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod overlay;
pub mod privacy;
pub mod projects;
pub mod replica;
pub mod report;
pub mod search;
pub mod setup;
pub mod staff;
pub mod stats;
pub mod support;
pub mod sync;
pub mod sync_model;
pub mod tally;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod whole;
pub mod workshop;

pub use dots::{DotBallot, DOT_BUDGET};
pub use error::ErrorCode;
pub use ids::{IdeaId, ParticipantId, ProcessId, ProjectId, ThemeId};
pub use text::{CommentBody, IdeaBody, IdeaTitle, ValidationError};
