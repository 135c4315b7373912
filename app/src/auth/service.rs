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

/// Creates the account, its organisation (the person is its owner) and a
/// session, all or nothing.
pub async fn sign_up(
    state: &AppState,
    form: SignUpForm,
    locale: Locale,
) -> ServiceResult<NewSession> {
    let valid = form.validate()?;
    let password_hash = password::hash(valid.password).await?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let user_id = store::insert_user(
        &mut tx,
        &valid.email,
        &valid.name,
        &password_hash,
        locale.as_str(),
        now,
    )
    .await?
    .ok_or_else(|| ServiceError::invalid("email", Problem::EmailTaken))?;
    let org_id =
        organisations::store::insert_organisation(&mut tx, valid.kind, &valid.organisation, now)
            .await?;
    organisations::store::insert_membership(&mut tx, org_id, user_id, Role::Owner, now).await?;
    let token = start_session(state, &mut tx, user_id).await?;
    tx.commit().await?;
    Ok(NewSession {
        user: CurrentUser {
            id: user_id,
            email: valid.email,
            display_name: valid.name,
        },
        token,
    })
}

/// Signs in, refusing after too many failures for the address or the client.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client_ip: &str,
) -> ServiceResult<NewSession> {
    let email =
        validation::normalise_email(email).map_err(|p| ServiceError::invalid("email", p))?;
    if password.is_empty() {
        return Err(ServiceError::invalid("password", Problem::Required));
    }
    let now = state.now();
    let window = state.config.login_window_secs;
    let (by_email, by_ip, oldest) =
        store::recent_failures(state.db.pool(), &email, client_ip, now - window).await?;
    if by_email >= state.config.login_max_failures
        || by_ip >= state.config.login_max_failures_per_ip
    {
        let retry_after_secs = oldest.map_or(window, |t| (t + window - now).max(1));
        return Err(ServiceError::TooManyAttempts { retry_after_secs });
    }
    let user = store::find_user_by_email(state.db.pool(), &email).await?;
    let verified = password::verify(
        password.to_owned(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let user = match user {
        Some(user) if verified => user,
        _ => {
            store::insert_failure(state.db.pool(), &email, client_ip, now).await?;
            return Err(ServiceError::invalid(FORM, Problem::WrongCredentials));
        }
    };
    store::clear_failures(state.db.pool(), &email).await?;
    let mut tx = state.db.begin().await?;
    let token = start_session(state, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(NewSession {
        user: CurrentUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
        },
        token,
    })
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
    Ok(row.map(|r| CurrentUser {
        id: r.id,
        email: r.email,
        display_name: r.display_name,
    }))
}

/// Sends a reset link if the address has an account. Answers the same either
/// way, so the form cannot be used to find out who has an account.
pub async fn request_password_reset(state: &AppState, email: &str) -> ServiceResult<()> {
    let email =
        validation::normalise_email(email).map_err(|p| ServiceError::invalid("email", p))?;
    let Some(user) = store::find_user_by_email(state.db.pool(), &email).await? else {
        return Ok(());
    };
    let now = state.now();
    let (token, token_hash) = tokens::new_token();
    let locale = user.locale.parse().unwrap_or(Locale::de);
    let link = format!("{}/password/reset/{token}", state.config.public_url);
    let message = mail::templates::password_reset(locale, &user.display_name, &link);
    let mut tx = state.db.begin().await?;
    store::insert_password_reset(&mut tx, &token_hash, user.id, now, now + RESET_TTL_SECS).await?;
    mail::outbox::enqueue(
        &mut tx,
        &format!("password-reset:{token_hash}"),
        &user.email,
        locale,
        &message,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new password from a reset link; ends every other session.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    new_password: &str,
) -> ServiceResult<NewSession> {
    let new_password =
        validation::new_password(new_password).map_err(|p| ServiceError::invalid("password", p))?;
    let password_hash = password::hash(new_password).await?;
    let mut tx = state.db.begin().await?;
    let user_id = store::use_password_reset(&mut tx, &tokens::hash_token(token), state.now())
        .await?
        .ok_or_else(|| ServiceError::invalid(FORM, Problem::LinkInvalid))?;
    store::set_password_hash(&mut tx, user_id, &password_hash).await?;
    store::delete_sessions_of_user(&mut tx, user_id).await?;
    let token = start_session(state, &mut tx, user_id).await?;
    let user = store::find_user_by_id(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(NewSession {
        user: CurrentUser {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
        },
        token,
    })
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

/// Inserts a prepared account; refuses a taken address.
pub async fn insert_account(
    tx: &mut crate::db::Tx,
    email: &str,
    name: &str,
    password_hash: &str,
    locale: Locale,
    now: i64,
) -> ServiceResult<i64> {
    store::insert_user(tx, email, name, password_hash, locale.as_str(), now)
        .await?
        .ok_or_else(|| ServiceError::invalid("email", Problem::EmailTaken))
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
    let row = store::find_user_by_id(tx, user_id).await?;
    Ok(CurrentUser {
        id: row.id,
        email: row.email,
        display_name: row.display_name,
    })
}
