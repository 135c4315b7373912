//! Proven addresses: a new account is unverified until its owner opens a
//! link mailed to the address. The link is single use, stored hashed, and
//! expires; a new one can be asked for, at most one per few minutes.
use super::{
    model::CurrentUser,
    service::NewSession,
    store::{self, MailedLink},
};
use crate::{
    error::{FORM, Problem},
    i18n::Locale,
    mail,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens, validation,
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
    let recipient = (user.id, user.email.as_str(), locale);
    super::service::mail_link(
        state,
        tx,
        MailedLink::EmailVerification,
        recipient,
        VERIFY_TTL_SECS,
        now,
        |link| mail::templates::verify_email(locale, &user.display_name, link),
    )
    .await
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

/// Opens a link: the person chooses their password, the account behind the
/// link is verified, and the person is signed in to it (the link proves the
/// address, as a reset link does). Any other session of the account ends.
/// A new organiser organisation of the person is now announced to the
/// administrators (not before: a mere claim of an address asks nobody for
/// anything). Whoever is signed in on the device does not matter; the link
/// names the account. A made-up link is refused before the password is hashed.
pub async fn verify(state: &AppState, token: &str, password: &str) -> ServiceResult<NewSession> {
    let password =
        validation::new_password(password).map_err(|p| ServiceError::invalid("password", p))?;
    let token_hash = tokens::hash_token(token);
    let now = state.now();
    let link = MailedLink::EmailVerification;
    if !store::link_is_live(state.db.pool(), link, &token_hash, now).await? {
        return Err(ServiceError::invalid(FORM, Problem::LinkInvalid));
    }
    let password_hash = super::password::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let user_id = store::use_link(&mut tx, link, &token_hash, now)
        .await?
        .ok_or_else(|| ServiceError::invalid(FORM, Problem::LinkInvalid))?;
    store::set_password_hash(&mut tx, user_id, &password_hash).await?;
    store::mark_email_verified(&mut tx, user_id, now).await?;
    store::delete_sessions_of_user(&mut tx, user_id).await?;
    let token = super::service::start_session(state, &mut tx, user_id).await?;
    let user: CurrentUser = store::find_user_by_id(&mut tx, user_id).await?.into();
    crate::admin::service::announce_pending(state, &mut tx, &user, now).await?;
    tx.commit().await?;
    Ok(NewSession { user, token })
}
