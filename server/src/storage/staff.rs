//! Staff accounts, sessions and the audit log. Passwords arrive here already hashed; session
//! tokens only as their SHA-256.

use super::rows::now_ms;
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::staff::{AuditEntry, Role, StaffMember, Username};

/// A staff member as the sign-in needs them.
#[derive(Clone, Debug)]
pub struct StaffRecord {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub password_hash: String,
}

/// A live session, looked up by its token hash.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub staff_id: String,
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// One line for the audit log; written in the same transaction as the action it records.
#[derive(Clone, Debug)]
pub struct Audit {
    pub actor_id: String,
    pub action: &'static str,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The actor shown for a line without a staff member (a participant deleting their identity).
/// Not a valid user name, so it cannot be confused with one.
pub const ANONYMOUS_ACTOR: &str = "(anonym)";

/// An audit line without an actor: something an anonymous participant did, recorded without
/// saying who (a deletion of their identity).
pub fn append_anonymous_audit(
    tx: &Connection,
    action: &'static str,
    after: Option<String>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, action, target, before, after)
         VALUES (?1, NULL, ?2, '', NULL, ?3)",
    )?
    .execute(params![now_ms(), action, after])?;
    Ok(())
}

fn role_at(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Role> {
    let s: String = r.get(idx)?;
    Role::parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown role {s:?}").into(),
        )
    })
}

/// A value as the JSON of an audit line's before or after.
pub fn audit_json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

/// One audit line for a staff member's change of `target`, with before and after.
pub fn audit_change(
    tx: &Connection,
    staff_id: &str,
    action: &'static str,
    target: impl std::fmt::Display,
    before: Option<String>,
    after: Option<String>,
) -> Result<(), StoreError> {
    append_audit(
        tx,
        &Audit {
            actor_id: staff_id.to_owned(),
            action,
            target: target.to_string(),
            before,
            after,
        },
    )
}

pub fn append_audit(tx: &Connection, a: &Audit) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, action, target, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        now_ms(),
        a.actor_id,
        a.action,
        a.target,
        a.before,
        a.after
    ])?;
    Ok(())
}

fn insert_staff(
    tx: &Connection,
    username: &Username,
    password_hash: &str,
    role: Role,
) -> Result<String, StoreError> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)",
        [username.as_str()],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::UsernameTaken);
    }
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO staff (id, username, password_hash, role, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id,
            username.as_str(),
            password_hash,
            role.as_str(),
            now_ms()
        ],
    )?;
    Ok(id)
}

impl Store {
    /// Creates a staff account. `by` is the admin doing it (`None`: the command line).
    pub async fn create_staff(
        &self,
        username: Username,
        password_hash: String,
        role: Role,
        by: Option<String>,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let id = insert_staff(tx, &username, &password_hash, role)?;
            append_audit(
                tx,
                &Audit {
                    actor_id: by.unwrap_or_else(|| id.clone()),
                    action: "staff.create",
                    target: username.as_str().to_owned(),
                    before: None,
                    after: Some(
                        serde_json::json!({"username": username.as_str(), "role": role})
                            .to_string(),
                    ),
                },
            )
        })
        .await
    }

    /// An active account by its user name (a deactivated one is not found: it cannot sign in).
    pub async fn staff_by_name(&self, username: String) -> Result<Option<StaffRecord>, StoreError> {
        self.read(move |tx| {
            Ok(tx
                .query_row(
                    "SELECT id, username, role, password_hash FROM staff
                     WHERE username = ?1 AND deactivated_at IS NULL",
                    [username],
                    |r| {
                        Ok(StaffRecord {
                            id: r.get(0)?,
                            username: r.get(1)?,
                            role: role_at(r, 2)?,
                            password_hash: r.get(3)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }

    pub async fn list_staff(&self) -> Result<Vec<StaffMember>, StoreError> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT username, role, created_at, deactivated_at IS NULL FROM staff
                 ORDER BY username",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(StaffMember {
                    username: r.get(0)?,
                    role: role_at(r, 1)?,
                    created_at: r.get(2)?,
                    active: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Starts a session (and drops expired ones); recorded in the audit log.
    pub async fn start_session(
        &self,
        staff_id: String,
        token_hash: String,
        csrf_token: String,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let now = now_ms();
            tx.execute("DELETE FROM staff_session WHERE expires_at <= ?1", [now])?;
            tx.execute(
                "INSERT INTO staff_session (token_hash, staff_id, csrf_token, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, staff_id, csrf_token, now, expires_at],
            )?;
            append_audit(
                tx,
                &Audit {
                    actor_id: staff_id.clone(),
                    action: "staff.login",
                    target: staff_id,
                    before: None,
                    after: None,
                },
            )
        })
        .await
    }

    /// The live (unexpired) session with this token hash.
    pub async fn session(&self, token_hash: String) -> Result<Option<SessionRecord>, StoreError> {
        self.read(move |tx| {
            Ok(tx
                .query_row(
                    "SELECT s.staff_id, st.username, st.role, s.csrf_token, s.expires_at
                     FROM staff_session s JOIN staff st ON st.id = s.staff_id
                     WHERE s.token_hash = ?1 AND s.expires_at > ?2
                       AND st.deactivated_at IS NULL",
                    params![token_hash, now_ms()],
                    |r| {
                        Ok(SessionRecord {
                            staff_id: r.get(0)?,
                            username: r.get(1)?,
                            role: role_at(r, 2)?,
                            csrf_token: r.get(3)?,
                            expires_at: r.get(4)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }

    pub async fn end_session(
        &self,
        token_hash: String,
        staff_id: String,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            tx.execute(
                "DELETE FROM staff_session WHERE token_hash = ?1",
                [&token_hash],
            )?;
            append_audit(
                tx,
                &Audit {
                    actor_id: staff_id.clone(),
                    action: "staff.logout",
                    target: staff_id,
                    before: None,
                    after: None,
                },
            )
        })
        .await
    }

    /// The whole audit log, oldest first.
    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT a.seq, a.at, COALESCE(s.username, ?1), a.action, a.target, a.before,
                        a.after
                 FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id ORDER BY a.seq",
            )?;
            let rows = stmt.query_map([ANONYMOUS_ACTOR], |r| {
                Ok(AuditEntry {
                    seq: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    target: r.get(4)?,
                    before: r.get(5)?,
                    after: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }
}
