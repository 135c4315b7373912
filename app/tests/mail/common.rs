//! What the mail tests share: delivery settings, queued mails, a mailer
//! for the SMTP sink, one worker pass.
#![allow(unused_imports)] // each subject uses some of these
pub use app::{
    clock::{Clock, ManualClock},
    db::testing::TestDb,
    i18n::Locale,
    mail::{
        Message,
        delivery::{self, DeliverySettings, Pace, SmtpMailer},
        outbox::{self, Envelope},
        testing::{Answer, SmtpSink},
    },
};

pub const START: i64 = 1_800_000_000;

pub fn settings() -> DeliverySettings {
    DeliverySettings {
        from_address: "einladung@jobfair.example".into(),
        per_minute: 600_000,
        max_attempts: 3,
        ..DeliverySettings::default()
    }
}

pub async fn queue(db: &TestDb, n: usize, organisation: Option<&str>) {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let key = format!("test:{i}");
        let recipient = format!("person{i}@example.org");
        let message = Message {
            subject: format!("Einladung zur Jobmesse Nr. {i}"),
            text: format!(
                "Hallo,\nIhr persönlicher Link: https://jobfair.example/r/token-{i}-abcdefghijklmnopqrstuvwxyz0123456789\n"
            ),
            html: format!(
                "<p>Hallo,</p><p><a href=\"https://jobfair.example/r/token-{i}\">Jetzt anmelden</a></p>"
            ),
            attachments: Vec::new(),
        };
        let envelope = Envelope {
            idempotency_key: &key,
            recipient: &recipient,
            organisation_id: None,
            sender_name: organisation,
            reply_to: organisation.map(|_| "team@jobcenter.example"),
            list_unsubscribe: None,
        };
        outbox::enqueue_for(&mut tx, &envelope, Locale::de, &message, START)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
}

pub async fn statuses(db: &TestDb) -> Vec<(String, i64, Option<String>)> {
    sqlx::query_as("SELECT status, attempts, last_error FROM mail_outbox ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap_or_default()
}

pub fn mailer(sink: &SmtpSink) -> SmtpMailer {
    SmtpMailer::from_url(&sink.url(), &settings().from_address, None)
        .unwrap_or_else(|e| panic!("{e}"))
}

pub async fn pass(db: &TestDb, clock: &dyn Clock, mailer: &SmtpMailer) -> delivery::PassReport {
    let pace = Pace::per_minute(settings().per_minute);
    delivery::deliver_due(db, clock, mailer, &settings(), &pace)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

pub async fn queue_one(db: &TestDb, key: &str) {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let message = Message {
        subject: "Test".into(),
        text: "Text".into(),
        html: "<p>Text</p>".into(),
        attachments: Vec::new(),
    };
    outbox::enqueue(
        &mut tx,
        key,
        "someone@example.org",
        Locale::en,
        &message,
        START,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
}
