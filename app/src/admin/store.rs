//! Approval state of organisations.
use crate::db::Tx;
use sqlx::AnyPool;

/// Kind, approval and decline times of an organisation; `None` if there is none.
pub async fn approval_of(
    pool: &AnyPool,
    org_id: i64,
) -> sqlx::Result<Option<(String, Option<i64>, Option<i64>)>> {
    sqlx::query_as("SELECT kind, approved_at, declined_at FROM organisations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(pool)
        .await
}

/// Organiser organisations without a decision whose owner proved their
/// address, oldest first.
pub async fn pending(pool: &AnyPool, limit: i64) -> sqlx::Result<Vec<(i64, String, i64)>> {
    sqlx::query_as(
        "SELECT o.id, o.name, o.created_at FROM organisations o \
         WHERE o.kind = 'organiser' AND o.approved_at IS NULL AND o.declined_at IS NULL \
         AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id \
           WHERE m.organisation_id = o.id AND m.role = 'owner' AND u.email_verified_at IS NOT NULL) \
         ORDER BY o.created_at, o.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Owners (name, address, language) of an organisation, as they are in `tx`.
pub async fn owners_in(tx: &mut Tx, org_id: i64) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "SELECT u.display_name, u.email, u.locale FROM memberships m \
         JOIN users u ON u.id = m.user_id \
         WHERE m.organisation_id = $1 AND m.role = 'owner' ORDER BY u.id",
    )
    .bind(org_id)
    .fetch_all(&mut **tx)
    .await
}

/// Undecided organiser organisations `user_id` owns: id and name.
pub async fn pending_owned_by(tx: &mut Tx, user_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT o.id, o.name FROM organisations o JOIN memberships m ON m.organisation_id = o.id \
         WHERE m.user_id = $1 AND m.role = 'owner' AND o.kind = 'organiser' \
         AND o.approved_at IS NULL AND o.declined_at IS NULL ORDER BY o.id",
    )
    .bind(user_id)
    .fetch_all(&mut **tx)
    .await
}

/// Records the decision on an undecided organiser organisation; its name,
/// or `None` when there was nothing to decide (another administrator was
/// first, or it is no such organisation).
pub async fn decide(
    tx: &mut Tx,
    org_id: i64,
    approve: bool,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let column = if approve {
        "approved_at"
    } else {
        "declined_at"
    };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "UPDATE organisations SET {column} = $2 \
         WHERE id = $1 AND kind = 'organiser' AND approved_at IS NULL AND declined_at IS NULL \
         RETURNING name"
    )))
    .bind(org_id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Marks a new organisation as waiting for approval (it was inserted
/// approved, as the demo's and the tests' are).
pub async fn mark_awaiting(tx: &mut Tx, org_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE organisations SET approved_at = NULL WHERE id = $1")
        .bind(org_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}
