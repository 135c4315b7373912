//! A short-lived cache for the public fair page. When thousands of
//! jobseekers open the same page after an invitation mail, one rendering per
//! second serves them all. Only anonymous GETs without a query string are
//! cached (no session cookie; a query can carry a personal invitation code,
//! and random ones must not fill the cache), keyed on what changes the page:
//! the path, the language and the text size (unknown cookie values count as
//! the defaults). Only complete, non-empty 200 HTML answers without cookies
//! are kept; memory is bounded by bytes, expired pages go first. Every
//! answer still gets its own CSP nonce. Public pages have none (no inline
//! script but fixed ones allowed by hash), so their brotli and gzip forms
//! are made once when the page is stored and served as they are: a rush of
//! browsers, which all send `Accept-Encoding: br, gzip`, costs no
//! compression per request.
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
    io::Write as _,
    sync::{Arc, Mutex},
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
    /// The body in brotli and gzip, for pages without a nonce.
    compressed: Option<Compressed>,
}

struct Compressed {
    brotli: Bytes,
    gzip: Bytes,
}

impl Entry {
    fn new(headers: HeaderMap, body: Bytes) -> Self {
        let nonce = nonce_of(&headers);
        // A page with a nonce changes with every copy: nothing to keep.
        let compressed = nonce.is_none().then(|| compress(&body)).flatten();
        Entry {
            stored: Instant::now(),
            headers,
            body,
            nonce,
            compressed,
        }
    }

    /// The bytes this entry holds against the budget.
    fn size(&self) -> usize {
        self.body.len()
            + self
                .compressed
                .as_ref()
                .map_or(0, |c| c.brotli.len() + c.gzip.len())
    }
}

/// Brotli at quality 9 (close to 11 for pages of this size, at a fraction
/// of the time) and gzip at level 9; `None` if either fails.
fn compress(body: &[u8]) -> Option<Compressed> {
    let mut brotli = Vec::with_capacity(body.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 9, 22);
        writer.write_all(body).ok()?;
    }
    let mut gzip = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::best(),
    );
    gzip.write_all(body).ok()?;
    Some(Compressed {
        brotli: Bytes::from(brotli),
        gzip: Bytes::from(gzip.finish().ok()?),
    })
}

/// What the client takes, best first: brotli, gzip or neither. A coding
/// listed with `q=0` is refused; `*` stands for any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
    Identity,
}

fn preferred_coding(accept_encoding: Option<&str>) -> Coding {
    let Some(header) = accept_encoding else {
        return Coding::Identity;
    };
    // Each listed coding and whether it is refused (`q=0`).
    let listed: Vec<(&str, bool)> = header
        .split(',')
        .map(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding, refused)
        })
        .collect();
    // A coding named explicitly decides; otherwise `*` does.
    let accepted = |name: &str| {
        listed
            .iter()
            .find(|(coding, _)| coding.eq_ignore_ascii_case(name))
            .or_else(|| listed.iter().find(|(coding, _)| *coding == "*"))
            .is_some_and(|(_, refused)| !refused)
    };
    if accepted("br") {
        Coding::Brotli
    } else if accepted("gzip") {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

pub struct PageCache {
    ttl: Duration,
    budget: usize,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Arc<Entry>>,
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

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let entries = self.entries.lock().ok()?;
        entries
            .map
            .get(key)
            .filter(|e| e.stored.elapsed() < self.ttl)
            .cloned()
    }

    /// Stores a page: expired pages are dropped first, then the oldest until
    /// the new one fits the byte budget.
    fn put(&self, key: String, entry: Arc<Entry>) {
        let size = entry.size();
        if size == 0 || size > self.budget {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let ttl = self.ttl;
        entries.map.retain(|_, e| e.stored.elapsed() < ttl);
        entries.map.remove(&key);
        entries.bytes = entries.map.values().map(|e| e.size()).sum();
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
                entries.bytes -= gone.size();
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
    let language = key_language(language);
    let size = text_size
        .and_then(app::prefs::TextSize::parse)
        .unwrap_or_default()
        .as_str();
    format!("{path}|{language}|{size}")
}

/// The language a cookie value stands for in the key (the default one for
/// an unknown value, as the page renders it).
fn key_language(cookie: Option<&str>) -> &'static str {
    app::language::code(app::language::or_default(cookie.unwrap_or_default()))
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

/// The cached page for a client that takes `coding`: the compressed form
/// as it is, or the page with a new nonce in both the header and the
/// document.
fn fresh_copy(entry: &Entry, coding: Coding) -> Response {
    let mut headers = entry.headers.clone();
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let body = match (&entry.compressed, &entry.nonce, coding) {
        (Some(compressed), _, Coding::Brotli) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            Body::from(compressed.brotli.clone())
        }
        (Some(compressed), _, Coding::Gzip) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            Body::from(compressed.gzip.clone())
        }
        (_, Some(old), _) => {
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
        _ => Body::from(entry.body.clone()),
    };
    headers.remove(header::CONTENT_LENGTH);
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
    let language = cookie_value(&parts, LOCALE_COOKIE);
    let key = cache_key(
        parts.uri.path(),
        language.as_deref(),
        cookie_value(&parts, app::prefs::TEXT_SIZE_COOKIE).as_deref(),
    );
    let key_language = key_language(language.as_deref());
    let coding = preferred_coding(
        parts
            .headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    if let Some(hit) = cache.get(&key) {
        return fresh_copy(&hit, coding);
    }
    let response = next.run(Request::from_parts(parts, body)).await;
    // Only under the language the page was really rendered in: cookie
    // tricks (the same name twice, percent-encoding) that the key reads one
    // way and the page another must not put an English page under German.
    let rendered_language = response
        .headers()
        .get(header::CONTENT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let cacheable = response.status() == StatusCode::OK
        && rendered_language == Some(key_language)
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
    if bytes.is_empty() || bytes.len() > MAX_BODY {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let entry = Arc::new(Entry::new(parts.headers.clone(), bytes));
    cache.put(key, entry.clone());
    // The first visitor gets the page as the next ones will, nonce and all.
    let mut response = fresh_copy(&entry, coding);
    *response.status_mut() = parts.status;
    response
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
        let entry = Entry::new(
            headers,
            Bytes::from_static(b"<script nonce=\"abc123XYZ\">x</script>"),
        );
        assert_eq!(entry.nonce, nonce);
        assert!(
            entry.compressed.is_none(),
            "a page with a nonce is never kept compressed"
        );
        let a = fresh_copy(&entry, Coding::Brotli);
        let b = fresh_copy(&entry, Coding::Brotli);
        assert!(a.headers().get(header::CONTENT_ENCODING).is_none());
        let policy = |r: &Response| nonce_of(r.headers()).unwrap_or_default();
        assert_ne!(policy(&a), "abc123XYZ");
        assert_ne!(policy(&a), policy(&b));
    }

    fn page(bytes: usize) -> Arc<Entry> {
        Arc::new(Entry {
            stored: Instant::now(),
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
            nonce: None,
            compressed: None,
        })
    }

    #[tokio::test]
    async fn pages_without_a_nonce_are_served_compressed_as_stored() {
        let html = "<!DOCTYPE html><p>Jobmesse am Flughafen</p>".repeat(200);
        let entry = Entry::new(HeaderMap::new(), Bytes::from(html.clone()));
        let compressed = entry
            .compressed
            .as_ref()
            .map(|c| (c.brotli.len(), c.gzip.len()));
        let (brotli_size, gzip_size) = compressed.unwrap_or_default();
        assert!(
            brotli_size > 0 && brotli_size < html.len() / 10,
            "{brotli_size}"
        );
        assert!(gzip_size > 0 && gzip_size < html.len() / 10, "{gzip_size}");

        let body = |r: Response| async move {
            to_bytes(r.into_body(), usize::MAX)
                .await
                .unwrap_or_default()
                .to_vec()
        };
        let br = fresh_copy(&entry, Coding::Brotli);
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::VARY], "accept-encoding");
        let mut plain = Vec::new();
        let _ = std::io::Read::read_to_end(
            &mut brotli::Decompressor::new(&body(br).await[..], 4096),
            &mut plain,
        );
        assert_eq!(plain, html.as_bytes());

        let gz = fresh_copy(&entry, Coding::Gzip);
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let mut plain = Vec::new();
        let _ = std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&body(gz).await[..]),
            &mut plain,
        );
        assert_eq!(plain, html.as_bytes());

        let identity = fresh_copy(&entry, Coding::Identity);
        assert!(identity.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(identity).await, html.as_bytes());
    }

    #[test]
    fn the_client_chooses_the_coding() {
        assert_eq!(
            preferred_coding(Some("gzip, deflate, br, zstd")),
            Coding::Brotli
        );
        assert_eq!(
            preferred_coding(Some("br;q=1.0, gzip;q=0.8")),
            Coding::Brotli
        );
        assert_eq!(preferred_coding(Some("gzip")), Coding::Gzip);
        assert_eq!(preferred_coding(Some("br;q=0, gzip")), Coding::Gzip);
        assert_eq!(preferred_coding(Some("*")), Coding::Brotli);
        assert_eq!(preferred_coding(Some("br;q=0, *")), Coding::Gzip);
        assert_eq!(preferred_coding(Some("identity")), Coding::Identity);
        assert_eq!(preferred_coding(Some("gzip;q=0")), Coding::Identity);
        assert_eq!(preferred_coding(None), Coding::Identity);
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
