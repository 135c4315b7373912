//! A short-lived cache for the public fair page. When thousands of
//! jobseekers open the same page after an invitation mail, one rendering per
//! second serves them all. Only anonymous GETs without a query string are
//! cached (no session cookie; a query can carry a personal invitation code,
//! and random ones must not fill the cache), keyed on what changes the page:
//! the path, the language and the text size (unknown cookie values count as
//! the defaults). Only complete, non-empty 200 HTML answers without cookies
//! are kept; memory is bounded by bytes, expired pages go first. Every
//! answer still gets its own CSP nonce.
use crate::startup::ServerState;
use app::auth::request::{LOCALE_COOKIE, SESSION_COOKIE, cookie_value};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Pages larger than this are not cached.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// The cache never holds more page bytes than this.
const BYTE_BUDGET: usize = 32 * 1024 * 1024;

struct Entry {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
    nonce: Option<String>,
}

pub struct PageCache {
    ttl: Duration,
    budget: usize,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        Self::with_budget(ttl, BYTE_BUDGET)
    }

    fn with_budget(ttl: Duration, budget: usize) -> Self {
        Self {
            ttl,
            budget,
            entries: Mutex::new(Entries::default()),
        }
    }

    fn get(&self, key: &str) -> Option<Response> {
        let entries = self.entries.lock().ok()?;
        let entry = entries
            .map
            .get(key)
            .filter(|e| e.stored.elapsed() < self.ttl)?;
        Some(fresh_copy(entry))
    }

    /// Stores a page: expired pages are dropped first, then the oldest until
    /// the new one fits the byte budget.
    fn put(&self, key: String, entry: Entry) {
        let size = entry.body.len();
        if size == 0 || size > self.budget {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let ttl = self.ttl;
        entries.map.retain(|_, e| e.stored.elapsed() < ttl);
        entries.map.remove(&key);
        entries.bytes = entries.map.values().map(|e| e.body.len()).sum();
        while entries.bytes + size > self.budget {
            let Some(oldest) = entries
                .map
                .iter()
                .min_by_key(|(_, e)| e.stored)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = entries.map.remove(&oldest) {
                entries.bytes -= gone.body.len();
            }
        }
        entries.bytes += size;
        entries.map.insert(key, entry);
    }

    /// Pages and bytes held (for the tests).
    #[cfg(test)]
    fn held(&self) -> (usize, usize) {
        self.entries
            .lock()
            .map(|e| (e.map.len(), e.bytes))
            .unwrap_or_default()
    }
}

/// What changes a public page: its path, the language and the text size.
/// Cookie values that are not a language or a size count as the defaults,
/// so made-up values cannot multiply the entries.
fn cache_key(path: &str, language: Option<&str>, text_size: Option<&str>) -> String {
    let language = match language {
        Some("en") => "en",
        _ => "de",
    };
    let size = text_size
        .and_then(app::prefs::TextSize::parse)
        .unwrap_or_default()
        .as_str();
    format!("{path}|{language}|{size}")
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
        // A query can carry a personal invitation code (the page then fills
        // in a name and an address: never shared), and random ones must not
        // fill the cache.
        || parts.uri.query().is_some()
    {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let key = cache_key(
        parts.uri.path(),
        cookie_value(&parts, LOCALE_COOKIE).as_deref(),
        cookie_value(&parts, app::prefs::TEXT_SIZE_COOKIE).as_deref(),
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
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        // The page broke off while rendering: never a 200 with half a page.
        tracing::error!("a public page broke off while rendering");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if !bytes.is_empty() && bytes.len() <= MAX_BODY {
        cache.put(
            key,
            Entry {
                stored: Instant::now(),
                nonce: nonce_of(&parts.headers),
                headers: parts.headers.clone(),
                body: bytes.clone(),
            },
        );
    }
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

    fn page(bytes: usize) -> Entry {
        Entry {
            stored: Instant::now(),
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
            nonce: None,
        }
    }

    #[test]
    fn made_up_cookie_values_do_not_make_new_entries() {
        let a = cache_key("/fairs/x", Some("de"), None);
        assert_eq!(
            a,
            cache_key("/fairs/x", Some("xx-123"), Some("gigantic-42"))
        );
        assert_eq!(a, cache_key("/fairs/x", None, Some("normal")));
        assert_ne!(a, cache_key("/fairs/x", Some("en"), None));
        assert_ne!(a, cache_key("/fairs/y", Some("de"), None));
    }

    #[test]
    fn memory_is_bounded_by_bytes_oldest_first_and_empty_pages_are_not_kept() {
        let cache = PageCache::with_budget(Duration::from_secs(60), 1000);
        cache.put("a".into(), page(400));
        std::thread::sleep(Duration::from_millis(2));
        cache.put("b".into(), page(400));
        std::thread::sleep(Duration::from_millis(2));
        cache.put("c".into(), page(400));
        assert_eq!(cache.held(), (2, 800), "the oldest made room");
        assert!(cache.get("a").is_none());
        assert!(cache.get("c").is_some());
        cache.put("d".into(), page(0));
        cache.put("e".into(), page(2000));
        assert_eq!(
            cache.held(),
            (2, 800),
            "empty and oversized pages are not kept"
        );
    }

    #[test]
    fn expired_pages_are_dropped() {
        let cache = PageCache::with_budget(Duration::from_millis(1), 1000);
        cache.put("a".into(), page(400));
        std::thread::sleep(Duration::from_millis(5));
        assert!(cache.get("a").is_none());
        cache.put("b".into(), page(100));
        assert_eq!(cache.held(), (1, 100));
    }
}
