//! The shared setup of service tests: a state on a manual clock, people in
//! organisations, and a fair with slots, a hall of booths and its status,
//! made through the services as an organiser makes them.
//!
//! ```ignore
//! let setup = Setup::new(db, NOW);
//! let planner = setup.organiser("Agentur für Arbeit Kassel", "plan@aa-kassel.example", Role::Organiser).await;
//! let fair = setup.fair(&planner).with_slot("09:00", "16:00", 100, "open").published().with_booths(3).create().await;
//! ```
use app::{
    auth::CurrentUser,
    clock::ManualClock,
    db::testing::{TestDb, kassel_fair_form, organisation, person},
    fairs::{FairForm, SlotForm, service as fairs},
    organisations::{OrgKind, Role, store as org_store},
    state::{AppConfig, AppState},
};
use std::sync::Arc;

/// A fresh database with a state whose clock the test moves.
pub struct Setup {
    pub db: TestDb,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
}

/// Someone who plans fairs for an organisation.
pub struct Planner {
    pub org: i64,
    pub user: CurrentUser,
}

impl Setup {
    pub fn new(db: TestDb, now: i64) -> Self {
        Self::with_config(db, now, AppConfig::default())
    }

    pub fn with_config(db: TestDb, now: i64, config: AppConfig) -> Self {
        let clock = Arc::new(ManualClock::at(now));
        let state = AppState::new(db.db.clone(), clock.clone(), config);
        Setup { db, state, clock }
    }

    /// An organisation, approved when it was made (at 0).
    pub async fn organisation(&self, kind: OrgKind, name: &str) -> i64 {
        organisation(&self.state.db, kind, name).await
    }

    /// An organisation made (and approved) at `at`.
    pub async fn organisation_since(&self, kind: OrgKind, name: &str, at: i64) -> i64 {
        let mut tx = self
            .state
            .db
            .begin()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let org = org_store::insert_organisation(&mut tx, kind, name, at)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
        org
    }

    /// A person with a proven address and a role in `org`.
    pub async fn person(&self, email: &str, org: i64, role: Role) -> CurrentUser {
        person(&self.state.db, email, org, role).await
    }

    /// An organiser organisation made at 0 and one of its people.
    pub async fn organiser(&self, org_name: &str, email: &str, role: Role) -> Planner {
        let org = self.organisation(OrgKind::Organiser, org_name).await;
        let user = self.person(email, org, role).await;
        Planner { org, user }
    }

    /// Employer number `n` ("Firma n GmbH") with its owner.
    pub async fn employer(&self, n: usize) -> (i64, CurrentUser) {
        let org = self
            .organisation(OrgKind::Employer, &format!("Firma {n} GmbH"))
            .await;
        let owner = self
            .person(&format!("chefin{n}@firma{n}.example"), org, Role::Owner)
            .await;
        (org, owner)
    }

    /// A fair to plan as `planner`: the Kassel fair on 10 March 2027
    /// unless another form is given.
    pub fn fair<'a>(&'a self, planner: &'a Planner) -> FairPlan<'a> {
        FairPlan {
            setup: self,
            planner,
            form: kassel_fair_form(),
            slots: Vec::new(),
            published: false,
            booths: None,
        }
    }
}

/// What a fair gets before [`FairPlan::create`] makes it.
pub struct FairPlan<'a> {
    setup: &'a Setup,
    planner: &'a Planner,
    form: FairForm,
    slots: Vec<SlotForm>,
    published: bool,
    booths: Option<usize>,
}

/// A fair as made: its id, its slots in the order given, its hall and booths.
pub struct Fair {
    pub id: i64,
    pub slots: Vec<i64>,
    pub hall: Option<i64>,
    pub booths: Vec<i64>,
}

impl FairPlan<'_> {
    pub fn form(self, form: FairForm) -> Self {
        FairPlan { form, ..self }
    }

    /// A slot on the fair's day (10 March 2027), `from` and `to` as "09:00".
    pub fn with_slot(mut self, from: &str, to: &str, capacity: u32, entry_mode: &str) -> Self {
        self.slots.push(SlotForm {
            starts: format!("2027-03-10T{from}"),
            ends: format!("2027-03-10T{to}"),
            capacity: capacity.to_string(),
            entry_mode: entry_mode.into(),
        });
        self
    }

    /// Published once its slots are added.
    pub fn published(self) -> Self {
        FairPlan {
            published: true,
            ..self
        }
    }

    /// "Halle 1" (200 m × 20 m) with `count` booths A1, A2, ... of 3 m × 3 m
    /// in a row, 4 m apart, at 450 € with power and a table.
    pub fn with_booths(self, count: usize) -> Self {
        FairPlan {
            booths: Some(count),
            ..self
        }
    }

    pub async fn create(self) -> Fair {
        let state = &self.setup.state;
        let user = &self.planner.user;
        let id = fairs::create_fair(state, user, self.planner.org, &self.form)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut slots = Vec::new();
        for slot in &self.slots {
            let slot_id = fairs::add_slot(state, user, id, slot)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            slots.push(slot_id);
        }
        if self.published {
            fairs::change_status(state, user, id, "published")
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let (hall, booths) = match self.booths {
            Some(count) => {
                let (hall, booths) = hall_of_booths(state, id, count).await;
                (Some(hall), booths)
            }
            None => (None, Vec::new()),
        };
        Fair {
            id,
            slots,
            hall,
            booths,
        }
    }
}

/// Written directly: the floor plan's own rules are tested apart.
async fn hall_of_booths(state: &AppState, fair: i64, count: usize) -> (i64, Vec<i64>) {
    let hall: i64 = sqlx::query_scalar(
        "INSERT INTO halls (fair_id, name, width_dm, depth_dm) VALUES ($1, 'Halle 1', 2000, 200) RETURNING id",
    )
    .bind(fair)
    .fetch_one(state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut booths = Vec::new();
    for i in 0..count as i64 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO booths (hall_id, label, x_dm, y_dm, width_dm, depth_dm, price_cents, extras) \
             VALUES ($1, $2, $3, 0, 30, 30, 45000, 'power,table') RETURNING id",
        )
        .bind(hall)
        .bind(format!("A{}", i + 1))
        .bind(i * 40)
        .fetch_one(state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        booths.push(id);
    }
    (hall, booths)
}
