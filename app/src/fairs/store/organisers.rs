//! SQL of a fair's organisers (the lead organisation and co-organisers).
use super::*;

#[derive(Debug, FromRow)]
pub struct OrganiserRow {
    pub organisation_id: i64,
    pub name: String,
    pub is_lead: i64,
}

pub async fn organisers(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<OrganiserRow>> {
    sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name, \
                CAST(CASE WHEN o.id = f.organisation_id THEN 1 ELSE 0 END AS BIGINT) AS is_lead \
         FROM fair_organisers fo JOIN organisations o ON o.id = fo.organisation_id \
         JOIN fairs f ON f.id = fo.fair_id WHERE fo.fair_id = $1 ORDER BY is_lead DESC, o.name",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// Organiser organisations not yet running the fair.
pub async fn organiser_candidates(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<OrganiserRow>> {
    sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name, CAST(0 AS BIGINT) AS is_lead FROM organisations o \
         WHERE o.kind = 'organiser' AND o.id NOT IN \
           (SELECT organisation_id FROM fair_organisers WHERE fair_id = $1) ORDER BY o.name",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn organisation_kind(tx: &mut Tx, org_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(&mut **tx)
        .await
}

pub async fn insert_organiser(tx: &mut Tx, fair_id: i64, org_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO fair_organisers (fair_id, organisation_id) VALUES ($1, $2) \
         ON CONFLICT (fair_id, organisation_id) DO NOTHING",
    )
    .bind(fair_id)
    .bind(org_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Removes a co-organiser; never the lead organisation.
pub async fn delete_organiser(tx: &mut Tx, fair_id: i64, org_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM fair_organisers WHERE fair_id = $1 AND organisation_id = $2 \
         AND organisation_id <> (SELECT organisation_id FROM fairs WHERE id = $1)",
    )
    .bind(fair_id)
    .bind(org_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}
