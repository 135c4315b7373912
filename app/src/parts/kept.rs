//! What a person typed, kept across a form's error round trip without
//! JavaScript. A plain form post to a server function that fails is
//! redirected back to the page with the error in the address; the server
//! (`server/src/kept_forms.rs`) then also sets a short-lived cookie with
//! the posted fields (never a password), and the page fills its fields from
//! it, once. The data only travels between the person's own browser and
//! the server, for a few minutes.
use super::super::auth::request::cookie_value;
use base64::Engine as _;
use http::{HeaderValue, header, request::Parts};
use leptos::prelude::*;

pub const KEPT_FORM_COOKIE: &str = "jf_kept";
/// Forms whose fields do not fit a cookie are not kept (browsers allow
/// about 4 KB per cookie).
const KEPT_FORM_MAX: usize = 3000;
/// How long a kept form waits for its page.
pub const KEPT_FORM_SECONDS: u32 = 300;

/// Fields that are never kept: passwords go back to nobody.
fn is_secret(name: &str) -> bool {
    name.to_ascii_lowercase().contains("password")
}

/// The cookie value for a posted form body (`application/x-www-form-urlencoded`):
/// its fields without secrets, or `None` when nothing is left or it is too long.
pub fn cookie_for_posted(body: &[u8]) -> Option<String> {
    let kept: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(name, _)| !is_secret(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(encoded);
    (value.len() <= KEPT_FORM_MAX).then_some(value)
}

/// Every value of field `name` in a kept form's cookie value.
pub fn values_in(cookie: &str, name: &str) -> Vec<String> {
    let Ok(decoded) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cookie) else {
        return Vec::new();
    };
    form_urlencoded::parse(&decoded)
        .filter(|(field, _)| field == name)
        .map(|(_, value)| value.into_owned())
        .collect()
}

/// The values field `name` had when its form came back with an error (the
/// address then carries `__err`); empty otherwise. The first field that asks
/// also ends the cookie, so the next visit starts empty.
pub fn kept_values(name: &str) -> Vec<String> {
    let Some(parts) = use_context::<Parts>() else {
        return Vec::new();
    };
    let returned_with_error = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair.starts_with("__err=")));
    let Some(cookie) = cookie_value(&parts, KEPT_FORM_COOKIE) else {
        return Vec::new();
    };
    forget_kept_form();
    if !returned_with_error {
        return Vec::new();
    }
    values_in(&cookie, name)
}

/// Clears the cookie in this response (once per response).
fn forget_kept_form() {
    #[derive(Clone)]
    struct Forgotten;
    if use_context::<Forgotten>().is_some() {
        return;
    }
    provide_context(Forgotten);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(
            header::SET_COOKIE,
            HeaderValue::from_static("jf_kept=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_comes_back_without_its_passwords() {
        let body = b"form%5Bname%5D=Ay%C5%9Fe+Y%C4%B1lmaz&form%5Bemail%5D=a%40example.org\
                     &form%5Binterests%5D%5B%5D=it&form%5Binterests%5D%5B%5D=logistics\
                     &password=geheim&new_password=auch-geheim";
        let cookie = cookie_for_posted(body).unwrap_or_default();
        assert_eq!(values_in(&cookie, "form[name]"), ["Ayşe Yılmaz"]);
        assert_eq!(values_in(&cookie, "form[interests][]"), ["it", "logistics"]);
        assert!(values_in(&cookie, "password").is_empty());
        assert!(values_in(&cookie, "new_password").is_empty());
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&cookie)
            .unwrap_or_default();
        assert!(!String::from_utf8_lossy(&decoded).contains("geheim"));
    }

    #[test]
    fn nothing_to_keep_and_too_much_are_not_kept() {
        assert_eq!(cookie_for_posted(b"password=x"), None);
        assert_eq!(cookie_for_posted(b""), None);
        let long = format!("text={}", "x".repeat(4000));
        assert_eq!(cookie_for_posted(long.as_bytes()), None);
        assert!(values_in("not base64 !", "text").is_empty());
    }
}
