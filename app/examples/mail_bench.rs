//! Benchmark: 10,000 invitation mails from the outbox to an SMTP server on
//! loopback, through the same delivery code the server's worker runs.
//! `scripts/bench-mail.sh` runs it; README records the figure.
use app::{
    clock::SystemClock,
    db::testing::TestDb,
    i18n::Locale,
    mail::{
        Message,
        delivery::{self, DeliverySettings, Pace, SmtpMailer},
        outbox::{self, Envelope},
        testing::SmtpSink,
    },
};
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let per_minute: u32 = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let db = TestDb::sqlite().await;
    let sink = SmtpSink::start().await;
    let clock = SystemClock;

    let started = Instant::now();
    let mut tx = db.begin().await?;
    for i in 0..count {
        let key = format!("bench-invite:{i}");
        let recipient = format!("besucher{i}@example.org");
        let message = Message {
            subject: "Einladung zur Jobmesse am Flughafen Frankfurt".into(),
            text: format!(
                "Guten Tag,\n\nSie sind eingeladen. Ihr persönlicher Link: https://jobfair.example/r/{i:08}abcdefghijklmnop\n"
            ),
            html: format!(
                "<p>Guten Tag,</p><p>Sie sind eingeladen.</p><p><a href=\"https://jobfair.example/r/{i:08}abcdefghijklmnop\">Jetzt anmelden</a></p>"
            ),
            attachments: Vec::new(),
        };
        let envelope = Envelope {
            idempotency_key: &key,
            recipient: &recipient,
            organisation_id: None,
            sender_name: Some("Agentur für Arbeit Frankfurt am Main"),
            reply_to: Some("messe@arbeitsagentur.example"),
            list_unsubscribe: Some("https://jobfair.example/unsubscribe/abc"),
        };
        outbox::enqueue_for(&mut tx, &envelope, Locale::de, &message, 0).await?;
    }
    tx.commit().await?;
    let queued = started.elapsed();

    let settings = DeliverySettings {
        from_address: "einladung@jobfair.example".into(),
        per_minute,
        batch: 200,
        ..DeliverySettings::default()
    };
    let mailer = SmtpMailer::from_url(&sink.url(), &settings.from_address, None)?;
    let pace = Pace::per_minute(settings.per_minute);
    let sending = Instant::now();
    loop {
        let report = delivery::deliver_due(&db, &clock, &mailer, &settings, &pace).await?;
        if report.claimed() == 0 {
            break;
        }
    }
    let sent = sending.elapsed();
    let received = sink.received().len();
    println!("queued {count} mails in {:.2} s", queued.as_secs_f64());
    println!(
        "delivered {received} mails over SMTP on loopback in {:.2} s ({:.0} mails/s, one worker)",
        sent.as_secs_f64(),
        received as f64 / sent.as_secs_f64()
    );
    anyhow::ensure!(
        received == count,
        "expected {count} mails, the SMTP server got {received}"
    );
    Ok(())
}
