//! The background worker that delivers the mail outbox over SMTP. It runs
//! passes while mail is due, sleeps a little when there is none, and stops
//! after the current mail when the server shuts down (a mail it claimed but
//! could not finish is taken over by the next start once its lease ends).
use app::{
    clock::Clock,
    db::Db,
    mail::delivery::{self, DeliverySettings, Pace, SmtpMailer},
};
use std::{sync::Arc, time::Duration};
use tokio::sync::watch;

/// How long to wait when nothing is due.
const IDLE: Duration = Duration::from_secs(1);

pub fn spawn(
    db: Db,
    clock: Arc<dyn Clock>,
    mailer: Arc<SmtpMailer>,
    settings: DeliverySettings,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let pace = Pace::per_minute(settings.per_minute);
        tracing::info!(per_minute = settings.per_minute, "mail worker started");
        while !*stop.borrow() {
            let pass = delivery::deliver_due(&db, clock.as_ref(), &mailer, &settings, &pace);
            let idle = match pass.await {
                Ok(report) if report.claimed() > 0 => {
                    tracing::info!(
                        sent = report.sent,
                        retried = report.retried,
                        failed = report.failed,
                        "mail pass"
                    );
                    false
                }
                Ok(_) => true,
                Err(error) => {
                    tracing::error!(%error, "mail pass failed; trying again");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = tokio::time::sleep(IDLE) => {}
                    _ = stop.changed() => {}
                }
            }
        }
        tracing::info!("mail worker stopped");
    })
}
