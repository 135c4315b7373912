//! Writing the demo's rows: fairs, slots, halls and booths, bookings,
//! jobs and registrations.
use super::*;

pub(super) enum Schedule {
    /// On a day this many days ahead, between these hours.
    Ahead { days: u64, hours: (u32, u32) },
    /// Running while the demo is tried.
    OnNow,
}

pub(super) struct Fair {
    pub(super) slug: &'static str,
    pub(super) title_de: &'static str,
    pub(super) title_en: &'static str,
    pub(super) description_de: &'static str,
    pub(super) description_en: &'static str,
    pub(super) venue_name: &'static str,
    pub(super) venue_address: &'static str,
    pub(super) schedule: Schedule,
    pub(super) organiser: i64,
    pub(super) co_organiser: Option<i64>,
}

impl Fair {
    pub(super) async fn insert(&self, tx: &mut Tx, now: i64) -> anyhow::Result<i64> {
        // Registration opened two weeks ago and runs until the doors open
        // (all day for a fair on now).
        let (starts_at, ends_at, closes_at) = match self.schedule {
            Schedule::Ahead { days, hours } => {
                let day = start_of_fair_day(now, days)?;
                let starts_at = at(day, (hours.0, 0))?;
                (starts_at, at(day, (hours.1, 0))?, starts_at)
            }
            Schedule::OnNow => {
                let (starts_at, ends_at) = on_now(now);
                (starts_at, ends_at, ends_at)
            }
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO fairs (slug, organisation_id, \
             venue_name, venue_address, time_zone, starts_at, ends_at, registration_opens_at, \
             registration_closes_at, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'published', $10, $10) RETURNING id",
        )
        .bind(self.slug)
        .bind(self.organiser)
        .bind(self.venue_name)
        .bind(self.venue_address)
        .bind(ZONE)
        .bind(starts_at)
        .bind(ends_at)
        .bind(now - 14 * 24 * 3600)
        .bind(closes_at)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        let texts = [
            TextValues {
                locale: Locale::de,
                title: self.title_de,
                description: self.description_de,
            },
            TextValues {
                locale: Locale::en,
                title: self.title_en,
                description: self.description_en,
            },
        ];
        save_texts(tx, id, &texts).await?;
        for org in std::iter::once(self.organiser).chain(self.co_organiser) {
            sqlx::query("INSERT INTO fair_organisers (fair_id, organisation_id) VALUES ($1, $2)")
                .bind(id)
                .bind(org)
                .execute(&mut **tx)
                .await?;
        }
        Ok(id)
    }
}

/// The venue-local date `days` after today.
pub(super) fn start_of_fair_day(now: i64, days: u64) -> anyhow::Result<chrono::NaiveDate> {
    let today = time::zone(ZONE)
        .timestamp_opt(now, 0)
        .single()
        .context("invalid clock")?
        .date_naive();
    today
        .checked_add_days(Days::new(days))
        .context("date out of range")
}

pub(super) fn at(day: chrono::NaiveDate, (hour, minute): (u32, u32)) -> anyhow::Result<i64> {
    time::unix_at(ZONE, day.year(), day.month(), day.day(), hour, minute)
        .context("no such local time")
}

pub(super) async fn insert_slot(
    tx: &mut Tx,
    fair_id: i64,
    day: chrono::NaiveDate,
    from: (u32, u32),
    to: (u32, u32),
    capacity: i64,
    entry_mode: &str,
) -> anyhow::Result<i64> {
    insert_slot_at(
        tx,
        fair_id,
        at(day, from)?,
        at(day, to)?,
        capacity,
        entry_mode,
    )
    .await
}

pub(super) async fn insert_slot_at(
    tx: &mut Tx,
    fair_id: i64,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    entry_mode: &str,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO time_slots (fair_id, starts_at, ends_at, capacity, entry_mode) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(fair_id)
    .bind(starts_at)
    .bind(ends_at)
    .bind(capacity)
    .bind(entry_mode)
    .fetch_one(&mut **tx)
    .await?)
}

pub(super) async fn insert_hall(
    tx: &mut Tx,
    fair_id: i64,
    name: &str,
    width_dm: i64,
    depth_dm: i64,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO halls (fair_id, name, width_dm, depth_dm) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(fair_id)
    .bind(name)
    .bind(width_dm)
    .bind(depth_dm)
    .fetch_one(&mut **tx)
    .await?)
}

/// Rows of 4 m × 3 m booths with aisles; the ends of each row are corners.
pub(super) async fn insert_booth_rows(
    tx: &mut Tx,
    hall_id: i64,
    rows: &[&str],
    per_row: i64,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (row_index, row) in rows.iter().enumerate() {
        for n in 0..per_row {
            let corner = n == 0 || n == per_row - 1;
            // The middle of the first row faces the entrance: premium.
            let premium = row_index == 0 && n == per_row / 2;
            let (category, price_cents, extras) = if premium {
                ("premium", 150_000, "power,table,screen")
            } else if corner {
                ("corner", 90_000, "power,table")
            } else {
                ("standard", 60_000, "power,table")
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO booths (hall_id, label, x_dm, y_dm, width_dm, depth_dm, category, price_cents, extras) \
                 VALUES ($1, $2, $3, $4, 40, 30, $5, $6, $7) RETURNING id",
            )
            .bind(hall_id)
            .bind(format!("{row}{:02}", n + 1))
            .bind(20 + n * 45)
            .bind(30 + row_index as i64 * 90)
            .bind(category)
            .bind(price_cents)
            .bind(extras)
            .fetch_one(&mut **tx)
            .await?;
            ids.push(id);
        }
    }
    Ok(ids)
}

/// A booking as the booking service leaves it: confirmed ones with the
/// next number of the organiser's sequence, held ones for three days.
pub(super) async fn book(
    tx: &mut Tx,
    booth_id: i64,
    org_id: i64,
    status: &str,
    fair_organisation_id: i64,
    now: i64,
) -> anyhow::Result<()> {
    let number = if status == "confirmed" {
        Some(crate::bookings::store::next_number(tx, fair_organisation_id).await?)
    } else {
        None
    };
    sqlx::query(
        "INSERT INTO booth_bookings (booth_id, organisation_id, status, created_at, updated_at, \
         held_until, number, number_organisation_id, price_cents, extras) \
         SELECT $1, $2, $3, $4, $4, $5, $6, $7, price_cents, '' FROM booths WHERE id = $1",
    )
    .bind(booth_id)
    .bind(org_id)
    .bind(status)
    .bind(now)
    .bind((status == "held").then_some(now + 72 * 3600))
    .bind(number)
    .bind(number.map(|_| fair_organisation_id))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn insert_job(
    tx: &mut Tx,
    fair_id: i64,
    org_id: i64,
    title: &str,
    kind: &str,
    place: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO jobs (fair_id, organisation_id, title, kind, place_of_work, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(fair_id)
    .bind(org_id)
    .bind(title)
    .bind(kind)
    .bind(place)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn insert_registrations(
    tx: &mut Tx,
    fair_id: i64,
    slot_id: i64,
    count: usize,
    now: i64,
) -> anyhow::Result<()> {
    for i in 0..count {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i * 7) % LAST_NAMES.len()];
        let email = format!("besucher{}.{}@example.org", fair_id, i + 1);
        let locale = if i % 4 == 0 { "en" } else { "de" };
        sqlx::query(
            "INSERT INTO registrations (fair_id, slot_id, name, email, locale, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(fair_id)
        .bind(slot_id)
        .bind(format!("{first} {last}"))
        .bind(email)
        .bind(locale)
        // Spread over the last days, so the dashboard chart has a history.
        .bind(now - (count - i) as i64 * 8 * 3600)
        .execute(&mut **tx)
        .await?;
    }
    if !crate::places::store::take_many(tx, Places::admission_slot(slot_id), count as i64).await? {
        anyhow::bail!("the demo slot {slot_id} has fewer than {count} places");
    }
    Ok(())
}
