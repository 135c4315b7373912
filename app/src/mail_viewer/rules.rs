//! Who may read which mail in the viewer, and what of it.
//!
//! A person reads their own mail once their address is proven. Owners and
//! organisers also read their organisation's outgoing mail, as a log of what
//! went out, but a mail to someone else can carry that person's secrets: an
//! invitation link, a personal ticket link with its QR code and short code,
//! an unsubscribe link, a reset or verification link. Those are masked, and
//! its inline images (the QR code) and attachments (the calendar file with
//! the ticket link) are not shown.

/// How the reader relates to one mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Addressed to the reader: shown as it is.
    Own,
    /// Another person's mail from the reader's organisation: secrets masked.
    OrganisationLog,
}

/// What the reader may see of a mail; `None`: not at all.
pub fn access(
    reader_email: &str,
    reader_verified: bool,
    recipient: &str,
    reader_plans_for_sender: bool,
) -> Option<Access> {
    if reader_verified && recipient.eq_ignore_ascii_case(reader_email) {
        Some(Access::Own)
    } else if reader_verified && reader_plans_for_sender {
        Some(Access::OrganisationLog)
    } else {
        None
    }
}

pub use crate::secrets::{MASK, mask_secrets};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_mail_needs_a_proven_address() {
        assert_eq!(access("a@x.de", true, "a@x.de", false), Some(Access::Own));
        assert_eq!(access("a@x.de", true, "A@X.de", true), Some(Access::Own));
        assert_eq!(access("a@x.de", false, "a@x.de", false), None);
        assert_eq!(access("a@x.de", false, "b@x.de", true), None);
    }

    #[test]
    fn planners_read_others_mail_masked_strangers_nothing() {
        assert_eq!(
            access("a@x.de", true, "b@x.de", true),
            Some(Access::OrganisationLog)
        );
        assert_eq!(access("a@x.de", true, "b@x.de", false), None);
    }

    #[test]
    fn every_kind_of_personal_link_is_masked() {
        let base = "https://jobfair.example";
        for (link, kept) in [
            (
                "/invite/AbC_d-9xYz0123456789abcdefghijklmnopqrstu",
                "/invite/",
            ),
            (
                "/tickets/k3Jx_-abcdefghijklmnopqrstuvwxyz0123456789",
                "/tickets/",
            ),
            ("/tickets/k3Jx_-abcdef/calendar.ics", "/tickets/"),
            ("/unsubscribe/zzzzzzzzzzzzzzzzzzzzzz", "/unsubscribe/"),
            (
                "/password/reset/qqqqqqqqqqqqqqqqqqqqqqqqq",
                "/password/reset/",
            ),
            (
                "/account/verify/vvvvvvvvvvvvvvvvvvvvvvvvv",
                "/account/verify/",
            ),
            (
                "/fairs/flughafen-frankfurt/register?invite=S3cr3t-Code_x",
                "/fairs/flughafen-frankfurt/register?invite=",
            ),
            (
                "/fairs/flughafen-frankfurt?lang=de&amp;invite=S3cr3t",
                "/fairs/flughafen-frankfurt?lang=de&amp;invite=",
            ),
        ] {
            let text = format!("Ihr Link: <a href=\"{base}{link}\">{base}{link}</a>.");
            let masked = mask_secrets(&text);
            assert!(masked.contains(&format!("{base}{kept}{MASK}")), "{masked}");
            let secret = link
                .trim_start_matches(kept)
                .split(['/', '"'])
                .next()
                .unwrap_or_default();
            assert!(!masked.contains(secret), "{secret} left in {masked}");
        }
    }

    #[test]
    fn short_codes_and_qr_texts_are_masked_other_text_is_not() {
        let text =
            "Kurzcode: ACDE-FGHJ, QR: JF:AEBAGBAF, Zeitfenster 09:00–12:00, Halle B, 2026-12-02";
        let masked = mask_secrets(text);
        assert!(!masked.contains("ACDE-FGHJ"));
        assert!(!masked.contains("JF:AEBAGBAF"));
        assert!(masked.contains("Zeitfenster 09:00–12:00, Halle B, 2026-12-02"));
        let public = "https://jobfair.example/fairs/flughafen-frankfurt/exhibitors";
        assert_eq!(mask_secrets(public), public);
    }
}
