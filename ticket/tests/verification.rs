//! What the door relies on: genuine tickets pass; altered, foreign, expired
//! and revoked ones are refused. Runs natively (`cargo test -p ticket`) and
//! as wasm in Node (`--target wasm32-unknown-unknown`, see scripts/test.sh),
//! because the scanner verifies in the browser.
use ticket::{
    Claims, PREFIX, PublishedKey, Rejection, TicketSigner, TicketVerifier, normalise_short_code,
    read_unverified, short_code,
};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const NOW: i64 = 1_900_000_000;

fn claims(fair_id: u32) -> Claims {
    Claims {
        fair_id,
        ticket_id: 4711,
        slot_id: 12,
        valid_from: (NOW - 3600) as u32,
        valid_until: (NOW + 3600) as u32,
        key_id: 0,
    }
}

fn signer(seed_byte: u8, key_id: u16) -> TicketSigner {
    TicketSigner::from_seed(&[seed_byte; 32], key_id)
}

fn published(fair_id: u32, signer: &TicketSigner) -> PublishedKey {
    PublishedKey {
        fair_id,
        key_id: signer.key_id(),
        public_key: signer.public_key(),
    }
}

fn verifier_for_fair_1() -> TicketVerifier {
    TicketVerifier::new(
        1,
        &[published(1, &signer(1, 1)), published(1, &signer(2, 2))],
    )
}

fn not_revoked(_: u32) -> bool {
    false
}

const BASE32: base32::Alphabet = base32::Alphabet::Rfc4648 { padding: false };

/// The raw bytes of a ticket text, to alter them like an attacker would.
fn raw(text: &str) -> Vec<u8> {
    base32::decode(BASE32, text.strip_prefix(PREFIX).unwrap_or_default()).unwrap_or_default()
}

fn text(bytes: &[u8]) -> String {
    format!("{PREFIX}{}", base32::encode(BASE32, bytes))
}

#[test]
fn a_genuine_ticket_passes_with_every_listed_key() {
    let verifier = verifier_for_fair_1();
    for key in [signer(1, 1), signer(2, 2)] {
        let ticket = key.sign(claims(1));
        let read = verifier.verify(&ticket, NOW, not_revoked);
        assert_eq!(
            read,
            Ok(Claims {
                key_id: key.key_id(),
                ..claims(1)
            })
        );
    }
}

#[test]
fn the_ticket_text_fits_the_dense_qr_mode() {
    let ticket = signer(1, 1).sign(claims(1));
    assert!(ticket.starts_with("JF:"));
    assert!(ticket.len() < 150, "{} characters", ticket.len());
    assert!(
        ticket
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ':')
    );
}

#[test]
fn an_altered_payload_is_refused() {
    let verifier = verifier_for_fair_1();
    let ticket = signer(1, 1).sign(claims(1));
    // Byte 10 is the last byte of the ticket id, 14 of the slot, 22 of the end.
    for at in [10, 14, 22] {
        let mut bytes = raw(&ticket);
        bytes[at] ^= 0x01;
        assert_eq!(
            verifier.verify(&text(&bytes), NOW, not_revoked),
            Err(Rejection::BadSignature),
            "byte {at}"
        );
    }
}

#[test]
fn an_altered_signature_is_refused() {
    let verifier = verifier_for_fair_1();
    let ticket = signer(1, 1).sign(claims(1));
    let mut bytes = raw(&ticket);
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    assert_eq!(
        verifier.verify(&text(&bytes), NOW, not_revoked),
        Err(Rejection::BadSignature)
    );
    let mut bytes = raw(&ticket);
    bytes[30] ^= 0x01;
    assert_eq!(
        verifier.verify(&text(&bytes), NOW, not_revoked),
        Err(Rejection::BadSignature)
    );
}

#[test]
fn a_ticket_signed_with_a_key_of_another_fair_is_refused() {
    let verifier = verifier_for_fair_1();
    let other_fair = signer(9, 1);
    // Honest ticket of fair 2.
    assert_eq!(
        verifier.verify(&other_fair.sign(claims(2)), NOW, not_revoked),
        Err(Rejection::OtherFair { fair_id: 2 })
    );
    // Fair 2's key claiming to be fair 1 (same key number as fair 1's key).
    assert_eq!(
        verifier.verify(&other_fair.sign(claims(1)), NOW, not_revoked),
        Err(Rejection::BadSignature)
    );
    // Keys published for another fair are not used for this one.
    let confused = TicketVerifier::new(1, &[published(2, &other_fair)]);
    assert_eq!(
        confused.verify(&other_fair.sign(claims(1)), NOW, not_revoked),
        Err(Rejection::UnknownKey)
    );
}

#[test]
fn a_retired_key_no_longer_verifies() {
    let ticket = signer(1, 1).sign(claims(1));
    let only_new_key = TicketVerifier::new(1, &[published(1, &signer(2, 2))]);
    assert_eq!(
        only_new_key.verify(&ticket, NOW, not_revoked),
        Err(Rejection::UnknownKey)
    );
}

#[test]
fn an_expired_or_early_ticket_is_refused() {
    let verifier = verifier_for_fair_1();
    let ticket = signer(1, 1).sign(claims(1));
    assert_eq!(
        verifier.verify(&ticket, NOW + 3601, not_revoked),
        Err(Rejection::Expired)
    );
    assert_eq!(
        verifier.verify(&ticket, NOW - 3601, not_revoked),
        Err(Rejection::NotYetValid)
    );
    assert!(verifier.verify(&ticket, NOW + 3600, not_revoked).is_ok());
}

#[test]
fn a_revoked_ticket_is_refused() {
    let verifier = verifier_for_fair_1();
    let ticket = signer(1, 1).sign(claims(1));
    assert_eq!(
        verifier.verify(&ticket, NOW, |id| id == 4711),
        Err(Rejection::Revoked)
    );
    assert!(verifier.verify(&ticket, NOW, |id| id == 4712).is_ok());
}

#[test]
fn garbage_is_not_a_ticket() {
    let verifier = verifier_for_fair_1();
    let ticket = signer(1, 1).sign(claims(1));
    for input in [
        "",
        "JF:",
        "https://example.org",
        "JF:AAAA",
        &ticket[..ticket.len() - 8],
        &ticket.replace("JF:", "XX:"),
        &ticket.to_lowercase(),
    ] {
        assert_eq!(
            verifier.verify(input, NOW, not_revoked),
            Err(Rejection::NotATicket),
            "{input}"
        );
    }
    // A payload of an unknown format version.
    let mut bytes = raw(&ticket);
    bytes[0] = 2;
    assert_eq!(
        verifier.verify(&text(&bytes), NOW, not_revoked),
        Err(Rejection::NotATicket)
    );
}

#[test]
fn unverified_reading_shows_the_claims() {
    let ticket = signer(1, 7).sign(claims(3));
    assert_eq!(
        read_unverified(&ticket),
        Some(Claims {
            key_id: 7,
            ..claims(3)
        })
    );
}

#[test]
fn short_codes_avoid_look_alikes_and_forgive_typing() {
    let code = short_code(0x1234_5678_9abc_def0);
    assert_eq!(code.len(), 9);
    assert_eq!(&code[4..5], "-");
    for look_alike in [
        '0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B', 'U', 'V',
    ] {
        assert!(!code.contains(look_alike));
    }
    assert_ne!(short_code(1), short_code(2));
    let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
    assert_eq!(normalise_short_code(&typed), Some(code.clone()));
    assert_eq!(normalise_short_code("ABCD-EFG0"), None);
    assert_eq!(normalise_short_code("ACD"), None);
}
