//! The German demo: a job fair at Frankfurt Airport and a regional training
//! and job fair in Gießen, with organisers, door staff, employers, halls,
//! booths, jobs and registrations, and a job day in Kassel that is on right
//! now, so the door scanner can be tried at once. Written once, into an
//! empty database, in one transaction; dates are set relative to today.
use crate::places::Places;
use crate::{
    auth::password,
    clock::Clock,
    db::{Db, Tx},
    fairs::{
        texts::{TextValues, save_texts},
        time,
    },
    i18n::Locale,
    organisations::{OrgKind, Role, store as org_store},
};
use anyhow::Context;
use chrono::{Datelike, Days, TimeZone};

/// The password of every demo account (README lists the accounts).
pub const DEMO_PASSWORD: &str = "jobfair-demo";
/// The demo's installation administrator (see `JOBFAIR_ADMIN_EMAILS`).
pub const DEMO_ADMIN: &str = "admin@jobfair.demo";

const ZONE: &str = "Europe/Berlin";

/// Demo accounts: email, name, organisation index, role.
const ACCOUNTS: &[(&str, &str, usize, Role)] = &[
    ("organisator@jobfair.demo", "Sabine Keller", 0, Role::Owner),
    ("team@jobfair.demo", "Murat Yilmaz", 0, Role::Organiser),
    ("einlass@jobfair.demo", "Jonas Becker", 0, Role::DoorStaff),
    ("kammer@jobfair.demo", "Dr. Petra Hoffmann", 1, Role::Owner),
    ("arbeitgeber@jobfair.demo", "Lena Wagner", 2, Role::Owner),
];

/// Organisations: name, kind.
const ORGANISATIONS: &[(&str, OrgKind)] = &[
    ("Agentur für Arbeit Frankfurt am Main", OrgKind::Organiser),
    ("IHK Gießen-Friedberg", OrgKind::Organiser),
    ("Rhein-Main Airport Services GmbH", OrgKind::Employer),
    ("SkyCater Frankfurt GmbH", OrgKind::Employer),
    ("Hessen Logistik Partner AG", OrgKind::Employer),
    ("Terminal Sicherheit GmbH", OrgKind::Employer),
    ("AeroTech Wartung GmbH", OrgKind::Employer),
    ("Main-Taunus Pflege gGmbH", OrgKind::Employer),
    ("Lahntal Maschinenbau GmbH", OrgKind::Employer),
    ("Wetterau Bau GmbH", OrgKind::Employer),
    ("Vogelsberg Energie eG", OrgKind::Employer),
];

/// Jobs per employer (by organisation index): title, kind, place of work.
const JOBS: &[(usize, &str, &str, &str)] = &[
    (
        2,
        "Fachkraft für Flugzeugabfertigung (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        2,
        "Ausbildung Fachkraft für Lagerlogistik (m/w/d)",
        "apprenticeship",
        "Frankfurt am Main",
    ),
    (
        3,
        "Köchin / Koch in der Bordverpflegung (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        3,
        "Aushilfe Verpackung (Minijob)",
        "mini_job",
        "Kelsterbach",
    ),
    (
        4,
        "Berufskraftfahrer/in CE (m/w/d)",
        "full_time",
        "Raunheim",
    ),
    (4, "Disponent/in Teilzeit (m/w/d)", "part_time", "Raunheim"),
    (
        5,
        "Luftsicherheitsassistent/in (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        6,
        "Ausbildung Fluggerätmechaniker/in (m/w/d)",
        "apprenticeship",
        "Frankfurt am Main",
    ),
    (
        6,
        "Praktikum Instandhaltung",
        "internship",
        "Frankfurt am Main",
    ),
    (
        7,
        "Pflegefachkraft (m/w/d)",
        "full_time",
        "Hofheim am Taunus",
    ),
    (
        8,
        "Ausbildung Industriemechaniker/in (m/w/d)",
        "apprenticeship",
        "Wetzlar",
    ),
    (
        8,
        "Zerspanungsmechaniker/in Teilzeit (m/w/d)",
        "part_time",
        "Wetzlar",
    ),
    (
        9,
        "Ausbildung Maurer/in (m/w/d)",
        "apprenticeship",
        "Friedberg",
    ),
    (
        10,
        "Elektroniker/in für Energie- und Gebäudetechnik (m/w/d)",
        "full_time",
        "Lauterbach",
    ),
];

const FIRST_NAMES: &[&str] = &[
    "Ayşe", "Tobias", "Fatima", "Lukas", "Olena", "Mehmet", "Sophie", "Daniel", "Amina", "Jan",
    "Irina", "Kevin", "Maria", "Hamid", "Julia", "Piotr", "Sara", "Felix", "Leila", "Marco",
];
const LAST_NAMES: &[&str] = &[
    "Demir",
    "Schulz",
    "Haddad",
    "Weber",
    "Kovalenko",
    "Kaya",
    "Neumann",
    "Fischer",
    "Rahimi",
    "Zimmermann",
];

/// Seeds the demo unless the database already has accounts. Returns whether
/// it seeded.
pub async fn seed_if_empty(db: &Db, clock: &dyn Clock) -> anyhow::Result<bool> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    if users > 0 {
        return Ok(false);
    }
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let now = clock.now();
    let mut tx = db.begin().await?;
    seed(&mut tx, &password_hash, now)
        .await
        .context("seeding the demo")?;
    tx.commit().await?;
    tracing::info!("demo data written");
    Ok(true)
}

async fn seed(tx: &mut Tx, password_hash: &str, now: i64) -> anyhow::Result<()> {
    let mut org_ids = Vec::new();
    for (name, kind) in ORGANISATIONS {
        org_ids.push(org_store::insert_organisation(tx, *kind, name, now).await?);
    }
    for (email, name, org, role) in ACCOUNTS {
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, locale, created_at, email_verified_at) \
             VALUES ($1, $2, $3, 'de', $4, $4) RETURNING id",
        )
        .bind(*email)
        .bind(*name)
        .bind(password_hash)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        org_store::insert_membership(tx, org_ids[*org], user_id, *role, now).await?;
    }
    // The installation's administrator (scripts/run.sh names the address):
    // approves new organisers, belongs to no organisation.
    sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, locale, created_at, email_verified_at) \
         VALUES ($1, $2, $3, 'de', $4, $4)",
    )
    .bind(DEMO_ADMIN)
    .bind("Betrieb Jobfair")
    .bind(password_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;

    let airport = Fair {
        slug: "flughafen-frankfurt",
        title_de: "Jobmesse am Flughafen Frankfurt",
        title_en: "Job fair at Frankfurt Airport",
        description_de: "Über 30 Arbeitgeber rund um den Flughafen stellen sich vor: Bodenverkehrsdienste, \
                         Sicherheit, Gastronomie, Logistik und Technik. Bringen Sie Ihren Lebenslauf mit.",
        description_en: "More than 30 employers from around the airport present themselves: ground handling, \
                         security, catering, logistics and engineering. Bring your CV.",
        venue_name: "Flughafen Frankfurt, Terminal 1, Halle B",
        venue_address: "Hugo-Eckener-Ring, 60549 Frankfurt am Main",
        schedule: Schedule::Ahead {
            days: 35,
            hours: (9, 16),
        },
        organiser: org_ids[0],
        co_organiser: None,
    };
    let airport_id = airport.insert(tx, now).await?;
    let day = start_of_fair_day(now, 35)?;
    insert_slot(tx, airport_id, day, (9, 0), (12, 0), 300, "invite").await?;
    let airport_open = insert_slot(tx, airport_id, day, (12, 30), (16, 0), 800, "open").await?;
    let hall = insert_hall(tx, airport_id, "Halle B", 600, 300).await?;
    let booths = insert_booth_rows(tx, hall, &["A", "B"], 6).await?;
    for (i, employer) in [2usize, 3, 4, 5, 6, 7].iter().enumerate() {
        book(
            tx,
            booths[i],
            org_ids[*employer],
            "confirmed",
            org_ids[0],
            now,
        )
        .await?;
    }
    book(tx, booths[7], org_ids[8], "held", org_ids[0], now).await?;
    for (employer, title, kind, place) in JOBS.iter().filter(|j| j.0 <= 7) {
        insert_job(tx, airport_id, org_ids[*employer], title, kind, place, now).await?;
    }
    insert_registrations(tx, airport_id, airport_open, 36, now).await?;

    let giessen = Fair {
        slug: "mittelhessen",
        title_de: "Ausbildungs- und Jobmesse Mittelhessen",
        title_en: "Central Hesse training and job fair",
        description_de: "Ausbildungsplätze, Jobs und Praktika aus Handwerk, Industrie und Pflege in der Region.",
        description_en: "Apprenticeships, jobs and internships from trades, industry and care in the region.",
        venue_name: "Hessenhallen Gießen, Halle 1",
        venue_address: "Ringallee 16, 35390 Gießen",
        schedule: Schedule::Ahead {
            days: 70,
            hours: (10, 15),
        },
        organiser: org_ids[0],
        co_organiser: Some(org_ids[1]),
    };
    let giessen_id = giessen.insert(tx, now).await?;
    let day = start_of_fair_day(now, 70)?;
    let giessen_slot = insert_slot(tx, giessen_id, day, (10, 0), (15, 0), 1500, "open").await?;
    let hall = insert_hall(tx, giessen_id, "Halle 1", 400, 250).await?;
    let booths = insert_booth_rows(tx, hall, &["C", "D"], 4).await?;
    for (i, employer) in [8usize, 9, 10, 7].iter().enumerate() {
        book(
            tx,
            booths[i],
            org_ids[*employer],
            "confirmed",
            org_ids[0],
            now,
        )
        .await?;
    }
    for (employer, title, kind, place) in JOBS.iter().filter(|j| j.0 >= 7) {
        insert_job(tx, giessen_id, org_ids[*employer], title, kind, place, now).await?;
    }
    insert_registrations(tx, giessen_id, giessen_slot, 18, now).await?;

    // On now: registration stays open all day, walk-ins are welcome.
    let today = Fair {
        slug: "jobtag-kassel",
        title_de: "Jobtag im Rathaus Kassel",
        title_en: "Job day at Kassel town hall",
        description_de: "Heute: Arbeitgeber aus Nordhessen stellen sich im Festsaal vor. Anmelden, Ticket zeigen, \
                         eintreten – oder spontan vorbeikommen.",
        description_en: "Today: employers from North Hesse present themselves in the ballroom. Register, show \
                         your ticket, come in – or just drop by.",
        venue_name: "Rathaus Kassel, Festsaal",
        venue_address: "Obere Königsstraße 8, 34117 Kassel",
        schedule: Schedule::OnNow,
        organiser: org_ids[0],
        co_organiser: None,
    };
    let today_id = today.insert(tx, now).await?;
    let (starts_at, ends_at) = on_now(now);
    insert_slot_at(tx, today_id, starts_at, ends_at, 500, "open").await?;
    Ok(())
}

/// A fair on now: from the last full hour (one hour back) for twelve hours.
fn on_now(now: i64) -> (i64, i64) {
    let starts_at = now - now.rem_euclid(3600) - 3600;
    (starts_at, starts_at + 12 * 3600)
}

enum Schedule {
    /// On a day this many days ahead, between these hours.
    Ahead { days: u64, hours: (u32, u32) },
    /// Running while the demo is tried.
    OnNow,
}

struct Fair {
    slug: &'static str,
    title_de: &'static str,
    title_en: &'static str,
    description_de: &'static str,
    description_en: &'static str,
    venue_name: &'static str,
    venue_address: &'static str,
    schedule: Schedule,
    organiser: i64,
    co_organiser: Option<i64>,
}

impl Fair {
    async fn insert(&self, tx: &mut Tx, now: i64) -> anyhow::Result<i64> {
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
fn start_of_fair_day(now: i64, days: u64) -> anyhow::Result<chrono::NaiveDate> {
    let today = time::zone(ZONE)
        .timestamp_opt(now, 0)
        .single()
        .context("invalid clock")?
        .date_naive();
    today
        .checked_add_days(Days::new(days))
        .context("date out of range")
}

fn at(day: chrono::NaiveDate, (hour, minute): (u32, u32)) -> anyhow::Result<i64> {
    time::unix_at(ZONE, day.year(), day.month(), day.day(), hour, minute)
        .context("no such local time")
}

async fn insert_slot(
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

async fn insert_slot_at(
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

async fn insert_hall(
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
async fn insert_booth_rows(
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
async fn book(
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

async fn insert_job(
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

async fn insert_registrations(
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
