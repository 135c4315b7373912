//! What the invitation tests share: a fair with two invitation slots
//! planned by a job centre's owner, a case worker's list, rows.
#![allow(unused_imports)] // each subject uses some of these
pub use crate::support::setup::{Planner, Setup};
pub use app::{
    auth::CurrentUser,
    clock::ManualClock,
    db::testing::{TestDb, person},
    error::Problem,
    fairs::{FairForm, SlotForm, service as fairs},
    invitations::{InviteKind, InviteRow, InviteState, RowStatus, service as invitations},
    mail::{
        delivery::{self, DeliverySettings, Pace, SmtpMailer},
        testing::SmtpSink,
    },
    organisations::{OrgKind, Role, store as org_store},
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
pub use std::sync::Arc;

pub const START: i64 = 1_800_003_600;

pub struct World {
    pub _db: TestDb,
    pub state: AppState,
    pub owner: CurrentUser,
    pub fair: i64,
}

/// The Kassel fair of a job centre, with two slots for the invited
/// (09:00–12:00 and 12:30–16:00, 300 places each), planned by its owner.
pub async fn world(db: TestDb) -> World {
    let config = AppConfig {
        public_url: "https://jobfair.example".into(),
        ..AppConfig::default()
    };
    let setup = Setup::with_config(db, START, config);
    let org = setup
        .organisation_since(OrgKind::Organiser, "Jobcenter Kassel", START)
        .await;
    let owner = setup
        .person("leitung@jc-kassel.example", org, Role::Owner)
        .await;
    let planner = Planner { org, user: owner };
    let fair = setup
        .fair(&planner)
        .with_slot("09:00", "12:00", 300, "invite")
        .with_slot("12:30", "16:00", 300, "invite")
        .create()
        .await;
    World {
        _db: setup.db,
        state: setup.state,
        owner: planner.user,
        fair: fair.id,
    }
}

pub const LIST: &str = "\u{feff}Name;E-Mail;Sprache;Zeitfenster\r\n\
Ayşe Demir;ayse@example.org;de;09:00\r\n\
Jan Weber;JAN@example.org;en;\r\n\
;ohne-name@example.org;de;\r\n\
Kaputte Adresse;kaputt;de;\r\n\
Falsche Zeit;zeit@example.org;de;07:00\r\n\
Jan Weber doppelt;jan@example.org;de;12:30\r\n";

pub fn row(name: &str, email: &str) -> InviteRow {
    InviteRow {
        line: 0,
        name: name.into(),
        email: email.into(),
        locale: String::new(),
        slot: String::new(),
    }
}

pub async fn count(state: &AppState, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(state.db.pool())
        .await
        .unwrap_or(-1)
}
