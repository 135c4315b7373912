//! Password hashing with Argon2id, off the async runtime (it is CPU-heavy).
use anyhow::Context;
use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let mut salt_bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt_bytes);
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await
    .context("hashing task failed")?
}

/// Checks a password; with no stored hash it still spends the same time, so
/// response times do not reveal which email addresses have accounts.
pub async fn verify(password: String, stored_hash: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let stored = stored_hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed =
            PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && stored != DUMMY_HASH)
    })
    .await
    .context("verification task failed")?
}

/// An Argon2id hash of a random string nobody knows.
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
