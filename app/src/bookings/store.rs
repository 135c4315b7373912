//! SQL of booth bookings. The booth is taken by one insert that the unique
//! index `booth_bookings_active` (one held or confirmed booking per booth)
//! lets through once; everyone else's insert does nothing.
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

/// A booth with what a booking needs to know of it and its fair.
#[derive(Debug, Clone, FromRow)]
pub struct BookableBooth {
    pub booth_id: i64,
    pub label: String,
    pub hall_name: String,
    pub price_cents: i64,
    pub extras: String,
    pub fair_id: i64,
    pub fair_organisation_id: i64,
    pub fair_status: String,
    pub fair_starts_at: i64,
    pub hold_hours: i64,
    pub auto_confirm: i64,
    pub cancel_days: i64,
}

const BOOTH_COLUMNS: &str = "bo.id AS booth_id, bo.label, h.name AS hall_name, bo.price_cents, bo.extras, \
     f.id AS fair_id, f.organisation_id AS fair_organisation_id, f.status AS fair_status, \
     f.starts_at AS fair_starts_at, f.booking_hold_hours AS hold_hours, \
     f.booking_auto_confirm AS auto_confirm, f.booking_cancel_days AS cancel_days";

pub async fn bookable_booth(pool: &AnyPool, booth_id: i64) -> sqlx::Result<Option<BookableBooth>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOTH_COLUMNS} FROM booths bo JOIN halls h ON h.id = bo.hall_id \
         JOIN fairs f ON f.id = h.fair_id WHERE bo.id = $1"
    )))
    .bind(booth_id)
    .fetch_optional(pool)
    .await
}

/// Marks the booth's hold as expired if its time ran out, so the booth can
/// be taken in the same transaction. Returns the expired booking's id.
pub async fn expire_hold_of_booth(
    tx: &mut Tx,
    booth_id: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "UPDATE booth_bookings SET status = 'expired', updated_at = $2 \
         WHERE booth_id = $1 AND status = 'held' AND held_until <= $2 RETURNING id",
    )
    .bind(booth_id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

pub struct NewBooking<'a> {
    pub booth_id: i64,
    pub organisation_id: i64,
    pub status: &'a str,
    pub extras: &'a str,
    pub price_cents: i64,
    pub held_until: Option<i64>,
    pub requested_by: i64,
    pub now: i64,
}

/// Locks the employer for the rest of the transaction (the organisations'
/// row lock) and counts its active (held or confirmed) bookings at the fair,
/// so two requests at once cannot both pass the limit.
pub async fn lock_employer_and_count_booths(
    tx: &mut Tx,
    organisation_id: i64,
    fair_id: i64,
) -> sqlx::Result<i64> {
    crate::organisations::store::lock_organisation(tx, organisation_id).await?;
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM booth_bookings b JOIN booths bo ON bo.id = b.booth_id \
         JOIN halls h ON h.id = bo.hall_id \
         WHERE b.organisation_id = $1 AND h.fair_id = $2 AND b.status IN ('held', 'confirmed')",
    )
    .bind(organisation_id)
    .bind(fair_id)
    .fetch_one(&mut **tx)
    .await
}

/// Takes the booth: the new booking's id, or none when another active
/// booking holds it (decided by the unique index, also under a race).
pub async fn insert_booking(tx: &mut Tx, b: &NewBooking<'_>) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO booth_bookings (booth_id, organisation_id, status, extras, price_cents, held_until, \
         requested_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(b.booth_id)
    .bind(b.organisation_id)
    .bind(b.status)
    .bind(b.extras)
    .bind(b.price_cents)
    .bind(b.held_until)
    .bind(b.requested_by)
    .bind(b.now)
    .fetch_optional(&mut **tx)
    .await
}

/// The next number of the organisation's gap-free sequence. Taken inside the
/// confirming transaction: a rollback gives the number back.
pub async fn next_number(tx: &mut Tx, organisation_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO booking_sequences (organisation_id, last_number) VALUES ($1, 1) \
         ON CONFLICT (organisation_id) DO UPDATE SET last_number = booking_sequences.last_number + 1 \
         RETURNING last_number",
    )
    .bind(organisation_id)
    .fetch_one(&mut **tx)
    .await
}

/// Confirms a booking that is still held (and whose hold has not run
/// out); false when it is not.
pub async fn confirm(
    tx: &mut Tx,
    booking_id: i64,
    number_organisation_id: i64,
    number: i64,
    decided_by: Option<i64>,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE booth_bookings SET status = 'confirmed', number_organisation_id = $2, number = $3, \
         decided_by = $4, updated_at = $5, held_until = NULL \
         WHERE id = $1 AND status = 'held' AND (held_until IS NULL OR held_until > $5)",
    )
    .bind(booking_id)
    .bind(number_organisation_id)
    .bind(number)
    .bind(decided_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Moves a booking from one status to another if it still has it.
pub async fn change_status(
    tx: &mut Tx,
    booking_id: i64,
    from: &str,
    to: &str,
    decided_by: Option<i64>,
    message: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE booth_bookings SET status = $3, decided_by = COALESCE($4, decided_by), \
         message = $5, updated_at = $6 WHERE id = $1 AND status = $2",
    )
    .bind(booking_id)
    .bind(from)
    .bind(to)
    .bind(decided_by)
    .bind(message)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A booking with its booth, fair and employer, as lists and documents
/// show it.
#[derive(Debug, Clone, FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub status: String,
    pub extras: String,
    pub price_cents: i64,
    pub held_until: Option<i64>,
    pub number: Option<i64>,
    pub message: String,
    pub created_at: i64,
    pub organisation_id: i64,
    pub employer: String,
    pub requested_by_email: Option<String>,
    pub requested_by_locale: Option<String>,
    pub fair_organisation_name: String,
    pub booth_id: i64,
    pub booth_label: String,
    pub hall_name: String,
    pub fair_id: i64,
    /// Where the fair's title is missing in a language (titles: `fair_texts`).
    pub fair_default_locale: String,
    pub fair_slug: String,
    pub fair_organisation_id: i64,
    pub fair_starts_at: i64,
    pub time_zone: String,
    pub cancel_days: i64,
    pub category: String,
    pub width_dm: i64,
    pub depth_dm: i64,
    pub venue_name: String,
    pub venue_address: String,
    pub fair_ends_at: i64,
    pub updated_at: i64,
}

const BOOKING_COLUMNS: &str = "b.id, b.status, b.extras, b.price_cents, b.held_until, b.number, b.message, \
     b.created_at, b.organisation_id, o.name AS employer, u.email AS requested_by_email, \
     u.locale AS requested_by_locale, fo.name AS fair_organisation_name, \
     bo.id AS booth_id, bo.label AS booth_label, h.name AS hall_name, f.id AS fair_id, \
     f.default_locale AS fair_default_locale, f.slug AS fair_slug, f.organisation_id AS fair_organisation_id, \
     f.starts_at AS fair_starts_at, f.time_zone, f.booking_cancel_days AS cancel_days, \
     bo.category, bo.width_dm, bo.depth_dm, f.venue_name, f.venue_address, f.ends_at AS fair_ends_at, \
     b.updated_at";

const BOOKING_JOINS: &str = "FROM booth_bookings b JOIN organisations o ON o.id = b.organisation_id \
     LEFT JOIN users u ON u.id = b.requested_by JOIN booths bo ON bo.id = b.booth_id \
     JOIN halls h ON h.id = bo.hall_id JOIN fairs f ON f.id = h.fair_id \
     JOIN organisations fo ON fo.id = f.organisation_id";

pub async fn booking<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    booking_id: i64,
) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE b.id = $1"
    )))
    .bind(booking_id)
    .fetch_optional(executor)
    .await
}

/// The bookings of one employer, newest first.
pub async fn bookings_of_employer(
    pool: &AnyPool,
    organisation_id: i64,
) -> sqlx::Result<Vec<BookingRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE b.organisation_id = $1 ORDER BY b.id DESC"
    )))
    .bind(organisation_id)
    .fetch_all(pool)
    .await
}

/// The bookings of the given employers at one fair, newest first.
pub async fn bookings_of_employers_at_fair(
    pool: &AnyPool,
    organisation_ids: &[i64],
    fair_id: i64,
) -> sqlx::Result<Vec<BookingRow>> {
    if organisation_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = organisation_ids.iter().map(i64::to_string).collect();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE f.id = $1 AND b.organisation_id IN ({}) \
         ORDER BY b.id DESC",
        list.join(", ")
    )))
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// The bookings of one fair, newest first.
pub async fn bookings_of_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<BookingRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE f.id = $1 ORDER BY b.id DESC"
    )))
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// Holds whose time ran out, oldest first.
pub async fn expired_holds(tx: &mut Tx, now: i64) -> sqlx::Result<Vec<BookingRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BOOKING_COLUMNS} {BOOKING_JOINS} WHERE b.status = 'held' AND b.held_until <= $1 \
         ORDER BY b.held_until LIMIT 500"
    )))
    .bind(now)
    .fetch_all(&mut **tx)
    .await
}

/// Addresses of the people who plan fairs for an organisation (owners and
/// organisers), who decide booking requests.
pub async fn planner_emails(
    tx: &mut Tx,
    organisation_id: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.organisation_id = $1 AND m.role IN ('owner', 'organiser') ORDER BY u.id",
    )
    .bind(organisation_id)
    .fetch_all(&mut **tx)
    .await
}
