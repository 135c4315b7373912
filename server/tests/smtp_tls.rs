//! Mail over SMTP as production relays want it: STARTTLS required, then a
//! login, against a real SMTP server that speaks both (aiosmtpd from PyPI,
//! `server/tests/support/starttls_smtp.py`), with a certificate from an
//! authority of its own that the `smtp_ca_file` setting makes trusted.
//! `scripts/test.sh` installs aiosmtpd in `~/.cache/jobfair/venv` and sets
//! `JOBFAIR_TEST_PYTHON`; without it this test fails and says why.
mod support;

use app::db::Backend;
use server::settings::Settings;
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};
use support::*;

struct SmtpServer {
    child: Child,
    port: u16,
    outbox: PathBuf,
    ca: PathBuf,
    _dir: TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder removed when the test ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("openssl is needed for this test: {e}"));
    assert!(status.success(), "openssl {args:?} failed");
}

/// An authority and a `localhost` certificate it signed.
fn certificates(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Jobfair Test CA",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn start_smtp_server(user: &str, password: &str) -> SmtpServer {
    let dir = std::env::temp_dir().join(format!(
        "jobfair-smtp-tls-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    certificates(&dir);
    let port = free_port();
    let outbox = dir.join("received.jsonl");
    let python = std::env::var("JOBFAIR_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/starttls_smtp.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .arg(port.to_string())
        .arg(dir.join("server.pem"))
        .arg(dir.join("server.key"))
        .arg(user)
        .arg(password)
        .arg(&outbox)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {python} (set JOBFAIR_TEST_PYTHON; scripts/test.sh does): {e}")
        });
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let ready = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).map(|_| line)
    });
    let line = tokio::time::timeout(Duration::from_secs(20), ready)
        .await
        .unwrap_or_else(|_| panic!("the SMTP server did not start"))
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_default();
    assert_eq!(
        line.trim(),
        "ready",
        "the SMTP server did not start: is aiosmtpd installed for {python}? (scripts/setup.sh installs it)"
    );
    SmtpServer {
        child,
        port,
        ca: dir.join("ca.pem"),
        outbox,
        _dir: TempDir(dir),
    }
}

fn received(server: &SmtpServer) -> Vec<serde_json::Value> {
    std::fs::read_to_string(&server.outbox)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

async fn invite(app: &TestApp, email: &str) {
    let owner = sign_in(app, "organisator@jobfair.demo").await;
    let agency: i64 = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE name = 'Agentur für Arbeit Frankfurt am Main'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_default();
    let invited = app
        .post_form(
            "/api/organisations/invite",
            &[
                ("organisation_id", &agency.to_string()),
                ("email", email),
                ("role", "organiser"),
            ],
            Some(&owner),
        )
        .await;
    assert!(invited.status().is_success(), "{}", invited.status());
}

async fn mail_goes_out_over_starttls_with_a_login(backend: Backend) {
    let smtp = start_smtp_server("jobfair-mailer", "relay-passwort-7").await;
    let settings = Settings {
        smtp_url: Some(
            format!(
                "smtp://jobfair-mailer:relay-passwort-7@localhost:{}?tls=required",
                smtp.port
            )
            .into(),
        ),
        smtp_ca_file: Some(smtp.ca.display().to_string()),
        mail_from: "messe@jobfair.example".into(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    invite(&app, "neu@jobcenter.example").await;
    let mut mails = Vec::new();
    for _ in 0..100 {
        mails = received(&smtp);
        if !mails.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(mails.len(), 1, "one mail arrived");
    assert_eq!(mails[0]["tls"], true, "sent after STARTTLS");
    assert_eq!(mails[0]["login"], "jobfair-mailer", "after logging in");
    assert_eq!(
        mails[0]["rcpt_tos"],
        serde_json::json!(["neu@jobcenter.example"])
    );
    assert!(
        mails[0]["data"]
            .as_str()
            .unwrap_or_default()
            .contains("/invite/"),
        "the invitation with its link"
    );
}

async fn a_wrong_relay_password_keeps_the_mail_and_the_password_secret(backend: Backend) {
    let smtp = start_smtp_server("jobfair-mailer", "relay-passwort-7").await;
    let settings = Settings {
        smtp_url: Some(
            format!(
                "smtp://jobfair-mailer:falsches-relay-wort@localhost:{}?tls=required",
                smtp.port
            )
            .into(),
        ),
        smtp_ca_file: Some(smtp.ca.display().to_string()),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    invite(&app, "neu@jobcenter.example").await;
    let mut row: Option<(String, Option<String>)> = None;
    for _ in 0..100 {
        row = sqlx::query_as(
            "SELECT status, last_error FROM mail_outbox WHERE recipient = 'neu@jobcenter.example'",
        )
        .fetch_optional(app.db.pool())
        .await
        .unwrap_or_default();
        if row.as_ref().is_some_and(|(_, error)| error.is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, error) = row.unwrap_or_else(|| panic!("the mail is in the outbox"));
    let error = error.unwrap_or_else(|| panic!("the refusal is recorded (status {status})"));
    assert_ne!(status, "sent");
    assert!(!error.contains("falsches-relay-wort"), "{error}");
    assert!(received(&smtp).is_empty(), "nothing was delivered");
}

on_both_databases!(
    mail_goes_out_over_starttls_with_a_login,
    a_wrong_relay_password_keeps_the_mail_and_the_password_secret,
);
