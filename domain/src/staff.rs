//! Staff of the Digitalisierungsbüro: roles, sign-in and the audit log's wire types.
//!
//! Participants are pseudonymous (a device identity, see [`crate::api`]); staff sign in with a
//! user name and password and get a session cookie. Cookie-authenticated writes must repeat the
//! session's CSRF token in the [`CSRF_HEADER`] header.

use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

/// The session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS).
pub const SESSION_COOKIE: &str = "werkstadt_session";
/// Header carrying the CSRF token on cookie-authenticated writes.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a staff session lasts (a working day).
pub const SESSION_HOURS: i64 = 9;
pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 40;
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 200;

/// Who may do what. Ordered: every role may do what the roles before it may. Checks compare
/// with the methods below ([`Role::can_moderate`], …), never with a bare `>=` elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Pseudonymous device identity.
    Participant,
    /// A participant who redeemed a participation code.
    VerifiedParticipant,
    /// A DigitalSupporter of the concept paper's expert pool: a staff account that may only
    /// score the evaluation matrices it is invited to (no moderation, no administration).
    Expert,
    /// Curates ideas and comments; may also score any matrix.
    Moderator,
    /// Manages staff and processes; may also moderate.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::VerifiedParticipant => "verified_participant",
            Role::Expert => "expert",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub const ALL: [Role; 5] = [
        Role::Participant,
        Role::VerifiedParticipant,
        Role::Expert,
        Role::Moderator,
        Role::Admin,
    ];

    /// A staff account (signs in with a password): DigitalSupporter, moderator or admin.
    pub fn is_staff(self) -> bool {
        self >= Role::Expert
    }

    /// Moderates ideas, comments and reports, edits projects and matrices: moderators and
    /// admins, never DigitalSupporters.
    pub fn can_moderate(self) -> bool {
        self >= Role::Moderator
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// A valid staff user name: 3–40 of `a–z 0–9 . _ -`, stored lower-case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, ErrorCode> {
        let name = raw.trim().to_lowercase();
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if !(USERNAME_MIN..=USERNAME_MAX).contains(&name.chars().count()) || !ok_chars {
            return Err(ErrorCode::UsernameInvalid);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a new password's length (in characters). No composition rules (NIST SP 800-63B).
pub fn check_password(password: &str) -> Result<(), ErrorCode> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err(ErrorCode::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Err(ErrorCode::PasswordTooLong)
    } else {
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in staff member. `csrf_token` goes into [`CSRF_HEADER`] on every write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    /// Unix milliseconds.
    pub expires_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaff {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::username))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::new_password))]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::staff_role))]
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub username: String,
    pub role: Role,
    pub created_at: i64,
    /// `false` once an admin deactivated the account: it cannot sign in.
    pub active: bool,
}

/// `PUT /api/admin/staff/{username}/active`: deactivates (its sessions end at once) or
/// reactivates an account. The last active admin cannot be deactivated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffActive {
    pub active: bool,
}

/// `PUT /api/admin/staff/{username}/password`: an admin sets a new password for an account
/// (its sessions end).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::new_password))]
    pub password: String,
}

/// `PUT /api/staff/me/password`: the signed-in staff member changes their own password; their
/// other sessions end, this one stays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// The password in use now.
    pub current: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::new_password))]
    pub password: String,
}

/// One staff action, as recorded (append-only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: u64,
    /// Unix milliseconds.
    pub at: i64,
    /// The staff member's user name.
    pub actor: String,
    /// e.g. `staff.login`, `staff.create`.
    pub action: String,
    /// What it was done to (an id or a user name).
    pub target: String,
    /// JSON of the state before, if any.
    pub before: Option<String>,
    /// JSON of the state after, if any.
    pub after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_are_normalised_and_checked() {
        assert_eq!(
            Username::parse("  Moderation.Nord ").map(|u| u.0),
            Ok("moderation.nord".into())
        );
        assert_eq!(Username::parse("ab"), Err(ErrorCode::UsernameInvalid));
        assert_eq!(Username::parse("a b c"), Err(ErrorCode::UsernameInvalid));
        assert_eq!(Username::parse("<script>"), Err(ErrorCode::UsernameInvalid));
        assert_eq!(
            Username::parse(&"x".repeat(USERNAME_MAX + 1)),
            Err(ErrorCode::UsernameInvalid)
        );
    }

    #[test]
    fn passwords_need_a_length_not_a_recipe() {
        assert_eq!(check_password("kurz"), Err(ErrorCode::PasswordTooShort));
        assert_eq!(check_password("lang genug, ganz ohne Ziffern"), Ok(()));
        assert_eq!(
            check_password(&"ü".repeat(PASSWORD_MAX + 1)),
            Err(ErrorCode::PasswordTooLong)
        );
    }

    #[test]
    fn roles_are_ordered_and_round_trip() {
        assert!(Role::Admin > Role::Moderator && Role::Moderator > Role::VerifiedParticipant);
        assert!(Role::Moderator.is_staff() && !Role::VerifiedParticipant.is_staff());
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }

    /// A DigitalSupporter is staff (signs in) but neither moderates nor administers.
    #[test]
    fn experts_are_staff_who_do_not_moderate() {
        assert!(Role::Expert.is_staff());
        assert!(!Role::Expert.can_moderate() && !Role::Expert.is_admin());
        assert!(
            Role::Expert < Role::Moderator,
            "every `>= Moderator` check refuses experts"
        );
        assert!(Role::Moderator.can_moderate() && Role::Admin.can_moderate());
        assert_eq!(Role::parse("expert"), Some(Role::Expert));
    }
}
