//! The one way to find the ticket for a code, for the browser (in a door
//! pack's list of every ticket) and for the server (in the one row it
//! fetched from the database for the code's [`Wanted`] key) alike, so both
//! find the same ticket and refuse the same codes. Pure: fetching is the
//! caller's, judging what the ticket admits to too.
use super::{NoTicket, code::Credential, signature};
use ticket::{Claims, TicketVerifier};

/// What a ticket list must say of each ticket to be searched.
pub trait ListedTicket {
    fn ticket_id(&self) -> u32;
    /// Normalised, `ABCD-EFGH`.
    fn short_code(&self) -> &str;
}

/// The window in which short codes are taken: they carry no day of their
/// own (ticket texts do, in their signed claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortCodeWindow {
    pub opens_at: i64,
    pub closes_at: i64,
}

/// Where a code's ticket is, for a caller that fetches it (the server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted<'a> {
    Id(u32),
    ShortCode(&'a str),
}

/// The key to fetch a code's ticket by. A ticket text's claims are read
/// unchecked here: only to fetch, never to admit ([`find_ticket`] checks
/// the signature before it looks). `None` when nothing can match.
pub fn wanted(credential: &Credential) -> Option<Wanted<'_>> {
    match credential {
        Credential::Signed(text) => ticket::read_unverified(text).map(|c| Wanted::Id(c.ticket_id)),
        Credential::ShortCode(code) => Some(Wanted::ShortCode(code)),
        Credential::TicketId(id) => Some(Wanted::Id(*id)),
    }
}

/// The ticket a code stands for.
#[derive(Debug, PartialEq, Eq)]
pub enum Found<'a, T> {
    /// On the list (revoked tickets stay on lists, to be answered so).
    Listed(&'a T),
    /// A genuine ticket text that the list does not have, such as a ticket
    /// issued after a device fetched its list: what its signature vouches.
    Unlisted(Claims),
}

/// Finds the ticket for a code among `tickets`: a ticket text must be
/// genuine, of this fair and valid at `now` (then it is found by its
/// number, listed or not); a short code must be used within `window`; a
/// ticket number must be listed.
pub fn find_ticket<'a, T: ListedTicket>(
    credential: &Credential,
    verifier: &TicketVerifier,
    window: ShortCodeWindow,
    now: i64,
    tickets: &'a [T],
) -> Result<Found<'a, T>, NoTicket> {
    let by_id = |id: u32| tickets.iter().find(|t| t.ticket_id() == id);
    match credential {
        Credential::Signed(text) => {
            let claims = signature::check(verifier, text, now)?;
            Ok(by_id(claims.ticket_id).map_or(Found::Unlisted(claims), Found::Listed))
        }
        Credential::ShortCode(code) => {
            if now < window.opens_at || now > window.closes_at {
                return Err(NoTicket::NotToday);
            }
            tickets
                .iter()
                .find(|t| t.short_code() == code)
                .map(Found::Listed)
                .ok_or(NoTicket::UnknownCode)
        }
        Credential::TicketId(id) => by_id(*id).map(Found::Listed).ok_or(NoTicket::UnknownCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticket::{PublishedKey, TicketSigner};

    const DAY: i64 = 1_804_665_600;
    const WINDOW: ShortCodeWindow = ShortCodeWindow {
        opens_at: DAY - 3600,
        closes_at: DAY + 10 * 3600,
    };

    #[derive(Debug, PartialEq, Eq)]
    struct Listed(u32, &'static str);

    impl ListedTicket for Listed {
        fn ticket_id(&self) -> u32 {
            self.0
        }
        fn short_code(&self) -> &str {
            self.1
        }
    }

    const LIST: [Listed; 2] = [Listed(100, "ACDE-FGHJ"), Listed(101, "KMNP-QRTW")];

    fn signer() -> TicketSigner {
        TicketSigner::from_seed(&[3; 32], 1)
    }

    fn verifier() -> TicketVerifier {
        let signer = signer();
        let key = PublishedKey {
            fair_id: 7,
            key_id: signer.key_id(),
            public_key: signer.public_key(),
        };
        TicketVerifier::new(7, &[key])
    }

    fn signed(signer: &TicketSigner, ticket_id: u32) -> Credential {
        Credential::Signed(signer.sign(Claims {
            fair_id: 7,
            ticket_id,
            slot_id: 1,
            valid_from: (DAY - 6 * 3600) as u32,
            valid_until: (DAY + 12 * 3600) as u32,
            key_id: 0,
        }))
    }

    fn find<'a>(
        credential: &Credential,
        now: i64,
        list: &'a [Listed],
    ) -> Result<Found<'a, Listed>, NoTicket> {
        find_ticket(credential, &verifier(), WINDOW, now, list)
    }

    #[test]
    fn ticket_texts_short_codes_and_numbers_find_their_ticket() {
        let signer = signer();
        assert_eq!(
            find(&signed(&signer, 101), DAY, &LIST),
            Ok(Found::Listed(&LIST[1]))
        );
        let code = Credential::ShortCode("ACDE-FGHJ".into());
        assert_eq!(find(&code, DAY, &LIST), Ok(Found::Listed(&LIST[0])));
        assert_eq!(
            find(&Credential::TicketId(101), DAY, &LIST),
            Ok(Found::Listed(&LIST[1]))
        );
    }

    #[test]
    fn a_genuine_ticket_text_off_the_list_is_found_by_its_claims() {
        match find(&signed(&signer(), 555), DAY, &LIST) {
            Ok(Found::Unlisted(claims)) => assert_eq!((claims.ticket_id, claims.slot_id), (555, 1)),
            other => panic!("expected the claims, got {other:?}"),
        }
    }

    #[test]
    fn unknown_forged_and_ill_timed_codes_find_nothing() {
        let stranger = TicketSigner::from_seed(&[4; 32], 1);
        assert_eq!(
            find(&signed(&stranger, 100), DAY, &LIST),
            Err(NoTicket::Forged)
        );
        assert_eq!(
            find(&signed(&signer(), 100), DAY + 86_400, &LIST),
            Err(NoTicket::NotToday)
        );
        let unknown = Credential::ShortCode("ACDE-FGHK".into());
        assert_eq!(find(&unknown, DAY, &LIST), Err(NoTicket::UnknownCode));
        let known = Credential::ShortCode("ACDE-FGHJ".into());
        assert_eq!(
            find(&known, WINDOW.closes_at + 1, &LIST),
            Err(NoTicket::NotToday)
        );
        assert_eq!(
            find(&known, WINDOW.opens_at - 1, &LIST),
            Err(NoTicket::NotToday)
        );
        assert_eq!(
            find(&Credential::TicketId(7), DAY, &LIST),
            Err(NoTicket::UnknownCode)
        );
    }

    #[test]
    fn the_fetched_row_for_the_wanted_key_answers_as_the_whole_list() {
        // The server fetches one row by the code's key; the answer is the
        // one a device gives with the whole list.
        let signer = signer();
        let fetch = |key: Option<Wanted>| -> Vec<Listed> {
            LIST.iter()
                .filter(|t| match &key {
                    Some(Wanted::Id(id)) => t.0 == *id,
                    Some(Wanted::ShortCode(code)) => t.1 == *code,
                    None => false,
                })
                .map(|t| Listed(t.0, t.1))
                .collect()
        };
        for credential in [
            signed(&signer, 100),
            signed(&signer, 555),
            signed(&TicketSigner::from_seed(&[4; 32], 1), 100),
            Credential::ShortCode("KMNP-QRTW".into()),
            Credential::ShortCode("ACDE-FGHK".into()),
            Credential::TicketId(100),
            Credential::TicketId(9),
        ] {
            let row = fetch(wanted(&credential));
            assert_eq!(
                find(&credential, DAY, &row),
                find(&credential, DAY, &LIST),
                "{credential:?}"
            );
        }
        assert_eq!(wanted(&Credential::Signed("JF:AAAA".into())), None);
        assert_eq!(wanted(&signed(&signer, 100)), Some(Wanted::Id(100)));
    }
}
