//! What server functions and handlers share: database, clock, configuration.
use crate::{
    clock::Clock,
    db::Db,
    throttle::{RateLimitConfig, RateLimits},
};
use std::sync::Arc;

/// Settings the domain needs; the server crate fills them from configuration.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Base of links in mails, e.g. `https://jobfair.example.org`.
    pub public_url: String,
    /// Whether session cookies carry `Secure` (off only for plain-HTTP localhost).
    pub secure_cookies: bool,
    pub session_ttl_secs: i64,
    /// Failed sign-ins per email address within the window before refusing.
    pub login_max_failures: i64,
    /// Failed sign-ins per client address within the window before refusing.
    pub login_max_failures_per_ip: i64,
    pub login_window_secs: i64,
    /// Booths one employer may hold or have booked at one fair at once.
    pub max_booths_per_employer: i64,
    /// Derives the fairs' ticket signing keys and personal ticket links.
    pub ticket_secret: crate::tickets::keys::TicketSecret,
    /// Per-client and per-address limits on sign-up, resets, registration.
    pub rate_limits: RateLimitConfig,
    /// Installation administrators (lower-case addresses): they approve new
    /// organiser organisations before those can publish or invite.
    pub admin_emails: Vec<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:3000".into(),
            secure_cookies: false,
            session_ttl_secs: 14 * 24 * 3600,
            login_max_failures: 5,
            login_max_failures_per_ip: 50,
            login_window_secs: 15 * 60,
            max_booths_per_employer: 4,
            ticket_secret: crate::tickets::keys::TicketSecret::random(),
            rate_limits: RateLimitConfig::default(),
            admin_emails: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<AppConfig>,
    pub limits: Arc<RateLimits>,
}

impl AppState {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: AppConfig) -> Self {
        Self {
            db,
            clock,
            limits: Arc::new(RateLimits::new(&config.rate_limits)),
            config: Arc::new(config),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}
