//! Kiosk mode: a shared touch screen at a workshop, paired by staff with a short-lived code.
//!
//! The device then holds only a kiosk credential (an id and a random secret, like a
//! participant's; the server keeps a hash), never a staff session. The credential vouches for
//! the participants the kiosk creates — one fresh participant per visitor — and for nothing
//! else: it cannot moderate, and cannot act for or read a participant it did not create.
//! Leaving the kiosk needs the exit PIN set at pairing.

use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

pub mod outbox;

pub const KIOSK_ID_HEADER: &str = "x-kiosk-id";
pub const KIOSK_SECRET_HEADER: &str = "x-kiosk-secret";

/// A pairing code: 8 symbols of the participation codes' alphabet (`codes::ALPHABET`, 40
/// random bits), shown as `XXXX-XXXX`, valid for [`PAIRING_MINUTES`] and once.
pub const PAIRING_CODE_LEN: usize = 8;
pub const PAIRING_MINUTES: i64 = 10;
/// The exit PIN: 4 to 12 digits.
pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 12;
/// Seconds without a touch before the kiosk starts over (until a workshop sets its own).
pub const RESET_DEFAULT_SECS: u32 = 90;
pub const RESET_MIN_SECS: u32 = 20;
pub const RESET_MAX_SECS: u32 = 1800;
/// The visible countdown before an inactivity reset; a touch cancels it.
pub const COUNTDOWN_SECS: u32 = 10;
/// New visitors (participants) one kiosk may create per minute.
pub const VISITORS_PER_MINUTE: u32 = 20;
pub const LABEL_MAX: usize = 60;

/// The canonical form (8 symbols) of a typed pairing code: case, spaces and hyphens do not
/// matter, `O`/`I`/`L` read as `0`/`1`/`1`.
pub fn normalise_pairing_code(typed: &str) -> Result<String, ErrorCode> {
    crate::codes::canonical(typed, PAIRING_CODE_LEN).ok_or(ErrorCode::PairingCodeInvalid)
}

/// A pairing code from 8 random bytes (5 bits of each used).
pub fn pairing_code_from_random(bytes: [u8; PAIRING_CODE_LEN]) -> String {
    bytes
        .iter()
        .map(|b| crate::codes::ALPHABET[usize::from(b & 31)] as char)
        .collect()
}

/// An exit PIN: 4 to 12 ASCII digits.
pub fn check_pin(pin: &str) -> Result<(), ErrorCode> {
    let fits = (PIN_MIN..=PIN_MAX).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    fits.then_some(()).ok_or(ErrorCode::PinInvalid)
}

/// A kiosk's label as stored: 1 to [`LABEL_MAX`] visible characters on one line.
pub fn parse_label(raw: &str) -> Option<String> {
    crate::codes::parse_label(raw).filter(|l| l.chars().count() <= LABEL_MAX)
}

/// Staff set up a kiosk; the answer is its pairing code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewKiosk {
    /// Where it stands, e.g. "WissensWerkStadt Eingang" (1 to 60 characters).
    pub label: String,
    /// Seconds without a touch before it starts over (20 to 1800). Without it, a kiosk for
    /// a workshop follows the workshop's reset time, also when that changes later; any
    /// other starts over after 90 s.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 20, maximum = 1800))]
    pub reset_seconds: Option<u32>,
    /// The workshop it serves, if any.
    #[serde(default)]
    pub workshop_id: Option<String>,
}

/// The code to type on the device, valid until `expires_at` (ms since 1970).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskPairing {
    pub kiosk_id: String,
    /// `XXXX-XXXX`.
    pub code: String,
    pub expires_at: i64,
}

/// Typed on the device: the pairing code and the exit PIN chosen there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairKiosk {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::pairing_code))]
    pub code: String,
    /// 4 to 12 digits.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{4,12}$"))]
    pub pin: String,
}

/// What a kiosk works with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskSettings {
    pub kiosk_id: String,
    pub label: String,
    /// Seconds without a touch before it starts over: its own, or (set up for a workshop
    /// without one of its own) the workshop's current reset time.
    pub reset_seconds: u32,
    pub workshop_id: Option<String>,
    /// The workshop it serves, as anyone with its join code reads it: while it runs, its
    /// modules are what the kiosk offers (`Workshop::opens_at`).
    #[serde(default)]
    pub workshop: Option<crate::workshop::Workshop>,
}

/// The answer to a pairing: the credential (shown once) and the settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskPaired {
    /// 64 hex characters, sent as `x-kiosk-secret` with the id as `x-kiosk-id`.
    pub secret: String,
    pub settings: KioskSettings,
}

/// Leaving the kiosk on the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskExit {
    pub pin: String,
}

/// PBKDF2 rounds for the exit PIN kept on the device (OWASP's figure for PBKDF2-HMAC-SHA-256;
/// about half a second on a tablet, once at pairing and once per offline exit).
pub const PIN_ROUNDS: u32 = 600_000;
/// Bytes of the device's random salt and of the derived hash.
pub const PIN_SALT_LEN: usize = 16;
pub const PIN_HASH_LEN: usize = 32;

/// The exit PIN as the kiosk keeps it, so the team can leave it while the server cannot be
/// reached: PBKDF2-HMAC-SHA-256 of the PIN under a random salt (`werkstadt_web::pin` derives
/// it with the browser's WebCrypto), never the PIN itself. Online the server's check decides.
/// Stored as `pbkdf2-sha256$ROUNDS$SALT$HASH` (hex).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinVerifier {
    pub rounds: u32,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
}

const PIN_SCHEME: &str = "pbkdf2-sha256";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

impl PinVerifier {
    pub fn encode(&self) -> String {
        format!(
            "{PIN_SCHEME}${}${}${}",
            self.rounds,
            hex(&self.salt),
            hex(&self.hash)
        )
    }

    /// A stored verifier; `None` for anything else (then only the server can check the PIN).
    pub fn parse(stored: &str) -> Option<Self> {
        let mut parts = stored.split('$');
        if parts.next()? != PIN_SCHEME {
            return None;
        }
        let rounds = parts.next()?.parse().ok().filter(|r| *r > 0)?;
        let salt = unhex(parts.next()?)?;
        let hash = unhex(parts.next()?)?;
        (parts.next().is_none() && salt.len() == PIN_SALT_LEN && hash.len() == PIN_HASH_LEN)
            .then_some(Self { rounds, salt, hash })
    }

    /// Whether `derived` (the PIN typed, derived with this salt and rounds) is the hash kept;
    /// without an early exit.
    pub fn matches(&self, derived: &[u8]) -> bool {
        derived.len() == self.hash.len()
            && derived
                .iter()
                .zip(&self.hash)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

/// A kiosk as the staff app lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskRecord {
    pub id: String,
    pub label: String,
    pub workshop_id: Option<String>,
    /// Its reset time now (see [`KioskSettings::reset_seconds`]).
    pub reset_seconds: u32,
    /// Whether it follows its workshop's reset time (set up without one of its own).
    #[serde(default)]
    pub reset_follows_workshop: bool,
    /// The staff member who set it up (user name).
    pub created_by: String,
    pub created_at: i64,
    /// While not yet paired: until when its code is valid.
    pub pairing_expires_at: Option<i64>,
    pub paired_at: Option<i64>,
    pub last_seen: Option<i64>,
    pub revoked_at: Option<i64>,
    /// Participants (visitors) it created.
    pub visitors: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_codes_are_typed_forgivingly() {
        assert_eq!(
            normalise_pairing_code("ab12-cdef").as_deref(),
            Ok("AB12CDEF")
        );
        assert_eq!(
            normalise_pairing_code(" o1il 2345").as_deref(),
            Ok("01112345")
        );
        assert_eq!(
            normalise_pairing_code("AB12-CDE"),
            Err(ErrorCode::PairingCodeInvalid)
        );
        assert_eq!(
            normalise_pairing_code("AB12-CDEU"),
            Err(ErrorCode::PairingCodeInvalid)
        );
        let code = pairing_code_from_random([255; PAIRING_CODE_LEN]);
        assert_eq!(normalise_pairing_code(&code), Ok(code));
    }

    #[test]
    fn pins_are_four_to_twelve_digits() {
        assert_eq!(check_pin("1234"), Ok(()));
        assert_eq!(check_pin("123456789012"), Ok(()));
        for bad in ["123", "1234567890123", "12a4", "", "١٢٣٤"] {
            assert_eq!(check_pin(bad), Err(ErrorCode::PinInvalid), "{bad}");
        }
    }

    #[test]
    fn a_pin_verifier_round_trips_and_matches_only_its_hash() {
        let v = PinVerifier {
            rounds: PIN_ROUNDS,
            salt: (0..16).collect(),
            hash: (100..132).collect(),
        };
        let stored = v.encode();
        assert!(!stored.contains("4711"));
        assert_eq!(PinVerifier::parse(&stored), Some(v.clone()));
        assert!(v.matches(&v.hash));
        assert!(!v.matches(&v.hash[..31]));
        let mut other = v.hash.clone();
        other[31] ^= 1;
        assert!(!v.matches(&other));
        let (other_scheme, longer) = (stored.replace("pbkdf2", "md5"), format!("{stored}$x"));
        for bad in [
            "",
            "4711",
            "pbkdf2-sha256$0$00$00",
            "pbkdf2-sha256$600000$0001$",
            other_scheme.as_str(),
            longer.as_str(),
        ] {
            assert_eq!(PinVerifier::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn labels_are_short_plain_lines() {
        assert_eq!(parse_label(" Eingang ").as_deref(), Some("Eingang"));
        assert_eq!(parse_label(""), None);
        assert_eq!(parse_label(&"x".repeat(LABEL_MAX + 1)), None);
        assert_eq!(parse_label("<b>"), None);
    }
}
