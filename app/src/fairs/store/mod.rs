//! SQL for fairs, their organisers and time slots (their texts per
//! language: [`super::texts`]).
use super::texts::{self, FairTexts, TextValues};
use crate::{db::Tx, i18n::Locale};
use leptos_i18n::Locale as _;
use sqlx::{AnyPool, FromRow};

mod lists;
mod organisers;
mod slots;

pub use lists::*;
pub use organisers::*;
pub use slots::*;

#[derive(Debug, FromRow)]
pub struct PublishedFairRow {
    pub slug: String,
    /// In the language asked for, or the fair's default language.
    pub title: String,
    pub venue_name: String,
    pub venue_address: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub exhibitor_count: i64,
}

/// Published fairs that have not ended, soonest first, titled in `locale`,
/// with the number of confirmed exhibitors (one query, no per-fair lookups).
pub async fn upcoming_published(
    pool: &AnyPool,
    now: i64,
    locale: Locale,
) -> sqlx::Result<Vec<PublishedFairRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT f.slug, {} AS title, f.venue_name, f.venue_address, f.time_zone, \
                f.starts_at, f.ends_at, \
                (SELECT COUNT(DISTINCT b.organisation_id) FROM booth_bookings b \
                   JOIN booths bo ON bo.id = b.booth_id JOIN halls h ON h.id = bo.hall_id \
                  WHERE h.fair_id = f.id AND b.status = 'confirmed') AS exhibitor_count \
         FROM fairs f WHERE f.status IN ('published', 'closed') AND f.ends_at > $1 ORDER BY f.starts_at",
        texts::title_sql("f", "$2")
    )))
    .bind(now)
    .bind(locale.as_str())
    .fetch_all(pool)
    .await
}

const FAIR_COLUMNS: &str = "id, slug, organisation_id, default_locale, venue_name, venue_address, time_zone, starts_at, ends_at, registration_opens_at, \
     registration_closes_at, status, invites_forwardable";

#[derive(Debug, Clone, FromRow)]
pub struct FairRow {
    pub id: i64,
    pub slug: String,
    pub organisation_id: i64,
    /// The language the fair reads in where a translation is missing.
    pub default_locale: String,
    pub venue_name: String,
    pub venue_address: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub registration_opens_at: Option<i64>,
    pub registration_closes_at: Option<i64>,
    pub status: String,
    /// 1 when invitation codes may be used by others than the invited.
    pub invites_forwardable: i64,
    /// Title and description per language (a second query).
    #[sqlx(skip)]
    pub texts: FairTexts,
}

/// The row with its texts, when there is one.
async fn with_texts(pool: &AnyPool, row: Option<FairRow>) -> sqlx::Result<Option<FairRow>> {
    let Some(mut row) = row else {
        return Ok(None);
    };
    row.texts = texts::texts_of(pool, row.id, &row.default_locale).await?;
    Ok(Some(row))
}

pub async fn fair_by_id(pool: &AnyPool, id: i64) -> sqlx::Result<Option<FairRow>> {
    let row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FAIR_COLUMNS} FROM fairs WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    with_texts(pool, row).await
}

pub async fn fair_by_slug(pool: &AnyPool, slug: &str) -> sqlx::Result<Option<FairRow>> {
    let row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FAIR_COLUMNS} FROM fairs WHERE slug = $1"
    )))
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    with_texts(pool, row).await
}

/// The checked values of a fair, as stored.
pub struct FairValues<'a> {
    /// Title and description per language; the first is the default.
    pub texts: Vec<TextValues<'a>>,
    pub venue_name: &'a str,
    pub venue_address: &'a str,
    pub time_zone: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    pub invites_forwardable: i64,
}

pub async fn slug_taken(tx: &mut Tx, slug: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM fairs WHERE slug = $1")
        .bind(slug)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

pub async fn insert_fair(
    tx: &mut Tx,
    slug: &str,
    organisation_id: i64,
    v: &FairValues<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO fairs (slug, organisation_id, default_locale, \
         venue_name, venue_address, time_zone, starts_at, ends_at, registration_opens_at, \
         registration_closes_at, status, created_at, updated_at, invites_forwardable) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $11, $12) RETURNING id",
    )
    .bind(slug)
    .bind(organisation_id)
    .bind(
        v.texts
            .first()
            .map(|t| t.locale)
            .unwrap_or_default()
            .as_str(),
    )
    .bind(v.venue_name)
    .bind(v.venue_address)
    .bind(v.time_zone)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.registration_opens_at)
    .bind(v.registration_closes_at)
    .bind(now)
    .bind(v.invites_forwardable)
    .fetch_one(&mut **tx)
    .await?;
    texts::save_texts(tx, id, &v.texts).await?;
    insert_organiser(tx, id, organisation_id).await?;
    Ok(id)
}

pub async fn update_fair(tx: &mut Tx, id: i64, v: &FairValues<'_>, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE fairs SET venue_name = $1, venue_address = $2, time_zone = $3, starts_at = $4, \
         ends_at = $5, registration_opens_at = $6, registration_closes_at = $7, updated_at = $8, \
         invites_forwardable = $10 WHERE id = $9",
    )
    .bind(v.venue_name)
    .bind(v.venue_address)
    .bind(v.time_zone)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.registration_opens_at)
    .bind(v.registration_closes_at)
    .bind(now)
    .bind(id)
    .bind(v.invites_forwardable)
    .execute(&mut **tx)
    .await?;
    texts::save_texts(tx, id, &v.texts).await
}

/// Changes the status only if it is still `from`; `false` if someone else
/// changed it meanwhile.
pub async fn change_status(
    tx: &mut Tx,
    id: i64,
    from: &str,
    to: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let result =
        sqlx::query("UPDATE fairs SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(to)
            .bind(now)
            .bind(id)
            .bind(from)
            .execute(&mut **tx)
            .await?;
    Ok(result.rows_affected() == 1)
}

/// The roles the person has in the organisations that run the fair.
pub async fn roles_for_fair(
    pool: &AnyPool,
    fair_id: i64,
    user_id: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT m.role FROM fair_organisers fo \
         JOIN memberships m ON m.organisation_id = fo.organisation_id \
         WHERE fo.fair_id = $1 AND m.user_id = $2",
    )
    .bind(fair_id)
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Fairs run by any organisation the person plans for, newest first, with
/// their texts (two queries).
pub async fn fairs_planned_by(pool: &AnyPool, user_id: i64) -> sqlx::Result<Vec<FairRow>> {
    let mut rows: Vec<FairRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FAIR_COLUMNS} FROM fairs WHERE id IN ( \
           SELECT fo.fair_id FROM fair_organisers fo \
           JOIN memberships m ON m.organisation_id = fo.organisation_id \
           WHERE m.user_id = $1 AND m.role IN ('owner', 'organiser')) \
         ORDER BY starts_at DESC"
    )))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let ids: Vec<(i64, &str)> = rows
        .iter()
        .map(|r| (r.id, r.default_locale.as_str()))
        .collect();
    let mut texts = texts::texts_of_fairs(pool, &ids).await?;
    for row in &mut rows {
        row.texts = texts.remove(&row.id).unwrap_or_default();
    }
    Ok(rows)
}
