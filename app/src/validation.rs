//! Input rules shared by the browser and the server. The server always runs
//! them again at the server-function boundary; the browser only for speed.
use crate::error::{FieldErrors, Problem};

pub const NAME_MAX: usize = 120;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 10;
/// Argon2 hashes any length, but a cap keeps hashing cheap for the server.
pub const PASSWORD_MAX: usize = 200;

/// Trims, checks and lower-cases an email address.
pub fn normalise_email(raw: &str) -> Result<String, Problem> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(Problem::TooLong {
            max: EMAIL_MAX as u32,
        });
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Problem::InvalidEmail);
    };
    if !is_dot_atom(local) || !is_domain(domain) {
        return Err(Problem::InvalidEmail);
    }
    Ok(email)
}

/// The local part as mail clients write it (RFC 5322 dot-atom): no quotes,
/// no display name, no angle brackets, spaces or control characters.
fn is_dot_atom(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || SPECIALS.contains(c)
                        || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
}

/// A host name with at least two labels: letters (also non-Latin), digits
/// and inner hyphens.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()))
}

/// Trims a required text and checks its length in characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    if text.chars().count() > max {
        return Err(Problem::TooLong { max: max as u32 });
    }
    if text.chars().any(|c| c.is_control()) {
        return Err(Problem::InvalidChoice);
    }
    Ok(text.to_owned())
}

/// Checks a new password's length; spaces count, nothing is trimmed.
pub fn new_password(raw: &str) -> Result<String, Problem> {
    let len = raw.chars().count();
    if len == 0 {
        return Err(Problem::Required);
    }
    if len < PASSWORD_MIN {
        return Err(Problem::TooShort {
            min: PASSWORD_MIN as u32,
        });
    }
    if len > PASSWORD_MAX {
        return Err(Problem::TooLong {
            max: PASSWORD_MAX as u32,
        });
    }
    Ok(raw.to_owned())
}

/// Runs `check` and records its problem under `field`; `None` on a problem.
pub fn collect<T>(errors: &mut FieldErrors, field: &str, check: Result<T, Problem>) -> Option<T> {
    check.map_err(|problem| errors.add(field, problem)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalise_email("  Anna.Schmidt@Jobcenter.DE "),
            Ok("anna.schmidt@jobcenter.de".into())
        );
    }

    #[test]
    fn broken_emails_are_refused() {
        for bad in [
            "anna",
            "anna@",
            "@x.de",
            "anna@de",
            "an na@x.de",
            "a@x..de",
            "a@.x.de",
            "a@b@c.de",
            // Display names, angle brackets, quotes, lists, control characters:
            // strings a mail header would read as something else.
            "Anna <anna@x.de>",
            "<anna@x.de>",
            "\"anna\"@x.de",
            "anna@x.de, boss@x.de",
            "anna@x.de\r\nBcc: all@x.de",
            "an\u{0}na@x.de",
            ".anna@x.de",
            "anna.@x.de",
            "anna@-x.de",
            "anna@x.123",
        ] {
            assert_eq!(normalise_email(bad), Err(Problem::InvalidEmail), "{bad}");
        }
        for good in [
            "o'brien@x.de",
            "a+tag@sub.x.de",
            "ayşe@örnek.com.tr",
            "x@xn--mnchen-3ya.de",
        ] {
            assert!(normalise_email(good).is_ok(), "{good}");
        }
        assert_eq!(normalise_email("   "), Err(Problem::Required));
    }

    #[test]
    fn password_length_is_checked_in_characters() {
        assert_eq!(new_password(""), Err(Problem::Required));
        assert_eq!(new_password("kurz"), Err(Problem::TooShort { min: 10 }));
        assert!(new_password("ääääääääää").is_ok());
        assert_eq!(
            new_password(&"x".repeat(201)),
            Err(Problem::TooLong { max: 200 })
        );
    }

    #[test]
    fn required_text_is_trimmed_and_capped() {
        assert_eq!(required_text("  Jobcenter  ", 20), Ok("Jobcenter".into()));
        assert_eq!(required_text("  ", 20), Err(Problem::Required));
        assert_eq!(required_text("abc", 2), Err(Problem::TooLong { max: 2 }));
    }
}
