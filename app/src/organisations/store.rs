//! SQL for organisations, memberships and member invitations.
use super::model::{Member, Membership, OrgKind, PendingInvite, Role};
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

/// Inserts an organisation, approved (the demo's, the tests'); sign-up then
/// marks a new organiser organisation as awaiting approval.
pub async fn insert_organisation(
    tx: &mut Tx,
    kind: OrgKind,
    name: &str,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO organisations (kind, name, created_at, approved_at) VALUES ($1, $2, $3, $3) \
         RETURNING id",
    )
    .bind(kind.as_str())
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Adds a member; `false` when the person is a member already.
pub async fn insert_membership(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    role: Role,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organisation_id, user_id) DO NOTHING",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(FromRow)]
struct MembershipRow {
    organisation_id: i64,
    name: String,
    kind: String,
    role: String,
}

impl MembershipRow {
    fn into_membership(self) -> Option<Membership> {
        Some(Membership {
            organisation_id: self.organisation_id,
            organisation_name: self.name,
            kind: OrgKind::parse(&self.kind)?,
            role: Role::parse(&self.role)?,
        })
    }
}

pub async fn memberships_of(pool: &AnyPool, user_id: i64) -> sqlx::Result<Vec<Membership>> {
    let rows: Vec<MembershipRow> = sqlx::query_as(
        "SELECT m.organisation_id, o.name, o.kind, m.role FROM memberships m \
         JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(MembershipRow::into_membership)
        .collect())
}

pub async fn membership(
    pool: &AnyPool,
    org_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<Membership>> {
    let row: Option<MembershipRow> = sqlx::query_as(
        "SELECT m.organisation_id, o.name, o.kind, m.role FROM memberships m \
         JOIN organisations o ON o.id = m.organisation_id WHERE m.organisation_id = $1 AND m.user_id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(MembershipRow::into_membership))
}

pub async fn members(pool: &AnyPool, org_id: i64) -> sqlx::Result<Vec<Member>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organisation_id = $1 ORDER BY u.display_name",
    )
    .bind(org_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, display_name, email, role)| {
            Some(Member {
                user_id,
                display_name,
                email,
                role: Role::parse(&role)?,
                you: false,
            })
        })
        .collect())
}

pub async fn is_member_by_email(pool: &AnyPool, org_id: i64, email: &str) -> sqlx::Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organisation_id = $1 AND u.email = $2",
    )
    .bind(org_id)
    .bind(email)
    .fetch_one(pool)
    .await?;
    Ok(count > 0)
}

pub struct NewInvite<'a> {
    pub token_hash: &'a str,
    pub org_id: i64,
    pub email: &'a str,
    pub role: Role,
    pub invited_by: i64,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert_invite(tx: &mut Tx, invite: NewInvite<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO member_invites (token_hash, organisation_id, email, role, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(invite.token_hash)
    .bind(invite.org_id)
    .bind(invite.email)
    .bind(invite.role.as_str())
    .bind(invite.invited_by)
    .bind(invite.now)
    .bind(invite.expires_at)
    .fetch_one(&mut **tx)
    .await
}

pub async fn pending_invites(
    pool: &AnyPool,
    org_id: i64,
    now: i64,
) -> sqlx::Result<Vec<PendingInvite>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, role FROM member_invites \
         WHERE organisation_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(org_id)
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(email, role)| {
            Some(PendingInvite {
                email,
                role: Role::parse(&role)?,
            })
        })
        .collect())
}

#[derive(Debug, FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub email: String,
    pub role: String,
}

pub async fn open_invite(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<InviteRow>> {
    sqlx::query_as(
        "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.email, i.role \
         FROM member_invites i JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// Marks an open invitation accepted; `false` if it was used meanwhile.
pub async fn mark_invite_accepted(tx: &mut Tx, invite_id: i64, now: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE member_invites SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL",
    )
    .bind(invite_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn user_exists(pool: &AnyPool, email: &str) -> sqlx::Result<bool> {
    // Only a proven account can sign in to accept; an unproven one is taken
    // over by accepting with a new password (the link proves the address).
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email = $1 AND email_verified_at IS NOT NULL",
    )
    .bind(email)
    .fetch_one(pool)
    .await?;
    Ok(count > 0)
}

/// Locks the organisation for the rest of the transaction (a no-op update:
/// a row lock on PostgreSQL; SQLite's `BEGIN IMMEDIATE` serialises writers),
/// so two owners changing members at once cannot both remove the last owner.
pub async fn lock_organisation(tx: &mut Tx, org_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query("UPDATE organisations SET name = name WHERE id = $1")
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Changes a member's role; `false` when the person is no member.
pub async fn set_role(tx: &mut Tx, org_id: i64, user_id: i64, role: Role) -> sqlx::Result<bool> {
    let result =
        sqlx::query("UPDATE memberships SET role = $3 WHERE organisation_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .bind(role.as_str())
            .execute(&mut **tx)
            .await?;
    Ok(result.rows_affected() == 1)
}

/// Ends a membership; `false` when there was none.
pub async fn delete_membership(tx: &mut Tx, org_id: i64, user_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query("DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn count_owners(tx: &mut Tx, org_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND role = 'owner'",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await
}
