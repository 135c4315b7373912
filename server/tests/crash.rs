//! The server process is killed while it delivers 1,000 queued mails; after a
//! restart every mail arrives. A mail whose SMTP answer came in just before
//! the kill, but whose `sent` mark did not, is sent again with the same
//! Message-ID (SMTP cannot tell a crash from a lost answer), so receivers
//! recognise it; the test allows at most the mails in flight at the kill.
use app::{
    db::Db,
    i18n::Locale,
    mail::{Message, outbox, testing::SmtpSink},
};
use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const MAILS: usize = 1000;
/// Mails the worker has in flight at once (DeliverySettings::concurrency).
const IN_FLIGHT: usize = 16;

fn start_server(db_url: &str, sink: &SmtpSink, dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env("JOBFAIR_DATABASE_URL", db_url)
        .env("JOBFAIR_LISTEN_ADDR", "127.0.0.1:0")
        .env("JOBFAIR_SITE_ROOT", dir)
        .env("JOBFAIR_TICKET_SECRET_FILE", dir.join("ticket-secret"))
        .env("JOBFAIR_SMTP_URL", sink.url())
        .env("JOBFAIR_MAIL_FROM", "einladung@jobfair.example")
        .env("JOBFAIR_MAIL_PER_MINUTE", "30000")
        .env("JOBFAIR_MAIL_LEASE_SECONDS", "2")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the server: {e}"))
}

async fn sent_count(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'")
        .fetch_one(db.pool())
        .await
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_delivers_every_queued_mail_after_restart() {
    let dir = std::env::temp_dir().join(format!("jf-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let db_url = format!("sqlite://{}/crash.db", dir.display());
    let db = Db::connect(&db_url, 4)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    db.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    // Queued now: the server's retention purge deletes sent mail only after weeks.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    for i in 0..MAILS {
        let message = Message {
            subject: format!("Einladung {i}"),
            text: format!("Ihr Link: https://jobfair.example/r/{i}"),
            html: format!("<p><a href=\"https://jobfair.example/r/{i}\">Anmelden</a></p>"),
            attachments: Vec::new(),
        };
        outbox::enqueue(
            &mut tx,
            &format!("crash:{i}"),
            &format!("p{i}@example.org"),
            Locale::de,
            &message,
            now,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));

    let sink = SmtpSink::start().await;
    let mut server = start_server(&db_url, &sink, &dir);
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.received().len() < MAILS / 4 {
        assert!(Instant::now() < deadline, "the worker sent nothing");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().unwrap_or_else(|e| panic!("{e}")); // SIGKILL: no goodbye
    let _ = server.wait();
    let before_restart = sink.received().len();
    assert!(before_restart < MAILS, "killed before the end");

    let mut server = start_server(&db_url, &sink, &dir);
    let deadline = Instant::now() + Duration::from_secs(90);
    while sent_count(&db).await < MAILS as i64 {
        assert!(
            Instant::now() < deadline,
            "not all mail was sent after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.kill().unwrap_or_else(|e| panic!("{e}"));
    let _ = server.wait();

    let received = sink.received();
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for mail in &received {
        *per_id
            .entry(mail.header("Message-ID").unwrap_or_default())
            .or_default() += 1;
    }
    let odd: Vec<&String> = per_id
        .keys()
        .filter(|id| !id.ends_with("@jobfair.example>"))
        .collect();
    assert_eq!(
        per_id.len(),
        MAILS,
        "every queued mail arrived (unexpected ids: {odd:?})"
    );
    let repeats = received.len() - MAILS;
    eprintln!("killed after {before_restart} mails; {repeats} sent again after the restart");
    assert!(
        repeats <= IN_FLIGHT,
        "{repeats} repeats: more than the mails in flight at the kill"
    );
    let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE status <> 'sent'")
        .fetch_one(db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(failed, 0);
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
