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
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    let no_space = !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if local.is_empty() || !domain_ok || !no_space {
        return Err(Problem::InvalidEmail);
    }
    Ok(email)
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
        ] {
            assert_eq!(normalise_email(bad), Err(Problem::InvalidEmail), "{bad}");
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
