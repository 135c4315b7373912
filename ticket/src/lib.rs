//! Signed tickets for the QR code at the door.
//!
//! A ticket is a compact binary payload (which fair, which ticket, which
//! slot, valid from/until, which key) plus an Ed25519 signature, written as
//! `JF:` and RFC 4648 base32, so the QR code can use its dense alphanumeric
//! mode. No personal data is inside: a photo of the code reveals nothing.
//!
//! Each fair has its own keys; several can be valid at once (rotation), each
//! with a small number (`key_id`) carried in the payload. Scanners get the
//! public keys and verify offline; this crate compiles to wasm for that.
//!
//! Beside the QR code every ticket has a short code for typing in by hand,
//! from an alphabet without look-alike characters.
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};

/// RFC 4648 base32 without padding: upper-case letters and digits, the
/// QR code's compact alphanumeric mode.
const BASE32: base32::Alphabet = base32::Alphabet::Rfc4648 { padding: false };

/// What every ticket text starts with.
pub const PREFIX: &str = "JF:";
const VERSION: u8 = 1;
/// Signed together with the payload, so a signature made for anything else
/// (another format, another application using the same key) never fits.
const CONTEXT: &[u8] = b"jobfair-ticket-v1";
const PAYLOAD_LEN: usize = 23;
const SIGNATURE_LEN: usize = 64;

/// What a ticket says. Times are Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub fair_id: u32,
    pub ticket_id: u32,
    pub slot_id: u32,
    pub valid_from: u32,
    pub valid_until: u32,
    pub key_id: u16,
}

impl Claims {
    fn to_bytes(self) -> [u8; PAYLOAD_LEN] {
        let mut out = [0u8; PAYLOAD_LEN];
        out[0] = VERSION;
        out[1..3].copy_from_slice(&self.key_id.to_be_bytes());
        out[3..7].copy_from_slice(&self.fair_id.to_be_bytes());
        out[7..11].copy_from_slice(&self.ticket_id.to_be_bytes());
        out[11..15].copy_from_slice(&self.slot_id.to_be_bytes());
        out[15..19].copy_from_slice(&self.valid_from.to_be_bytes());
        out[19..23].copy_from_slice(&self.valid_until.to_be_bytes());
        out
    }

    fn from_bytes(bytes: &[u8; PAYLOAD_LEN]) -> Option<Claims> {
        if bytes[0] != VERSION {
            return None;
        }
        let u32_at = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        Some(Claims {
            key_id: u16::from_be_bytes([bytes[1], bytes[2]]),
            fair_id: u32_at(3),
            ticket_id: u32_at(7),
            slot_id: u32_at(11),
            valid_from: u32_at(15),
            valid_until: u32_at(19),
        })
    }
}

fn signed_message(payload: &[u8; PAYLOAD_LEN]) -> Vec<u8> {
    let mut message = Vec::with_capacity(CONTEXT.len() + PAYLOAD_LEN);
    message.extend_from_slice(CONTEXT);
    message.extend_from_slice(payload);
    message
}

/// The secret half of a fair's key: 32 bytes the server derives or stores.
#[derive(Clone)]
pub struct TicketSigner {
    key: SigningKey,
    key_id: u16,
}

impl TicketSigner {
    pub fn from_seed(seed: &[u8; 32], key_id: u16) -> Self {
        Self {
            key: SigningKey::from_bytes(seed),
            key_id,
        }
    }

    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The public key as published for scanners (base64url, 32 bytes).
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.verifying_key().as_bytes())
    }

    /// The ticket text for the QR code. The `key_id` of `claims` is replaced
    /// by this signer's.
    pub fn sign(&self, claims: Claims) -> String {
        let claims = Claims {
            key_id: self.key_id,
            ..claims
        };
        let payload = claims.to_bytes();
        let signature = self.key.sign(&signed_message(&payload));
        let mut bytes = Vec::with_capacity(PAYLOAD_LEN + SIGNATURE_LEN);
        bytes.extend_from_slice(&payload);
        bytes.extend_from_slice(&signature.to_bytes());
        format!("{PREFIX}{}", base32::encode(BASE32, &bytes))
    }
}

/// One public key of a fair, as the server publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedKey {
    pub fair_id: u32,
    pub key_id: u16,
    /// base64url without padding, 32 bytes.
    pub public_key: String,
}

/// Why a ticket is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    /// Not a ticket text at all, or damaged.
    NotATicket,
    /// A ticket of another fair.
    OtherFair {
        fair_id: u32,
    },
    /// Signed with a key this fair does not (or no longer) list.
    UnknownKey,
    /// The payload or the signature was altered.
    BadSignature,
    NotYetValid,
    Expired,
    /// Cancelled, or replaced by a newer ticket.
    Revoked,
}

/// Checks tickets of one fair against its published keys.
pub struct TicketVerifier {
    fair_id: u32,
    keys: Vec<(u16, VerifyingKey)>,
}

impl TicketVerifier {
    /// Keys of other fairs and unreadable keys are left out.
    pub fn new(fair_id: u32, keys: &[PublishedKey]) -> Self {
        let keys = keys
            .iter()
            .filter(|k| k.fair_id == fair_id)
            .filter_map(|k| {
                let bytes: [u8; 32] = URL_SAFE_NO_PAD
                    .decode(k.public_key.as_bytes())
                    .ok()?
                    .try_into()
                    .ok()?;
                Some((k.key_id, VerifyingKey::from_bytes(&bytes).ok()?))
            })
            .collect();
        Self { fair_id, keys }
    }

    /// The claims of a genuine, current, unrevoked ticket of this fair.
    /// `now` is Unix seconds; `is_revoked` answers for a ticket id.
    pub fn verify(
        &self,
        text: &str,
        now: i64,
        is_revoked: impl Fn(u32) -> bool,
    ) -> Result<Claims, Rejection> {
        let (claims, payload, signature) = decode(text).ok_or(Rejection::NotATicket)?;
        if claims.fair_id != self.fair_id {
            return Err(Rejection::OtherFair {
                fair_id: claims.fair_id,
            });
        }
        let key = self
            .keys
            .iter()
            .find(|(id, _)| *id == claims.key_id)
            .map(|(_, key)| key)
            .ok_or(Rejection::UnknownKey)?;
        key.verify(&signed_message(&payload), &signature)
            .map_err(|_| Rejection::BadSignature)?;
        if is_revoked(claims.ticket_id) {
            return Err(Rejection::Revoked);
        }
        if now < i64::from(claims.valid_from) {
            return Err(Rejection::NotYetValid);
        }
        if now > i64::from(claims.valid_until) {
            return Err(Rejection::Expired);
        }
        Ok(claims)
    }
}

/// Reads a ticket text without checking its signature (for showing what a
/// refused code claimed, never for admitting).
pub fn read_unverified(text: &str) -> Option<Claims> {
    decode(text).map(|(claims, _, _)| claims)
}

fn decode(text: &str) -> Option<(Claims, [u8; PAYLOAD_LEN], Signature)> {
    let body = text.trim().strip_prefix(PREFIX)?;
    let bytes = base32::decode(BASE32, body)?;
    if bytes.len() != PAYLOAD_LEN + SIGNATURE_LEN {
        return None;
    }
    let payload: [u8; PAYLOAD_LEN] = bytes[..PAYLOAD_LEN].try_into().ok()?;
    let signature: [u8; SIGNATURE_LEN] = bytes[PAYLOAD_LEN..].try_into().ok()?;
    let claims = Claims::from_bytes(&payload)?;
    Some((claims, payload, Signature::from_bytes(&signature)))
}

/// Characters of short codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V look-alikes.
pub const SHORT_CODE_ALPHABET: &[u8; 24] = b"346789ACDEFGHJKMNPQRTWXY";
pub const SHORT_CODE_LEN: usize = 8;

/// A short code from random bits, written `ABCD-EFGH`.
pub fn short_code(mut random: u64) -> String {
    let mut code = String::with_capacity(SHORT_CODE_LEN + 1);
    for i in 0..SHORT_CODE_LEN {
        if i == SHORT_CODE_LEN / 2 {
            code.push('-');
        }
        let index = (random % SHORT_CODE_ALPHABET.len() as u64) as usize;
        code.push(char::from(SHORT_CODE_ALPHABET[index]));
        random /= SHORT_CODE_ALPHABET.len() as u64;
    }
    code
}

/// A typed-in short code in its stored form (`ABCD-EFGH`), forgiving case,
/// spaces and dashes; `None` when it cannot be one.
pub fn normalise_short_code(input: &str) -> Option<String> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() != SHORT_CODE_LEN
        || !chars
            .iter()
            .all(|c| c.is_ascii() && SHORT_CODE_ALPHABET.contains(&(*c as u8)))
    {
        return None;
    }
    let mut code: String = chars[..SHORT_CODE_LEN / 2].iter().collect();
    code.push('-');
    code.extend(&chars[SHORT_CODE_LEN / 2..]);
    Some(code)
}
