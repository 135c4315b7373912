//! Password hashing with Argon2id, off the async runtime (it is CPU-heavy),
//! and never more than a few at once: each one takes 19 MiB, so a burst of
//! sign-ins waits for a permit instead of exhausting memory.
use anyhow::Context;
use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Hashes computed at once, at most (about 19 MiB each).
pub const HASHES_IN_FLIGHT: usize = 4;
static PERMITS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(HASHES_IN_FLIGHT));

async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let _permit = PERMITS.acquire().await.context("hashing permits closed")?;
    tokio::task::spawn_blocking(work)
        .await
        .context("hashing task failed")?
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    bounded(move || {
        let mut salt_bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt_bytes);
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await
}

/// Checks a password; with no stored hash it still spends the same time, so
/// response times do not reveal which email addresses have accounts.
pub async fn verify(password: String, stored_hash: Option<String>) -> anyhow::Result<bool> {
    bounded(move || {
        let stored = stored_hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed =
            PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && stored != DUMMY_HASH)
    })
    .await
}

/// An Argon2id hash of a random string nobody knows.
/// Stored for an account whose owner has not chosen a password yet: no
/// password verifies against it (see [`verify`]).
pub const UNUSABLE: &str = DUMMY_HASH;

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$kzQdnV7QxEzD8xF5jvMZ3TlzxYSpe3l2/BZ+VpVn9Zs";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let stored = hash("richtig-geheim".into()).await.ok();
        assert!(
            stored
                .as_deref()
                .is_some_and(|h| h.starts_with("$argon2id$"))
        );
        assert!(matches!(
            verify("richtig-geheim".into(), stored.clone()).await,
            Ok(true)
        ));
        assert!(matches!(
            verify("falsch-geheim".into(), stored).await,
            Ok(false)
        ));
        assert!(matches!(verify("egal".into(), None).await, Ok(false)));
    }
}
