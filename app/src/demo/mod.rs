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

mod data;
mod rows;

use data::*;
use rows::*;

/// The password of every demo account (README lists the accounts).
pub const DEMO_PASSWORD: &str = "jobfair-demo";

/// The demo's installation administrator (see `JOBFAIR_ADMIN_EMAILS`).
pub const DEMO_ADMIN: &str = "admin@jobfair.demo";

const ZONE: &str = "Europe/Berlin";

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
