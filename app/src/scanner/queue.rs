//! The offline queue of a scanning device: scans decided without the
//! server wait here, in the order they were made, until the server has
//! recorded them. Each carries a nonce the device drew, so a batch sent
//! twice (the answer was lost on the way back) is recorded once: the
//! server answers a known nonce as it did the first time. Plain data; the
//! browser keeps it on the device as JSON (a list of scans, unchanged from
//! before the queue had its own type).
use serde::{Deserialize, Serialize};

/// Shortest and longest nonce accepted (devices draw 22 characters).
pub const NONCE_MIN: usize = 8;
pub const NONCE_MAX: usize = 64;

/// Nonces are what devices draw: base64url, of a sensible length.
pub fn is_valid_nonce(nonce: &str) -> bool {
    (NONCE_MIN..=NONCE_MAX).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A scan that carries its nonce.
pub trait Nonced {
    fn nonce(&self) -> &str;
}

/// Scans waiting to be sent, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OfflineQueue<T> {
    waiting: Vec<T>,
}

impl<T> Default for OfflineQueue<T> {
    fn default() -> Self {
        OfflineQueue {
            waiting: Vec::new(),
        }
    }
}

impl<T: Nonced + Clone> OfflineQueue<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Adds a scan at the end; false when its nonce waits already (the
    /// same scan, not a second one).
    pub fn push(&mut self, scan: T) -> bool {
        if self.waiting.iter().any(|s| s.nonce() == scan.nonce()) {
            return false;
        }
        self.waiting.push(scan);
        true
    }

    /// The next scans to send, at most `max`, in the order they were made:
    /// replayed in that order, the first admission of a ticket is the one
    /// the server keeps, as it was at the door.
    pub fn next_batch(&self, max: usize) -> Vec<T> {
        self.waiting.iter().take(max).cloned().collect()
    }

    /// Drops the scans of a batch the server answered; scans added while
    /// it was on its way stay. Settling a batch twice changes nothing.
    pub fn settle(&mut self, sent: &[T]) {
        self.waiting
            .retain(|s| !sent.iter().any(|b| b.nonce() == s.nonce()));
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.waiting.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    struct Scan {
        nonce: String,
        code: String,
    }

    impl Nonced for Scan {
        fn nonce(&self) -> &str {
            &self.nonce
        }
    }

    fn scan(nonce: &str, code: &str) -> Scan {
        Scan {
            nonce: nonce.into(),
            code: code.into(),
        }
    }

    fn nonces(scans: &[Scan]) -> Vec<&str> {
        scans.iter().map(|s| s.nonce.as_str()).collect()
    }

    #[test]
    fn scans_replay_in_order_and_leave_once_answered() {
        let mut queue = OfflineQueue::new();
        for (nonce, code) in [("n-000001", "A"), ("n-000002", "B"), ("n-000003", "C")] {
            assert!(queue.push(scan(nonce, code)));
        }
        let batch = queue.next_batch(2);
        assert_eq!(nonces(&batch), ["n-000001", "n-000002"]);
        // A scan made while the batch is on its way waits for the next.
        queue.push(scan("n-000004", "D"));
        queue.settle(&batch);
        assert_eq!(nonces(&queue.next_batch(10)), ["n-000003", "n-000004"]);
        // The answer to the first batch arriving twice changes nothing.
        queue.settle(&batch);
        assert_eq!(queue.len(), 2);
        let rest = queue.next_batch(10);
        queue.settle(&rest);
        assert!(queue.is_empty());
    }

    #[test]
    fn a_nonce_waits_once() {
        let mut queue = OfflineQueue::new();
        assert!(queue.push(scan("n-000001", "A")));
        assert!(!queue.push(scan("n-000001", "A")));
        assert_eq!(queue.len(), 1);
        // A batch that failed to send stays, and is sent again as it was.
        let first = queue.next_batch(10);
        assert_eq!(queue.next_batch(10), first);
    }

    #[test]
    fn the_stored_form_is_a_plain_list() {
        let mut queue = OfflineQueue::new();
        queue.push(scan("n-000001", "A"));
        let json = serde_json::to_string(&queue).unwrap_or_default();
        assert_eq!(json, r#"[{"nonce":"n-000001","code":"A"}]"#);
        let back: OfflineQueue<Scan> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, queue);
    }

    #[test]
    fn nonces_are_base64url_of_sensible_length() {
        assert!(is_valid_nonce("nonce-first-0001"));
        assert!(is_valid_nonce("AbC_-123"));
        assert!(!is_valid_nonce("short"));
        assert!(!is_valid_nonce(&"a".repeat(65)));
        assert!(!is_valid_nonce("nonce with space"));
        assert!(!is_valid_nonce("nonce+slash/0001"));
    }
}
