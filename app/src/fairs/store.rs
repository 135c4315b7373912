//! SQL for fairs, their organisers and time slots (their texts per
//! language: [`super::texts`]).
use super::texts::{self, FairTexts, TextValues};
use crate::{db::Tx, i18n::Locale};
use leptos_i18n::Locale as _;
use sqlx::{AnyPool, FromRow};

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

#[derive(Debug, Clone, FromRow)]
pub struct SlotRow {
    pub id: i64,
    pub fair_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub taken: i64,
    pub entry_mode: String,
}

pub async fn slots(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<SlotRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, starts_at, ends_at, capacity, taken, entry_mode FROM time_slots \
         WHERE fair_id = $1 ORDER BY starts_at, id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn slot_fair(pool: &AnyPool, slot_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT fair_id FROM time_slots WHERE id = $1")
        .bind(slot_id)
        .fetch_optional(pool)
        .await
}

pub async fn count_slots(tx: &mut Tx, fair_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM time_slots WHERE fair_id = $1")
        .bind(fair_id)
        .fetch_one(&mut **tx)
        .await
}

/// Slots that would lie outside the fair's new opening hours.
pub async fn count_slots_outside(
    tx: &mut Tx,
    fair_id: i64,
    starts_at: i64,
    ends_at: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM time_slots WHERE fair_id = $1 AND (starts_at < $2 OR ends_at > $3)",
    )
    .bind(fair_id)
    .bind(starts_at)
    .bind(ends_at)
    .fetch_one(&mut **tx)
    .await
}

pub struct SlotValues {
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub entry_mode: &'static str,
}

pub async fn insert_slot(tx: &mut Tx, fair_id: i64, v: &SlotValues) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO time_slots (fair_id, starts_at, ends_at, capacity, entry_mode) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(fair_id)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.capacity)
    .bind(v.entry_mode)
    .fetch_one(&mut **tx)
    .await
}

/// Updates a slot's times and entry mode (its capacity is changed through
/// [`crate::places`], which keeps it at or above the places taken).
pub async fn update_slot_times(tx: &mut Tx, slot_id: i64, v: &SlotValues) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE time_slots SET starts_at = $1, ends_at = $2, entry_mode = $3 WHERE id = $4",
    )
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.entry_mode)
    .bind(slot_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes a slot nobody has registered for (cancelled registrations too
/// keep it: they point at it).
pub async fn delete_unused_slot(tx: &mut Tx, slot_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM time_slots WHERE id = $1 AND taken = 0 \
         AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.slot_id = $1)",
    )
    .bind(slot_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(Debug, FromRow)]
pub struct RegistrationTime {
    pub slot_id: i64,
    pub created_at: i64,
}

/// When each active registration came in, oldest first.
pub async fn registration_times(
    pool: &AnyPool,
    fair_id: i64,
) -> sqlx::Result<Vec<RegistrationTime>> {
    sqlx::query_as(
        "SELECT slot_id, created_at FROM registrations WHERE fair_id = $1 AND status = 'active' \
         ORDER BY created_at",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct RegistrationExportRow {
    pub name: String,
    pub email: String,
    pub locale: String,
    pub status: String,
    pub created_at: i64,
    pub slot_starts_at: i64,
    pub slot_ends_at: i64,
}

pub async fn registrations_for_export(
    pool: &AnyPool,
    fair_id: i64,
) -> sqlx::Result<Vec<RegistrationExportRow>> {
    sqlx::query_as(
        "SELECT r.name, r.email, r.locale, r.status, r.created_at, \
                s.starts_at AS slot_starts_at, s.ends_at AS slot_ends_at \
         FROM registrations r JOIN time_slots s ON s.id = r.slot_id \
         WHERE r.fair_id = $1 ORDER BY s.starts_at, r.name, r.id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct ExhibitorRow {
    pub organisation_id: i64,
    pub name: String,
    pub booth_id: i64,
    pub booth_label: String,
    pub hall_name: String,
    pub status: String,
    pub job_count: i64,
}

/// Employers with an active booking (held or confirmed), one row per booth.
pub async fn exhibitors(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<ExhibitorRow>> {
    sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name, bo.id AS booth_id, bo.label AS booth_label, h.name AS hall_name, b.status, \
                (SELECT COUNT(*) FROM jobs j WHERE j.fair_id = h.fair_id AND j.organisation_id = o.id) AS job_count \
         FROM booth_bookings b JOIN booths bo ON bo.id = b.booth_id JOIN halls h ON h.id = bo.hall_id \
         JOIN organisations o ON o.id = b.organisation_id \
         WHERE h.fair_id = $1 AND b.status IN ('held', 'confirmed') ORDER BY o.name, bo.label",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}
