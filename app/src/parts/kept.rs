//! What a person typed, kept across a form's error round trip without
//! JavaScript. A plain form post to a server function that fails is
//! redirected back to the page with the error in the address; the server
//! (`server/src/kept_forms.rs`) then also sets a short-lived cookie with
//! the posted fields (never a password, token, code or uploaded list), and
//! the page fills that form's fields from it. The data only travels between
//! the person's own browser and the server, for a few minutes, and the next
//! request clears it.
use super::super::auth::request::cookie_value;
use base64::Engine as _;
use http::request::Parts;
use leptos::prelude::*;

pub const KEPT_FORM_COOKIE: &str = "jf_kept";
/// Forms whose fields do not fit a cookie are not kept (browsers allow
/// about 4 KB per cookie).
const KEPT_FORM_MAX: usize = 3000;
/// How long a kept form waits for its page.
pub const KEPT_FORM_SECONDS: u32 = 300;
/// The server function the kept fields were posted to (the first pair).
const FORM_PATH: &str = "__path";

/// Fields that are never kept: secrets go back to nobody, and uploaded
/// lists (personal data of others) do not belong in a cookie.
fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["password", "token", "invite", "code", "secret", "csv"]
        .iter()
        .any(|word| name.contains(word))
        || name == FORM_PATH
}

/// The cookie value for a form body (`application/x-www-form-urlencoded`)
/// posted to the server function at `path`: its fields without secrets, or
/// `None` when nothing is left or it is too long.
pub fn cookie_for_posted(path: &str, body: &[u8]) -> Option<String> {
    let kept: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(name, _)| !is_secret(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .append_pair(FORM_PATH, path)
        .extend_pairs(kept)
        .finish();
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(encoded);
    (value.len() <= KEPT_FORM_MAX).then_some(value)
}

/// Every value of field `name` in a kept form's cookie value, if the form
/// was posted to `path`.
pub fn values_in(cookie: &str, path: &str, name: &str) -> Vec<String> {
    let Ok(decoded) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cookie) else {
        return Vec::new();
    };
    let mut pairs = form_urlencoded::parse(&decoded);
    match pairs.next() {
        Some((field, posted_to)) if field == FORM_PATH && posted_to == path => {}
        _ => return Vec::new(),
    }
    pairs
        .filter(|(field, _)| field == name)
        .map(|(_, value)| value.into_owned())
        .collect()
}

/// The values field `name` had when its form came back with an error: the
/// address then names the server function (`__path`) and carries its error
/// (`__err`), and the cookie holds what was posted to that function.
pub fn kept_values(name: &str) -> Vec<String> {
    let Some(parts) = use_context::<Parts>() else {
        return Vec::new();
    };
    let mut posted_to = None;
    let mut failed = false;
    for (key, value) in form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "__path" => posted_to = Some(value.into_owned()),
            "__err" => failed = true,
            _ => {}
        }
    }
    match (posted_to, failed, cookie_value(&parts, KEPT_FORM_COOKIE)) {
        (Some(path), true, Some(cookie)) => values_in(&cookie, &path, name),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGN_UP: &str = "/api/auth/sign_up";

    #[test]
    fn a_form_comes_back_without_its_secrets() {
        let body = b"form%5Bname%5D=Ay%C5%9Fe+Y%C4%B1lmaz&form%5Bemail%5D=a%40example.org\
                     &form%5Binterests%5D%5B%5D=it&form%5Binterests%5D%5B%5D=logistics\
                     &password=geheim&new_password=auch-geheim&token=t0ken&form%5Binvite%5D=C0DE\
                     &csv_text=Max%3Bmax%40example.org";
        let cookie = cookie_for_posted(SIGN_UP, body).unwrap_or_default();
        assert_eq!(values_in(&cookie, SIGN_UP, "form[name]"), ["Ayşe Yılmaz"]);
        assert_eq!(
            values_in(&cookie, SIGN_UP, "form[interests][]"),
            ["it", "logistics"]
        );
        for secret in [
            "password",
            "new_password",
            "token",
            "form[invite]",
            "csv_text",
        ] {
            assert!(values_in(&cookie, SIGN_UP, secret).is_empty(), "{secret}");
        }
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&cookie)
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&decoded);
        for secret in ["geheim", "t0ken", "C0DE", "max%40example"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }

    #[test]
    fn kept_fields_fill_only_the_form_they_were_posted_from() {
        let cookie = cookie_for_posted(SIGN_UP, b"form%5Bname%5D=Jana").unwrap_or_default();
        assert_eq!(values_in(&cookie, SIGN_UP, "form[name]"), ["Jana"]);
        assert!(values_in(&cookie, "/api/registration/register", "form[name]").is_empty());
        // A made-up `__path` field cannot redirect the kept fields elsewhere.
        let cookie =
            cookie_for_posted(SIGN_UP, b"__path=%2Fapi%2Fother&name=x").unwrap_or_default();
        assert!(values_in(&cookie, "/api/other", "name").is_empty());
        assert_eq!(values_in(&cookie, SIGN_UP, "name"), ["x"]);
    }

    #[test]
    fn nothing_to_keep_and_too_much_are_not_kept() {
        assert_eq!(cookie_for_posted(SIGN_UP, b"password=x"), None);
        assert_eq!(cookie_for_posted(SIGN_UP, b""), None);
        let long = format!("text={}", "x".repeat(4000));
        assert_eq!(cookie_for_posted(SIGN_UP, long.as_bytes()), None);
        assert!(values_in("not base64 !", SIGN_UP, "text").is_empty());
    }
}
