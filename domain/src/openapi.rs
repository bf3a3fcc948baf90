//! OpenAPI descriptions of the rules the derived schemas cannot state, built from this crate's
//! limits so the document cannot drift from the validation (server only: `openapi` feature).
//!
//! Free texts are trimmed before they are checked, so their patterns allow surrounding
//! whitespace and bound the trimmed text; they state no `maxLength` (padding is accepted).

use crate::api::{
    IdeaListQuery, IdeaSort, SimilarQuery, DEFAULT_PER_PAGE, MAX_PER_PAGE, PARTICIPANT_ID_HEADER,
    PARTICIPANT_SECRET_HEADER, SECRET_HEX_LEN, SIMILAR_QUERY_MAX,
};
use crate::moderation::{IdeaStatus, QueueQuery, REASON_MAX};
use crate::staff::{Role, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN};
use crate::sync::{PullQuery, COMMENT_MAX, MAX_PUSH, PROTOCOL_VERSION};
use crate::text::{BODY_MAX, TITLE_MAX, TITLE_MIN};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, Object, ObjectBuilder, SchemaFormat};
use utoipa::openapi::{Array, Ref, RefOr, Required, Schema, Type};
use utoipa::{IntoParams, PartialSchema};

/// What `str::trim` removes (Unicode `White_Space`), as the body of a regex class.
pub const SPACE: &str = r"\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// What a one-line text refuses ([`crate::chars::check`]): control characters (Unicode `Cc`),
/// line and paragraph separators, direction embeddings, overrides and isolates; as the body of
/// a regex class.
pub const CONTROL: &str = r"\x00-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069";
/// What a multi-line text refuses: the same but tab and line breaks.
pub const CONTROL_BUT_LINES: &str =
    r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069";

/// What the patterns cannot say (a regex has no lookahead here, and no normalisation).
const TEXT_RULES: &str = "at least one visible character (not only spaces or zero-width \
    characters: text_invisible); no direction overrides (text_direction); stored in Unicode NFC";

/// The pattern of a text that is trimmed, then must have `min..=max` characters none of which
/// is in `forbidden` (a regex class body).
pub fn trimmed_pattern(min: usize, max: usize, forbidden: &str) -> String {
    assert!(min >= 1 && max >= min.max(2) && !forbidden.is_empty());
    let edge = format!("[^{SPACE}{forbidden}]");
    let inner = format!("[^{forbidden}]");
    let text = if min == 1 {
        format!("(?:{edge}|{edge}{inner}{{0,{}}}{edge})", max - 2)
    } else {
        format!("{edge}{inner}{{{},{}}}{edge}", min - 2, max - 2)
    };
    format!("^[{SPACE}]*{text}[{SPACE}]*$")
}

fn trimmed_text(min: usize, max: usize, forbidden: &str, rule: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(min))
        .pattern(Some(trimmed_pattern(min, max, forbidden)))
        .description(Some(format!(
            "{min} to {max} characters after trimming surrounding whitespace; {rule}; {TEXT_RULES}."
        )))
        .build()
}

fn integer(min: u64, max: u64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(min))
        .maximum(Some(max))
}

pub fn idea_title() -> Object {
    trimmed_text(
        TITLE_MIN,
        TITLE_MAX,
        CONTROL,
        "one line, no control characters",
    )
}

pub fn idea_body() -> Object {
    trimmed_text(
        1,
        BODY_MAX,
        CONTROL_BUT_LINES,
        "no control characters but line breaks and tabs",
    )
}

pub fn comment_body() -> Object {
    trimmed_text(
        1,
        COMMENT_MAX,
        CONTROL_BUT_LINES,
        "no control characters but line breaks and tabs",
    )
}

/// Report reasons and moderators' reasons and answers.
pub fn reason() -> Object {
    let refused = format!("<>{CONTROL_BUT_LINES}");
    trimmed_text(
        1,
        REASON_MAX,
        &refused,
        "no '<' or '>', no control characters but line breaks and tabs",
    )
}

pub fn code_label() -> Object {
    let refused = format!("<>{CONTROL}");
    trimmed_text(
        1,
        crate::codes::LABEL_MAX,
        &refused,
        "one line, no '<' or '>', no control characters",
    )
}

pub fn code_count() -> Object {
    integer(1, u64::from(crate::codes::MAX_BATCH)).build()
}

/// A participation code as typed: its symbols (case-insensitive; O, I and L read as 0, 1, 1),
/// with any spaces and hyphens.
pub fn participation_code() -> Object {
    code_of(crate::codes::CODE_LEN, "XXXX-XXXX-XXXX")
}

/// A kiosk's pairing code, as the staff app shows it.
pub fn pairing_code() -> Object {
    code_of(crate::kiosk::PAIRING_CODE_LEN, "XXXX-XXXX")
}

/// A code of `len` symbols of the codes' alphabet (O, I, L read as 0, 1, 1), as printed.
fn code_of(len: usize, shown: &str) -> Object {
    let alphabet: String = crate::codes::ALPHABET
        .iter()
        .map(|&b| char::from(b))
        .collect();
    let lower: String = alphabet.chars().filter(char::is_ascii_alphabetic).collect();
    let class = format!("{alphabet}{}OILoil", lower.to_ascii_lowercase());
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^[- ]*(?:[{class}][- ]*){{{len}}}$")))
        .description(Some(format!(
            "{len} symbols, as printed ({shown}); case, spaces and hyphens do not matter."
        )))
        .build()
}

/// A staff user name: trimmed and lower-cased (U+212A KELVIN SIGN becomes `k`), then 3–40 of
/// `a–z 0–9 . _ -`.
pub fn username() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!(
            "^[{SPACE}]*[A-Za-z0-9._\\u212A-]{{{USERNAME_MIN},{USERNAME_MAX}}}[{SPACE}]*$"
        )))
        .description(Some(format!(
            "{USERNAME_MIN} to {USERNAME_MAX} of a–z, 0–9, '.', '_', '-' (case-insensitive, trimmed)."
        )))
        .build()
}

pub fn new_password() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(PASSWORD_MIN))
        .max_length(Some(PASSWORD_MAX))
        .build()
}

/// Staff accounts are DigitalSupporters (`expert`), moderators or admins.
pub fn staff_role() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([
            Role::Expert.as_str(),
            Role::Moderator.as_str(),
            Role::Admin.as_str(),
        ]))
        .build()
}

pub fn dot_points() -> Object {
    integer(0, u64::from(crate::DOT_BUDGET))
        .description(Some(format!(
            "All entries together may spend at most {} points (the process's budget).",
            crate::DOT_BUDGET
        )))
        .build()
}

/// A pushed ballot: any `u8` is read; more points than the budget, a theme twice or an unknown
/// theme reject the mutation (its outcome), not the push.
pub fn pushed_allocations() -> Array {
    let entry = ObjectBuilder::new()
        .property("theme_id", Ref::from_schema_name("ThemeId"))
        .required("theme_id")
        .property("points", integer(0, u64::from(u8::MAX)).build())
        .required("points");
    ArrayBuilder::new().items(entry).build()
}

pub fn protocol() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .enum_values(Some([PROTOCOL_VERSION]))
        .description(Some(
            "The sync protocol version; any other answers 426 upgrade_required.",
        ))
        .build()
}

pub fn mutations() -> Array {
    ArrayBuilder::new()
        .items(Ref::from_schema_name("Mutation"))
        .max_items(Some(MAX_PUSH))
        .build()
}

fn query(name: &str, required: bool, schema: impl Into<RefOr<Schema>>, doc: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(doc))
        .schema(Some(schema))
        .build()
}

fn uuid() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
        .build()
}

impl IntoParams for IdeaListQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "sort",
                false,
                IdeaSort::schema(),
                "Most supported first (default) or newest.",
            ),
            query(
                "page",
                false,
                integer(1, u64::from(u32::MAX)).build(),
                "1-based page number.",
            ),
            query(
                "per_page",
                false,
                integer(1, u64::from(MAX_PER_PAGE)).default(Some(DEFAULT_PER_PAGE.into())),
                "Ideas per page.",
            ),
        ]
    }
}

impl IntoParams for SimilarQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let text = ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(SIMILAR_QUERY_MAX));
        vec![query(
            "q",
            false,
            text,
            "What the citizen has typed so far.",
        )]
    }
}

impl IntoParams for PullQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "cursor",
                false,
                integer(0, u64::MAX).build(),
                "The cursor of the last pull (default 0).",
            ),
            query("protocol", true, protocol(), "The sync protocol version."),
        ]
    }
}

impl IntoParams for QueueQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "status",
                false,
                IdeaStatus::schema(),
                "Ideas in this state (default: pending).",
            ),
            query("theme", false, uuid(), "Only ideas of this theme."),
            query(
                "q",
                false,
                ObjectBuilder::new().schema_type(Type::String),
                "Words in the title or text.",
            ),
        ]
    }
}

impl IntoParams for crate::projects::ProjectQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "theme",
                false,
                uuid(),
                "Only projects of this field of action.",
            ),
            query(
                "status",
                false,
                crate::projects::ProjectStatus::schema(),
                "Only projects in this status.",
            ),
        ]
    }
}

/// The pseudonymous participant's headers. Any valid pair is accepted on the first write
/// (which registers it); later the secret must match.
pub struct ParticipantHeaders;

impl IntoParams for ParticipantHeaders {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let header = |name: &str, schema: Object, doc: &str| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some(doc))
                .schema(Some(schema))
                .build()
        };
        let secret = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(format!("^[0-9a-fA-F]{{{SECRET_HEX_LEN}}}$")))
            .build();
        vec![
            header(
                PARTICIPANT_ID_HEADER,
                uuid(),
                "The participant's id (a UUID the app made).",
            ),
            header(
                PARTICIPANT_SECRET_HEADER,
                secret,
                "The participant's secret: 32 random bytes as hex.",
            ),
        ]
    }
}
