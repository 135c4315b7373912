//! Proven addresses: a new account is unverified until its owner opens a
//! link mailed to the address. The link is single use, stored hashed, and
//! expires; a new one can be asked for, at most one per few minutes.
use super::{
    model::CurrentUser,
    store::{self, MailedLink},
};
use crate::{
    error::{FORM, Problem},
    i18n::Locale,
    mail,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens,
};

/// How long a verification link works.
pub const VERIFY_TTL_SECS: i64 = 48 * 3600;
/// At most one new link per this many seconds for one account.
pub const RESEND_INTERVAL_SECS: i64 = 5 * 60;

/// Makes a new link for `user` and writes its mail to the outbox, inside the
/// caller's transaction.
pub async fn send_link(
    state: &AppState,
    tx: &mut crate::db::Tx,
    user: &CurrentUser,
    locale: Locale,
    now: i64,
) -> ServiceResult<()> {
    let (token, token_hash) = tokens::new_token();
    let link = format!("{}/account/verify/{token}", state.config.public_url);
    let message = mail::templates::verify_email(locale, &user.display_name, &link);
    store::insert_link(
        tx,
        MailedLink::EmailVerification,
        &token_hash,
        user.id,
        now,
        now + VERIFY_TTL_SECS,
    )
    .await?;
    mail::outbox::enqueue(
        tx,
        &format!("verify-email:{token_hash}"),
        &user.email,
        locale,
        &message,
        now,
    )
    .await?;
    Ok(())
}

/// Sends a new link to a signed-in, unverified person; refuses a second one
/// within [`RESEND_INTERVAL_SECS`] (the mail may simply be on its way).
pub async fn resend_link(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<()> {
    if user.email_verified {
        return Ok(());
    }
    let now = state.now();
    if let Some(last) = store::latest_email_verification(state.db.pool(), user.id).await? {
        let wait = last + RESEND_INTERVAL_SECS - now;
        if wait > 0 {
            return Err(ServiceError::TooManyAttempts {
                retry_after_secs: wait,
            });
        }
    }
    let mut tx = state.db.begin().await?;
    send_link(state, &mut tx, user, locale, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Opens a link: the account behind it is verified. Whoever is signed in on
/// the device does not matter; the link names the account.
pub async fn verify(state: &AppState, token: &str) -> ServiceResult<()> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let user_id = store::use_link(
        &mut tx,
        MailedLink::EmailVerification,
        &tokens::hash_token(token),
        now,
    )
    .await?
    .ok_or_else(|| ServiceError::invalid(FORM, Problem::LinkInvalid))?;
    store::mark_email_verified(&mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(())
}
