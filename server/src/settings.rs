//! Configuration: built-in defaults, then an optional TOML file
//! (`jobfair.toml`, or the path in `JOBFAIR_CONFIG`), then environment
//! variables `JOBFAIR_<SETTING>` (and plain `DATABASE_URL`). Later wins.
//! Every setting is listed in README.md.
use app::{
    throttle::{Limit, RateLimitConfig},
    tickets::keys::TicketSecret,
};
use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `sqlite://data/jobfair.db` (default) or `postgres://user:pass@host/db`.
    /// Secret: may contain a password; `Debug` prints it redacted.
    pub database_url: SecretString,
    pub database_max_connections: u32,
    /// Address and port to listen on.
    pub listen_addr: String,
    /// The address people use to reach Jobfair; links in mails start with it.
    pub public_url: String,
    /// Folder with the built site (`pkg/` with wasm, JS and CSS).
    pub site_root: String,
    pub log_format: LogFormat,
    /// Fill an empty database with the German demo on start.
    pub demo_data: bool,
    pub session_days: i64,
    pub login_max_failures: i64,
    pub login_max_failures_per_ip: i64,
    pub login_window_minutes: i64,
    /// Booths one employer may hold or have booked at one fair at once.
    pub max_booths_per_employer: i64,
    /// Sign-ups a client address may make within an hour.
    pub sign_ups_per_client_hour: u32,
    /// Sign-ups naming one email address within an hour.
    pub sign_ups_per_address_hour: u32,
    /// Password-reset requests per client address within an hour.
    pub password_resets_per_client_hour: u32,
    /// Password-reset requests naming one email address within an hour.
    pub password_resets_per_address_hour: u32,
    /// Fair registrations per client address within an hour (a shelter's or
    /// a job centre's network can be one address for many people).
    pub registrations_per_client_hour: u32,
    /// "Send again" (ticket, confirmation link) per client address an hour.
    pub send_again_per_client_hour: u32,
    /// Installation administrators, comma-separated addresses: they approve
    /// new organiser organisations before those can publish or invite.
    pub admin_emails: String,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy).
    pub trust_proxy_headers: bool,
    /// How long an anonymous public fair page is served from memory, in
    /// milliseconds; 0 turns the cache off.
    pub page_cache_millis: u64,
    /// Where mail is sent: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`. Without it mail stays in
    /// the outbox and organisers read it in the mail viewer.
    pub smtp_url: Option<SecretString>,
    /// A PEM file with a certificate authority to trust for the mail server
    /// besides the public ones (a relay with an in-house certificate).
    pub smtp_ca_file: Option<String>,
    /// The sender address of every mail.
    pub mail_from: String,
    /// At most this many mails a minute.
    pub mail_per_minute: u32,
    /// Attempts before a mail is given up.
    pub mail_max_attempts: i64,
    /// How long a claimed mail stays with one server before another (or the
    /// same after a restart) may send it.
    pub mail_lease_seconds: i64,
    /// Secret from which the fairs' ticket signing keys and the personal
    /// ticket links are derived. Changing it invalidates every ticket.
    pub ticket_secret: Option<SecretString>,
    /// Without `ticket_secret`: the file that keeps a generated one, so
    /// tickets survive restarts (created on first start, readable by the
    /// owner only).
    pub ticket_secret_file: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: SecretString::from("sqlite://data/jobfair.db"),
            database_max_connections: 16,
            listen_addr: "127.0.0.1:3000".into(),
            public_url: "http://127.0.0.1:3000".into(),
            site_root: "target/site".into(),
            log_format: LogFormat::Pretty,
            demo_data: false,
            session_days: 14,
            login_max_failures: 5,
            login_max_failures_per_ip: 50,
            login_window_minutes: 15,
            max_booths_per_employer: 4,
            sign_ups_per_client_hour: 20,
            sign_ups_per_address_hour: 3,
            password_resets_per_client_hour: 20,
            password_resets_per_address_hour: 3,
            registrations_per_client_hour: 300,
            send_again_per_client_hour: 30,
            admin_emails: String::new(),
            trust_proxy_headers: false,
            page_cache_millis: 1000,
            smtp_url: None,
            smtp_ca_file: None,
            mail_from: "jobfair@localhost".into(),
            mail_per_minute: 600,
            mail_max_attempts: 8,
            mail_lease_seconds: 300,
            ticket_secret: None,
            ticket_secret_file: "data/ticket-secret".into(),
        }
    }
}

impl Settings {
    pub fn load() -> Result<Settings, Box<figment::Error>> {
        let file = std::env::var("JOBFAIR_CONFIG").unwrap_or_else(|_| "jobfair.toml".into());
        Figment::new()
            .merge(Toml::file(file))
            .merge(Env::raw().only(&["DATABASE_URL"]))
            .merge(Env::prefixed("JOBFAIR_").ignore(&["CONFIG"]))
            .extract()
            .map_err(Box::new)
    }

    /// Cookies carry `Secure` unless the public address is plain-HTTP
    /// localhost (a browser would drop them there).
    pub fn secure_cookies(&self) -> bool {
        !self.public_url.starts_with("http://")
    }

    /// The configured ticket secret, or the one kept in
    /// `ticket_secret_file` (generated there when missing).
    pub fn ticket_secret(&self) -> anyhow::Result<TicketSecret> {
        if let Some(secret) = &self.ticket_secret {
            return Ok(TicketSecret::from_text(secret.expose_secret()));
        }
        let path = std::path::Path::new(&self.ticket_secret_file);
        match std::fs::read_to_string(path) {
            Ok(text) if !text.trim().is_empty() => Ok(TicketSecret::from_text(text.trim())),
            _ => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder)?;
                }
                let text = app::tokens::new_token().0;
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create(true).truncate(true);
                owner_only(&mut options);
                std::io::Write::write_all(&mut options.open(path)?, text.as_bytes())?;
                tracing::info!(file = %path.display(), "generated a ticket secret");
                Ok(TicketSecret::from_text(&text))
            }
        }
    }

    pub fn app_config(&self) -> anyhow::Result<app::state::AppConfig> {
        Ok(app::state::AppConfig {
            ticket_secret: self.ticket_secret()?,
            public_url: self.public_url.trim_end_matches('/').to_owned(),
            secure_cookies: self.secure_cookies(),
            session_ttl_secs: self.session_days * 24 * 3600,
            login_max_failures: self.login_max_failures,
            login_max_failures_per_ip: self.login_max_failures_per_ip,
            login_window_secs: self.login_window_minutes * 60,
            max_booths_per_employer: self.max_booths_per_employer.max(1),
            rate_limits: RateLimitConfig {
                sign_ups_per_client: Limit::per_hour(self.sign_ups_per_client_hour),
                sign_ups_per_address: Limit::per_hour(self.sign_ups_per_address_hour),
                resets_per_client: Limit::per_hour(self.password_resets_per_client_hour),
                resets_per_address: Limit::per_hour(self.password_resets_per_address_hour),
                registrations_per_client: Limit::per_hour(self.registrations_per_client_hour),
                send_again_per_client: Limit::per_hour(self.send_again_per_client_hour),
            },
            admin_emails: self.admin_emails(),
        })
    }

    /// The administrators' addresses, normalised; unparsable ones are left
    /// out (and said so in the log at start).
    pub fn admin_emails(&self) -> Vec<String> {
        self.admin_emails
            .split([',', ' ', ';'])
            .filter(|a| !a.trim().is_empty())
            .filter_map(|a| match app::validation::normalise_email(a) {
                Ok(email) => Some(email),
                Err(_) => {
                    tracing::warn!("admin_emails: ignoring an entry that is not an address");
                    None
                }
            })
            .collect()
    }

    pub fn delivery_settings(&self) -> app::mail::delivery::DeliverySettings {
        app::mail::delivery::DeliverySettings {
            from_address: self.mail_from.clone(),
            max_attempts: self.mail_max_attempts.max(1),
            per_minute: self.mail_per_minute.max(1),
            lease_secs: self.mail_lease_seconds.max(1),
            ..Default::default()
        }
    }

    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }
}

/// A secret file only its owner may read.
#[cfg(unix)]
fn owner_only(options: &mut std::fs::OpenOptions) {
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
}

#[cfg(not(unix))]
fn owner_only(_options: &mut std::fs::OpenOptions) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_url_is_not_printed() {
        let settings = Settings {
            database_url: SecretString::from("postgres://jobfair:geheim@db/jobfair"),
            ..Settings::default()
        };
        let settings = Settings {
            smtp_url: Some(SecretString::from(
                "smtps://mailer:streng-geheim@mail.example:465",
            )),
            ..settings
        };
        let printed = format!("{settings:?}");
        assert!(!printed.contains("geheim"), "{printed}");
    }

    #[test]
    fn environment_beats_file_beats_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "jobfair.toml",
                "public_url = \"https://file.example\"\nsession_days = 3\n",
            )?;
            jail.set_env("JOBFAIR_SESSION_DAYS", "7");
            jail.set_env("DATABASE_URL", "postgres://u@h/db");
            let settings = Settings::load().map_err(|e| e.to_string())?;
            assert_eq!(settings.public_url, "https://file.example");
            assert_eq!(settings.session_days, 7);
            assert_eq!(settings.database_url(), "postgres://u@h/db");
            assert_eq!(settings.login_max_failures, 5);
            assert!(settings.secure_cookies());
            Ok(())
        });
    }
}
