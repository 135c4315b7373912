//! Check-in queries. The log is append-only: rows are inserted, never
//! changed; a nonce is recorded once per fair, and a ticket admitted once
//! per check-in list (both by unique indexes, so racing devices cannot
//! both win).
use crate::{
    db::Tx,
    fairs::texts::{self, FairTexts},
    scanner::lookup::ListedTicket,
};
use sqlx::{AnyPool, FromRow};

/// What the door needs of a fair.
#[derive(Debug, Clone, FromRow)]
pub struct DoorFairRow {
    pub id: i64,
    pub slug: String,
    pub organisation_id: i64,
    pub default_locale: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub checkin_tolerance_minutes: i64,
    /// Title per language (a second query).
    #[sqlx(skip)]
    pub texts: FairTexts,
}

const DOOR_FAIR: &str = "SELECT id, slug, organisation_id, default_locale, time_zone, starts_at, ends_at, \
     status, checkin_tolerance_minutes FROM fairs";

async fn with_texts(pool: &AnyPool, row: Option<DoorFairRow>) -> sqlx::Result<Option<DoorFairRow>> {
    let Some(mut row) = row else {
        return Ok(None);
    };
    row.texts = texts::texts_of(pool, row.id, &row.default_locale).await?;
    Ok(Some(row))
}

pub async fn door_fair_by_slug(pool: &AnyPool, slug: &str) -> sqlx::Result<Option<DoorFairRow>> {
    let row = sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOOR_FAIR} WHERE slug = $1")))
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    with_texts(pool, row).await
}

pub async fn door_fair_by_id(pool: &AnyPool, id: i64) -> sqlx::Result<Option<DoorFairRow>> {
    let row = sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOOR_FAIR} WHERE id = $1")))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    with_texts(pool, row).await
}

/// Published fairs, not long over, that the person runs the door of (any
/// role of an organising organisation that may check in).
pub async fn door_fairs_of(
    pool: &AnyPool,
    user_id: i64,
    ended_after: i64,
) -> sqlx::Result<Vec<DoorFairRow>> {
    let mut rows: Vec<DoorFairRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DOOR_FAIR} WHERE status = 'published' AND ends_at > $1 AND id IN ( \
           SELECT fo.fair_id FROM fair_organisers fo \
           JOIN memberships m ON m.organisation_id = fo.organisation_id \
           WHERE m.user_id = $2 AND m.role IN ('owner', 'organiser', 'door_staff')) \
         ORDER BY starts_at"
    )))
    .bind(ended_after)
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

#[derive(Debug, Clone, FromRow)]
pub struct DoorTicketRow {
    pub id: i64,
    pub short_code: String,
    pub name: String,
    pub slot_id: i64,
    pub revoked: i64,
}

impl ListedTicket for DoorTicketRow {
    fn ticket_id(&self) -> u32 {
        u32::try_from(self.id).unwrap_or(u32::MAX)
    }
    fn short_code(&self) -> &str {
        &self.short_code
    }
}

/// A ticket with its holder's name; revoked when cancelled or replaced.
const DOOR_TICKET: &str = "SELECT t.id, t.short_code, r.name, t.slot_id, \
     CASE WHEN t.revoked_at IS NULL AND r.status = 'active' THEN 0 ELSE 1 END AS revoked \
     FROM tickets t JOIN registrations r ON r.id = t.registration_id WHERE t.fair_id = $1";

/// Every ticket of the fair with its holder's name; revoked ones too (the
/// revocation list).
pub async fn door_tickets(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<DoorTicketRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DOOR_TICKET} ORDER BY r.name, t.id"
    )))
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// One ticket of the fair, by number.
pub async fn ticket_by_id(
    pool: &AnyPool,
    fair_id: i64,
    ticket_id: i64,
) -> sqlx::Result<Option<DoorTicketRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOOR_TICKET} AND t.id = $2")))
        .bind(fair_id)
        .bind(ticket_id)
        .fetch_optional(pool)
        .await
}

/// One ticket of the fair, by short code (a valid one before revoked ones).
pub async fn ticket_by_short_code(
    pool: &AnyPool,
    fair_id: i64,
    short_code: &str,
) -> sqlx::Result<Option<DoorTicketRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DOOR_TICKET} AND t.short_code = $2"
    )))
    .bind(fair_id)
    .bind(short_code)
    .fetch_optional(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct AdmissionRow {
    pub ticket_id: i64,
    pub scanned_at: i64,
    pub gate: String,
}

/// The admissions on one check-in list of the fair.
pub async fn admissions(
    pool: &AnyPool,
    fair_id: i64,
    list: &str,
) -> sqlx::Result<Vec<AdmissionRow>> {
    sqlx::query_as(
        "SELECT ticket_id, scanned_at, gate FROM checkins \
         WHERE fair_id = $1 AND list_key = $2 AND result = 'admitted' ORDER BY scanned_at",
    )
    .bind(fair_id)
    .bind(list)
    .fetch_all(pool)
    .await
}

/// The admission of a ticket on a check-in list, if it was let in.
pub async fn admission(
    tx: &mut Tx,
    ticket_id: i64,
    list: &str,
) -> sqlx::Result<Option<AdmissionRow>> {
    sqlx::query_as(
        "SELECT ticket_id, scanned_at, gate FROM checkins \
         WHERE ticket_id = $1 AND list_key = $2 AND result = 'admitted'",
    )
    .bind(ticket_id)
    .bind(list)
    .fetch_optional(&mut **tx)
    .await
}

/// A scan recorded before under the same nonce.
#[derive(Debug, Clone, FromRow)]
pub struct RecordedScan {
    pub ticket_id: i64,
    pub result: String,
    /// The refusal as JSON (empty when admitted).
    pub reason: String,
}

pub async fn scan_by_nonce(
    tx: &mut Tx,
    fair_id: i64,
    nonce: &str,
) -> sqlx::Result<Option<RecordedScan>> {
    sqlx::query_as(
        "SELECT ticket_id, result, reason FROM checkins WHERE fair_id = $1 AND nonce = $2",
    )
    .bind(fair_id)
    .bind(nonce)
    .fetch_optional(&mut **tx)
    .await
}

pub struct NewScan<'a> {
    pub fair_id: i64,
    /// The check-in list (`entrance` for the fair's door).
    pub list: &'a str,
    pub ticket_id: i64,
    pub slot_id: Option<i64>,
    /// `admitted`, `duplicate` or `refused`.
    pub result: &'a str,
    pub reason: &'a str,
    pub gate: &'a str,
    pub device: &'a str,
    pub staff_user_id: Option<i64>,
    pub door_token_id: Option<i64>,
    pub nonce: &'a str,
    pub scanned_at: i64,
    pub recorded_at: i64,
    pub offline: bool,
}

/// Appends a scan; false when its nonce was recorded already or, for an
/// admission, the ticket was admitted on the list already (a racing
/// device won).
pub async fn insert_scan(tx: &mut Tx, scan: &NewScan<'_>) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO checkins (fair_id, ticket_id, slot_id, result, reason, gate, device, staff_user_id, \
         door_token_id, nonce, scanned_at, recorded_at, offline, list_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING",
    )
    .bind(scan.fair_id)
    .bind(scan.ticket_id)
    .bind(scan.slot_id)
    .bind(scan.result)
    .bind(scan.reason)
    .bind(scan.gate)
    .bind(scan.device)
    .bind(scan.staff_user_id)
    .bind(scan.door_token_id)
    .bind(scan.nonce)
    .bind(scan.scanned_at)
    .bind(scan.recorded_at)
    .bind(i64::from(scan.offline))
    .bind(scan.list)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct SlotCountRow {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub taken: i64,
    pub checked_in: i64,
}

/// Each slot with its places taken and its admissions on a check-in list.
pub async fn slot_counts(
    pool: &AnyPool,
    fair_id: i64,
    list: &str,
) -> sqlx::Result<Vec<SlotCountRow>> {
    sqlx::query_as(
        "SELECT s.id, s.starts_at, s.ends_at, s.capacity, s.taken, \
         (SELECT COUNT(*) FROM checkins c \
          WHERE c.slot_id = s.id AND c.list_key = $2 AND c.result = 'admitted') AS checked_in \
         FROM time_slots s WHERE s.fair_id = $1 ORDER BY s.starts_at, s.id",
    )
    .bind(fair_id)
    .bind(list)
    .fetch_all(pool)
    .await
}

/// Admissions on a check-in list per quarter hour: (start of the quarter,
/// count).
pub async fn quarter_counts(
    pool: &AnyPool,
    fair_id: i64,
    list: &str,
) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT (scanned_at / 900) * 900 AS quarter, COUNT(*) FROM checkins \
         WHERE fair_id = $1 AND list_key = $2 AND result = 'admitted' \
         GROUP BY (scanned_at / 900) * 900 ORDER BY quarter",
    )
    .bind(fair_id)
    .bind(list)
    .fetch_all(pool)
    .await
}

pub async fn set_tolerance(tx: &mut Tx, fair_id: i64, minutes: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE fairs SET checkin_tolerance_minutes = $1 WHERE id = $2")
        .bind(minutes)
        .bind(fair_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct DoorTokenRow {
    pub id: i64,
    pub fair_id: i64,
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

pub async fn insert_token(
    tx: &mut Tx,
    fair_id: i64,
    label: &str,
    token_hash: &str,
    created_by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO door_tokens (fair_id, label, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(fair_id)
    .bind(label)
    .bind(token_hash)
    .bind(created_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn tokens_of_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<DoorTokenRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, label, created_at, revoked_at FROM door_tokens WHERE fair_id = $1 ORDER BY id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// A token that was not revoked.
pub async fn live_token(pool: &AnyPool, token_hash: &str) -> sqlx::Result<Option<DoorTokenRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, label, created_at, revoked_at FROM door_tokens \
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
}

pub async fn revoke_token(tx: &mut Tx, fair_id: i64, id: i64, now: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE door_tokens SET revoked_at = $1 WHERE id = $2 AND fair_id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(fair_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A walk-in's registration: a name only (admitted at once, a walk-in
/// needs no ticket mail nor personal link).
pub async fn insert_walk_in(
    tx: &mut Tx,
    fair_id: i64,
    slot_id: i64,
    name: &str,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO registrations (fair_id, slot_id, name, email, locale, status, walk_in, \
         created_at, updated_at) VALUES ($1, $2, $3, '', 'de', 'active', 1, $4, $4) RETURNING id",
    )
    .bind(fair_id)
    .bind(slot_id)
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}
