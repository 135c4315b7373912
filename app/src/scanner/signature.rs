//! The signature check of a ticket text: genuine, of this fair, valid
//! today. Whether the ticket was cancelled since is the ticket list's
//! answer ([`super::lookup`]), not the signature's.
use super::NoTicket;
use ticket::{Claims, Rejection, TicketVerifier};

/// The claims of a genuine ticket text of the verifier's fair, valid at
/// `now`.
pub fn check(verifier: &TicketVerifier, text: &str, now: i64) -> Result<Claims, NoTicket> {
    verifier.verify(text, now, |_| false).map_err(|r| match r {
        Rejection::NotATicket => NoTicket::NotACode,
        Rejection::OtherFair { .. } => NoTicket::OtherFair,
        Rejection::UnknownKey | Rejection::BadSignature => NoTicket::Forged,
        Rejection::NotYetValid | Rejection::Expired => NoTicket::NotToday,
        // Not asked (nothing is passed as revoked above): revocation comes
        // from the list, which keeps revoked tickets to say so.
        Rejection::Revoked => NoTicket::Forged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticket::{PublishedKey, TicketSigner};

    const DAY: i64 = 1_804_665_600;

    fn verifier(signer: &TicketSigner, fair_id: u32) -> TicketVerifier {
        let key = PublishedKey {
            fair_id,
            key_id: signer.key_id(),
            public_key: signer.public_key(),
        };
        TicketVerifier::new(fair_id, &[key])
    }

    fn signed(signer: &TicketSigner, fair_id: u32) -> String {
        signer.sign(Claims {
            fair_id,
            ticket_id: 100,
            slot_id: 1,
            valid_from: (DAY - 3600) as u32,
            valid_until: (DAY + 3600) as u32,
            key_id: 0,
        })
    }

    #[test]
    fn genuine_foreign_forged_and_expired_texts() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let ours = verifier(&signer, 7);
        let text = signed(&signer, 7);
        assert_eq!(check(&ours, &text, DAY).map(|c| c.ticket_id), Ok(100));
        assert_eq!(
            check(&ours, &signed(&signer, 8), DAY),
            Err(NoTicket::OtherFair)
        );
        let stranger = TicketSigner::from_seed(&[4; 32], 1);
        assert_eq!(
            check(&ours, &signed(&stranger, 7), DAY),
            Err(NoTicket::Forged)
        );
        assert_eq!(check(&ours, &text, DAY + 7200), Err(NoTicket::NotToday));
        assert_eq!(check(&ours, &text, DAY - 7200), Err(NoTicket::NotToday));
        assert_eq!(check(&ours, "JF:AAAA", DAY), Err(NoTicket::NotACode));
    }
}
