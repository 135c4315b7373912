//! What was presented: the signed text of a QR code, a short code typed in
//! (or read by a hand scanner), or a ticket picked from a list. Pure, so
//! the server and the browser read a text alike.
use super::NoTicket;

/// Longest text accepted as a code (a ticket text is 143 characters).
pub const CREDENTIAL_MAX: usize = 200;

/// What was presented at a scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// The signed text of a QR code.
    Signed(String),
    /// A short code typed in, normalised (`ABCD-EFGH`).
    ShortCode(String),
    /// A ticket picked from the name search (`#123`).
    TicketId(u32),
}

impl Credential {
    /// Reads what a camera, a keyboard-wedge scanner or a person typed:
    /// case, spaces and dashes of short codes are forgiven, and a ticket
    /// text's body is upper-cased (phones' keyboards and some hand scanners
    /// change the case).
    pub fn read(input: &str) -> Result<Credential, NoTicket> {
        let input = input.trim();
        if input.len() > CREDENTIAL_MAX {
            return Err(NoTicket::NotACode);
        }
        if input.len() > 3 && input[..3].eq_ignore_ascii_case(ticket::PREFIX) {
            return Ok(Credential::Signed(format!(
                "{}{}",
                ticket::PREFIX,
                input[3..].to_ascii_uppercase()
            )));
        }
        if let Some(id) = input.strip_prefix('#').and_then(|n| n.parse().ok()) {
            return Ok(Credential::TicketId(id));
        }
        ticket::normalise_short_code(input)
            .map(Credential::ShortCode)
            .ok_or(NoTicket::NotACode)
    }

    /// The text form, as stored and synced.
    pub fn text(&self) -> String {
        match self {
            Credential::Signed(text) | Credential::ShortCode(text) => text.clone(),
            Credential::TicketId(id) => format!("#{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_texts_are_recognised_whatever_their_case() {
        assert_eq!(
            Credential::read("  jf:abc234 "),
            Ok(Credential::Signed("JF:ABC234".into()))
        );
        assert_eq!(
            Credential::read("JF:ABC234").map(|c| c.text()),
            Ok("JF:ABC234".into())
        );
        // The prefix alone is no ticket.
        assert_eq!(Credential::read("JF:"), Err(NoTicket::NotACode));
    }

    #[test]
    fn typed_short_codes_are_normalised() {
        for typed in ["acde fghj", "ACDE-FGHJ", "acdefghj", " AcDe - FgHj "] {
            assert_eq!(
                Credential::read(typed),
                Ok(Credential::ShortCode("ACDE-FGHJ".into())),
                "{typed}"
            );
        }
        // Look-alike characters are not in the alphabet.
        assert_eq!(Credential::read("ACDE-FGH0"), Err(NoTicket::NotACode));
        assert_eq!(Credential::read("ACDE-FGH"), Err(NoTicket::NotACode));
    }

    #[test]
    fn picked_tickets_names_and_overlong_texts() {
        assert_eq!(Credential::read("#123"), Ok(Credential::TicketId(123)));
        assert_eq!(Credential::TicketId(123).text(), "#123");
        assert_eq!(Credential::read("#abc"), Err(NoTicket::NotACode));
        assert_eq!(Credential::read("Hallo Welt"), Err(NoTicket::NotACode));
        assert_eq!(Credential::read(""), Err(NoTicket::NotACode));
        let long = format!("JF:{}", "A".repeat(CREDENTIAL_MAX));
        assert_eq!(Credential::read(&long), Err(NoTicket::NotACode));
    }
}
