//! A short-lived cache for the public fair page. When thousands of
//! jobseekers open the same page after an invitation mail, one rendering per
//! second serves them all. Only anonymous GETs are cached (no session
//! cookie), per language and text size, only complete 200 HTML answers
//! without cookies; every answer still gets its own CSP nonce.
use crate::startup::ServerState;
use app::auth::request::{LOCALE_COOKIE, SESSION_COOKIE, cookie_value};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Pages larger than this are not cached.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// More distinct pages than this empties the cache (fairs × languages × sizes).
const MAX_ENTRIES: usize = 2000;

struct Entry {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
}

pub struct PageCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str) -> Option<Response> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key).filter(|e| e.stored.elapsed() < self.ttl)?;
        Some(fresh_copy(entry))
    }

    fn put(&self, key: String, entry: Entry) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, entry);
        }
    }
}

/// The nonce of a page's `content-security-policy` header.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let end = policy[start..].find('\'')? + start;
    Some(policy[start..end].to_owned())
}

/// The cached page with a new nonce in both the header and the document.
fn fresh_copy(entry: &Entry) -> Response {
    let mut headers = entry.headers.clone();
    let body = match &entry.nonce {
        Some(old) => {
            let new = format!(
                "{:016x}{:016x}",
                rand::random::<u64>(),
                rand::random::<u64>()
            );
            if let Some(policy) = headers
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok())
                .and_then(|p| HeaderValue::from_str(&p.replace(old.as_str(), &new)).ok())
            {
                headers.insert(header::CONTENT_SECURITY_POLICY, policy);
            }
            let html = String::from_utf8_lossy(&entry.body).replace(old.as_str(), &new);
            Body::from(html)
        }
        None => Body::from(entry.body.clone()),
    };
    let mut response = Response::new(body);
    *response.headers_mut() = headers;
    response
}

pub async fn cache_public_pages(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    let cache = &state.page_cache;
    let (parts, body) = request.into_parts();
    if cache.ttl.is_zero()
        || parts.method != Method::GET
        || !parts.uri.path().starts_with("/fairs/")
        || cookie_value(&parts, SESSION_COOKIE).is_some()
        // A personal invitation link fills in a name: never shared.
        || parts.uri.query().is_some_and(|q| q.contains("invite="))
    {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let key = format!(
        "{}|{}|{}",
        parts.uri,
        cookie_value(&parts, LOCALE_COOKIE).unwrap_or_default(),
        cookie_value(&parts, app::prefs::TEXT_SIZE_COOKIE).unwrap_or_default()
    );
    if let Some(hit) = cache.get(&key) {
        return hit;
    }
    let response = next.run(Request::from_parts(parts, body)).await;
    let cacheable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        // Too large or broken: answer without caching.
        return Response::from_parts(parts, Body::empty());
    };
    let entry = Entry {
        stored: Instant::now(),
        nonce: nonce_of(&parts.headers),
        headers: parts.headers.clone(),
        body: bytes.clone(),
    };
    cache.put(key, entry);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_copy_gets_its_own_nonce() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-abc123XYZ'; style-src 'self'"),
        );
        let nonce = nonce_of(&headers);
        assert_eq!(nonce.as_deref(), Some("abc123XYZ"));
        let entry = Entry {
            stored: Instant::now(),
            headers,
            body: Bytes::from_static(b"<script nonce=\"abc123XYZ\">x</script>"),
            nonce,
        };
        let a = fresh_copy(&entry);
        let b = fresh_copy(&entry);
        let policy = |r: &Response| nonce_of(r.headers()).unwrap_or_default();
        assert_ne!(policy(&a), "abc123XYZ");
        assert_ne!(policy(&a), policy(&b));
    }
}
