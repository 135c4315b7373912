//! Account rules: who may sign in, and what signing up, out and resetting do.
use super::{
    model::{CurrentUser, SignUpForm},
    password, store,
};
use crate::{
    error::{FORM, Problem},
    i18n::Locale,
    mail,
    organisations::{self, Role},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    throttle::Throttled,
    tokens, validation,
};
use leptos_i18n::Locale as _;

/// How long a password-reset link works.
pub const RESET_TTL_SECS: i64 = 3600;

/// A new session: the person, and the secret for their cookie.
#[derive(Debug)]
pub struct NewSession {
    pub user: CurrentUser,
    pub token: String,
}

/// Signs up, answering the same whether or not the address has an account:
/// "look in your inbox", no session. A new address gets its account (the
/// person owns a new organisation) and a link where they choose their
/// password, which proves the address and signs them in; until then the
/// account has no usable password, so whoever merely claims an address holds
/// nothing. An address with a proven account gets a note that someone tried,
/// with the way to sign in or reset the password. An unproven account from an
/// earlier sign-up that holds nothing yet is replaced by this one (only the
/// owner of the mailbox can complete either).
///
/// Limited per client (429); per address only the mail is held back, so a
/// stranger cannot block the owner's own sign-up or reset.
pub async fn sign_up(
    state: &AppState,
    form: SignUpForm,
    locale: Locale,
    client_ip: &str,
) -> ServiceResult<()> {
    let valid = form.validate()?;
    state.limits.check(Throttled::SignUpByClient, client_ip)?;
    if !state
        .limits
        .allows(Throttled::SignUpByAddress, &valid.email)
    {
        return Ok(());
    }
    let now = state.now();
    if let Some(existing) = store::find_user_by_email(state.db.pool(), &valid.email).await? {
        if existing.email_verified_at.is_some() {
            return tell_the_owner(state, &existing, now).await;
        }
        let mut tx = state.db.begin().await?;
        if !super::deletion::remove_if_unproven_and_empty(&mut tx, &existing).await? {
            // An account from before addresses were proven, with data of its
            // own: its owner gets a link (and chooses a password there).
            super::verification::send_link(state, &mut tx, &(&existing).into(), locale, now)
                .await?;
            tx.commit().await?;
            return Ok(());
        }
        tx.commit().await?;
    }
    let mut tx = state.db.begin().await?;
    let Some(user_id) = store::insert_user(
        &mut tx,
        &valid.email,
        &valid.name,
        password::UNUSABLE,
        locale.as_str(),
        now,
    )
    .await?
    else {
        // Another sign-up for the address won the race: its link is on the way.
        tx.rollback().await?;
        return Ok(());
    };
    let org_id =
        organisations::store::insert_organisation(&mut tx, valid.kind, &valid.organisation, now)
            .await?;
    organisations::store::insert_membership(&mut tx, org_id, user_id, Role::Owner, now).await?;
    if valid.kind == organisations::OrgKind::Organiser {
        // The administrators hear of it once the address is proven.
        crate::admin::store::mark_awaiting(&mut tx, org_id).await?;
    }
    let user = CurrentUser {
        id: user_id,
        email: valid.email,
        display_name: valid.name,
        email_verified: false,
    };
    super::verification::send_link(state, &mut tx, &user, locale, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Someone signed up with an address that has an account: its owner hears
/// of it (at most once an hour), in the account's language.
async fn tell_the_owner(state: &AppState, user: &store::UserRow, now: i64) -> ServiceResult<()> {
    let locale = crate::language::or_default(&user.locale);
    let message = mail::templates::account_exists(
        locale,
        &user.display_name,
        &format!("{}/login", state.config.public_url),
        &format!("{}/password/forgot", state.config.public_url),
    );
    let mut tx = state.db.begin().await?;
    mail::outbox::enqueue(
        &mut tx,
        &format!("account-exists:{}:{}", user.id, now / 3600),
        &user.email,
        locale,
        &message,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs in, refusing after too many failures of this client for the
/// address, or of this client overall.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client_ip: &str,
) -> ServiceResult<NewSession> {
    let user = check_password(state, email, password, client_ip).await?;
    let mut tx = state.db.begin().await?;
    let token = start_session(state, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(NewSession {
        user: CurrentUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            email_verified: user.email_verified_at.is_some(),
        },
        token,
    })
}

/// The account whose password this is (signing in; confirming a deletion).
///
/// The attempt is recorded before it is judged, so attempts running at once
/// count one another: of a burst, at most the allowed number reach the
/// (slow, memory-hungry) password hash, and the database settles the race.
/// A refused attempt is forgotten again, so a flood does not fill the table.
pub(super) async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
    client_ip: &str,
) -> ServiceResult<store::UserRow> {
    let email =
        validation::normalise_email(email).map_err(|p| ServiceError::invalid("email", p))?;
    if password.is_empty() {
        return Err(ServiceError::invalid("password", Problem::Required));
    }
    let now = state.now();
    let window = state.config.login_window_secs;
    let pool = state.db.pool();
    let attempt = store::insert_failure(pool, &email, client_ip, now).await?;
    let (by_pair, by_ip, oldest) =
        store::recent_failures(pool, &email, client_ip, now - window).await?;
    if by_pair > state.config.login_max_failures || by_ip > state.config.login_max_failures_per_ip {
        store::delete_failure(pool, attempt).await?;
        let retry_after_secs = oldest.map_or(window, |t| (t + window - now).max(1));
        return Err(ServiceError::TooManyAttempts { retry_after_secs });
    }
    let user = store::find_user_by_email(pool, &email).await?;
    let verified = password::verify(
        password.to_owned(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    match user {
        // An unproven account cannot sign in (its owner chooses the password
        // with the mailed link); answered like a wrong password, so signing
        // in tells nobody whether an address has an account.
        Some(user) if verified && user.email_verified_at.is_some() => {
            store::clear_failures(pool, &email, client_ip).await?;
            Ok(user)
        }
        // The recorded attempt stays: a failure.
        _ => Err(ServiceError::invalid(FORM, Problem::WrongCredentials)),
    }
}

pub async fn sign_out(state: &AppState, session_token: &str) -> ServiceResult<()> {
    store::delete_session(state.db.pool(), &tokens::hash_token(session_token)).await?;
    Ok(())
}

/// The person a session cookie belongs to, if it is valid and not expired.
pub async fn user_for_session(
    state: &AppState,
    session_token: &str,
) -> ServiceResult<Option<CurrentUser>> {
    let row = store::find_session_user(
        state.db.pool(),
        &tokens::hash_token(session_token),
        state.now(),
    )
    .await?;
    Ok(row.map(CurrentUser::from))
}

/// Sends a reset link if the address has an account. Answers the same either
/// way, so the form cannot be used to find out who has an account.
///
/// Limited per client (429) and per address (no more mail), so nobody fills
/// an inbox with links.
pub async fn request_password_reset(
    state: &AppState,
    email: &str,
    client_ip: &str,
) -> ServiceResult<()> {
    let email =
        validation::normalise_email(email).map_err(|p| ServiceError::invalid("email", p))?;
    state.limits.check(Throttled::ResetByClient, client_ip)?;
    if !state.limits.allows(Throttled::ResetByAddress, &email) {
        // Enough links for this address this hour: the same answer, no mail
        // (refusing would let a stranger block the owner's reset).
        return Ok(());
    }
    let Some(user) = store::find_user_by_email(state.db.pool(), &email).await? else {
        return Ok(());
    };
    let now = state.now();
    let locale = crate::language::or_default(&user.locale);
    let mut tx = state.db.begin().await?;
    let recipient = (user.id, user.email.as_str(), locale);
    mail_link(
        state,
        &mut tx,
        store::MailedLink::PasswordReset,
        recipient,
        RESET_TTL_SECS,
        now,
        |link| mail::templates::password_reset(locale, &user.display_name, link),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a new single-use link of `kind` for the person (id, address,
/// language) and queues the mail `compose` writes around it, inside `tx`.
pub(super) async fn mail_link(
    state: &AppState,
    tx: &mut crate::db::Tx,
    kind: store::MailedLink,
    (user_id, email, locale): (i64, &str, Locale),
    ttl_secs: i64,
    now: i64,
    compose: impl FnOnce(&str) -> mail::templates::Message,
) -> ServiceResult<()> {
    let (token, token_hash) = tokens::new_token();
    let link = format!("{}{}{token}", state.config.public_url, kind.path());
    store::insert_link(tx, kind, &token_hash, user_id, now, now + ttl_secs).await?;
    mail::outbox::enqueue(
        tx,
        &format!("{}:{token_hash}", kind.mail_key()),
        email,
        locale,
        &compose(&link),
        now,
    )
    .await?;
    Ok(())
}

/// Sets a new password from a reset link; ends every other session. The
/// link was mailed to the address, so opening it proves the address too.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    new_password: &str,
) -> ServiceResult<NewSession> {
    let new_password =
        validation::new_password(new_password).map_err(|p| ServiceError::invalid("password", p))?;
    let token_hash = tokens::hash_token(token);
    let link = store::MailedLink::PasswordReset;
    if !store::link_is_live(state.db.pool(), link, &token_hash, state.now()).await? {
        return Err(ServiceError::invalid(FORM, Problem::LinkInvalid));
    }
    let password_hash = password::hash(new_password).await?;
    let mut tx = state.db.begin().await?;
    let user_id = store::use_link(&mut tx, link, &token_hash, state.now())
        .await?
        .ok_or_else(|| ServiceError::invalid(FORM, Problem::LinkInvalid))?;
    store::set_password_hash(&mut tx, user_id, &password_hash).await?;
    store::mark_email_verified(&mut tx, user_id, state.now()).await?;
    store::delete_sessions_of_user(&mut tx, user_id).await?;
    let token = start_session(state, &mut tx, user_id).await?;
    let user = store::find_user_by_id(&mut tx, user_id).await?.into();
    tx.commit().await?;
    Ok(NewSession { user, token })
}

/// Checks and hashes name and password for an account made from an
/// invitation; done before the transaction, since hashing is slow.
pub async fn prepare_account(name: &str, password: &str) -> ServiceResult<(String, String)> {
    let mut errors = crate::error::FieldErrors::default();
    let name = validation::collect(
        &mut errors,
        "name",
        validation::required_text(name, validation::NAME_MAX),
    );
    let password = validation::collect(&mut errors, "password", validation::new_password(password));
    match (name, password) {
        (Some(name), Some(password)) => Ok((name, password::hash(password).await?)),
        _ => Err(errors.into()),
    }
}

/// Inserts a prepared account; refuses an address with a proven account.
/// The caller proved the address (it came with a link mailed there), so it
/// starts verified; an unproven account of the address (a sign-up whose
/// link was never opened) becomes this one, with the password chosen now.
pub async fn insert_verified_account(
    tx: &mut crate::db::Tx,
    email: &str,
    name: &str,
    password_hash: &str,
    locale: Locale,
    now: i64,
) -> ServiceResult<i64> {
    let user_id =
        match store::insert_user(tx, email, name, password_hash, locale.as_str(), now).await? {
            Some(id) => id,
            None => {
                let id = store::unproven_user_id(tx, email)
                    .await?
                    .ok_or_else(|| ServiceError::invalid("email", Problem::EmailTaken))?;
                store::set_password_hash(tx, id, password_hash).await?;
                id
            }
        };
    store::mark_email_verified(tx, user_id, now).await?;
    Ok(user_id)
}

pub(crate) async fn start_session(
    state: &AppState,
    tx: &mut crate::db::Tx,
    user_id: i64,
) -> ServiceResult<String> {
    let (token, token_hash) = tokens::new_token();
    let now = state.now();
    store::insert_session(
        tx,
        &token_hash,
        user_id,
        now,
        now + state.config.session_ttl_secs,
    )
    .await?;
    Ok(token)
}

pub(crate) async fn user_by_id(tx: &mut crate::db::Tx, user_id: i64) -> ServiceResult<CurrentUser> {
    Ok(store::find_user_by_id(tx, user_id).await?.into())
}

/// Records that the person proved the address by a link mailed to it.
pub(crate) async fn mark_verified(
    tx: &mut crate::db::Tx,
    user_id: i64,
    now: i64,
) -> ServiceResult<()> {
    Ok(store::mark_email_verified(tx, user_id, now).await?)
}

/// Ends every session of the person (removed from an organisation).
pub(crate) async fn end_sessions(tx: &mut crate::db::Tx, user_id: i64) -> ServiceResult<()> {
    Ok(store::delete_sessions_of_user(tx, user_id).await?)
}
