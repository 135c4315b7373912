//! Personal secrets inside texts: the links and codes that act for one
//! person (an invitation, a ticket, an unsubscribe, a reset or verification
//! link; a ticket's short code and QR text). They are masked wherever a text
//! reaches someone else: another person's mail in the mail viewer, and
//! request paths in the logs.
use regex::Regex;
use std::sync::LazyLock;

/// What a masked secret reads as.
pub const MASK: &str = "••••••";

// A path segment after a link kind that carries a secret, or the value of a
// query parameter that is one. The patterns are constants, checked by the
// tests, so `expect` cannot fail at run time.
#[allow(clippy::expect_used)]
static LINK_SECRETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<keep>/(?:invite|tickets|unsubscribe|password/reset|account/verify)/|[?&](?:amp;)?(?:invite|token|code)=)[A-Za-z0-9_%\-]+",
    )
    .expect("valid pattern")
});

// Ticket short codes (ticket::SHORT_CODE_ALPHABET) and QR texts.
#[allow(clippy::expect_used)]
static SHORT_CODES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[346789ACDEFGHJKMNPQRTWXY]{4}-[346789ACDEFGHJKMNPQRTWXY]{4}\b|\bJF:[A-Z2-7=]+")
        .expect("valid pattern")
});

/// The text with every personal secret replaced by [`MASK`].
pub fn mask_secrets(text: &str) -> String {
    let links = LINK_SECRETS.replace_all(text, format!("${{keep}}{MASK}"));
    SHORT_CODES.replace_all(&links, MASK).into_owned()
}

#[allow(clippy::expect_used)]
static ADDRESSES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+").expect("valid pattern"));

/// The text with email addresses replaced (for logs: an SMTP server's answer
/// often names the recipient).
pub fn mask_addresses(text: &str) -> String {
    ADDRESSES.replace_all(text, "<address>").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_token_paths_are_masked_for_logs() {
        assert_eq!(
            mask_addresses("550 5.1.1 <ayse.demir@example.org>: no such user"),
            "550 5.1.1 <<address>>: no such user"
        );
        assert_eq!(
            mask_secrets("/tickets/k3Jx_-abcdefghijklmnop/calendar.ics"),
            format!("/tickets/{MASK}/calendar.ics")
        );
        assert_eq!(
            mask_secrets("/fairs/flughafen-frankfurt/register"),
            "/fairs/flughafen-frankfurt/register"
        );
    }
}
