//! Each fair's ticket signing keys. The database keeps only the public half
//! and a random salt per key; the secret half is derived from the server's
//! configured ticket secret, so neither a copy of the database nor the
//! configuration alone can forge tickets. Rotation adds a key; retired keys
//! stop being published, so scanners refuse what they signed.
use crate::db::Tx;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use ticket::{PublishedKey, TicketSigner};

/// The server's ticket secret (32 bytes). `Debug` never shows it.
#[derive(Clone)]
pub struct TicketSecret([u8; 32]);

impl TicketSecret {
    /// From configuration text of any length (hashed to 32 bytes).
    pub fn from_text(text: &str) -> Self {
        Self(Sha256::digest(text.as_bytes()).into())
    }

    /// A fresh random secret (tests, and servers without configuration
    /// until restart).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// The token of a registration's personal link, from the registration's
    /// random nonce. Derived, not stored (only its hash is), so "send again"
    /// can repeat the same link, and a copy of the database cannot open it.
    pub fn link_token(&self, link_nonce: &str) -> String {
        let mut hash = Sha256::new();
        hash.update(b"jobfair registration link\0");
        hash.update(self.0);
        hash.update(link_nonce.as_bytes());
        URL_SAFE_NO_PAD.encode(hash.finalize())
    }

    fn seed(&self, fair_id: i64, key_id: i64, salt: &str) -> [u8; 32] {
        let mut hash = Sha256::new();
        hash.update(b"jobfair ticket signing key\0");
        hash.update(self.0);
        hash.update(fair_id.to_be_bytes());
        hash.update(key_id.to_be_bytes());
        hash.update(salt.as_bytes());
        hash.finalize().into()
    }
}

impl std::fmt::Debug for TicketSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TicketSecret(…)")
    }
}

/// A fresh random nonce for a registration's personal link.
pub fn new_link_nonce() -> String {
    new_salt()
}

fn new_salt() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Adds key number `max + 1` to the fair; returns its number. Two callers
/// racing for the same number: one key is kept, both see it afterwards.
pub async fn add_key(
    tx: &mut Tx,
    secret: &TicketSecret,
    fair_id: i64,
    now: i64,
) -> sqlx::Result<i64> {
    let key_id: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(key_id), 0) + 1 FROM ticket_keys WHERE fair_id = $1",
    )
    .bind(fair_id)
    .fetch_one(&mut **tx)
    .await?;
    let salt = new_salt();
    let public_key = signer_for(secret, fair_id, key_id, &salt).public_key();
    sqlx::query(
        "INSERT INTO ticket_keys (fair_id, key_id, public_key, salt, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (fair_id, key_id) DO NOTHING",
    )
    .bind(fair_id)
    .bind(key_id)
    .bind(public_key)
    .bind(salt)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(key_id)
}

pub fn signer_for(secret: &TicketSecret, fair_id: i64, key_id: i64, salt: &str) -> TicketSigner {
    let key_number = u16::try_from(key_id).unwrap_or(u16::MAX);
    TicketSigner::from_seed(&secret.seed(fair_id, key_id, salt), key_number)
}

/// The signer of the fair's newest key; creates the first key when the fair
/// has none.
pub async fn current_signer(
    tx: &mut Tx,
    secret: &TicketSecret,
    fair_id: i64,
    now: i64,
) -> sqlx::Result<TicketSigner> {
    let newest = || {
        sqlx::query_as::<_, (i64, String)>(
            "SELECT key_id, salt FROM ticket_keys WHERE fair_id = $1 AND retired_at IS NULL \
             ORDER BY key_id DESC LIMIT 1",
        )
        .bind(fair_id)
    };
    if let Some((key_id, salt)) = newest().fetch_optional(&mut **tx).await? {
        return Ok(signer_for(secret, fair_id, key_id, &salt));
    }
    add_key(tx, secret, fair_id, now).await?;
    let (key_id, salt) = newest().fetch_one(&mut **tx).await?;
    Ok(signer_for(secret, fair_id, key_id, &salt))
}

/// The signer of the fair's newest key, read outside any transaction; the
/// first key is created when the fair has none.
pub async fn signer(
    db: &crate::db::Db,
    secret: &TicketSecret,
    fair_id: i64,
    now: i64,
) -> sqlx::Result<TicketSigner> {
    let newest: Option<(i64, String)> = sqlx::query_as(
        "SELECT key_id, salt FROM ticket_keys WHERE fair_id = $1 AND retired_at IS NULL \
         ORDER BY key_id DESC LIMIT 1",
    )
    .bind(fair_id)
    .fetch_optional(db.pool())
    .await?;
    if let Some((key_id, salt)) = newest {
        return Ok(signer_for(secret, fair_id, key_id, &salt));
    }
    let mut tx = db.begin().await?;
    let signer = current_signer(&mut tx, secret, fair_id, now).await?;
    tx.commit().await?;
    Ok(signer)
}

/// Stops publishing a key: tickets it signed are refused from now on.
pub async fn retire_key(tx: &mut Tx, fair_id: i64, key_id: i64, now: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE ticket_keys SET retired_at = $1 WHERE fair_id = $2 AND key_id = $3 AND retired_at IS NULL",
    )
    .bind(now)
    .bind(fair_id)
    .bind(key_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The public keys scanners should accept for a fair.
pub async fn published_keys(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<PublishedKey>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT key_id, public_key FROM ticket_keys WHERE fair_id = $1 AND retired_at IS NULL ORDER BY key_id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key_id, public_key)| PublishedKey {
            fair_id: u32::try_from(fair_id).unwrap_or(u32::MAX),
            key_id: u16::try_from(key_id).unwrap_or(u16::MAX),
            public_key,
        })
        .collect())
}
