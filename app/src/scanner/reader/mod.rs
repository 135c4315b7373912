//! Code readers: a hand scanner (a keyboard wedge: it types the code into
//! the focused field and presses Enter), a person typing a short code, and
//! the phone's camera ([`camera`], in the browser). Each reports the codes
//! it reads through one callback; what a code means is the caller's.
use leptos::prelude::{Callable, Callback};

#[cfg(feature = "hydrate")]
pub mod camera;

/// Reports the codes of every source to one callback.
#[derive(Clone, Copy)]
pub struct CodeReader {
    on_code: Callback<String>,
}

impl CodeReader {
    pub fn new(on_code: impl Fn(String) + Send + Sync + 'static) -> CodeReader {
        CodeReader {
            on_code: Callback::new(on_code),
        }
    }

    /// A code typed in or sent by a hand scanner; blank input is none.
    pub fn typed(&self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.report(text.to_owned());
        }
    }

    /// A code read. Nothing happens once the page that listened is gone
    /// (a camera frame may still be on its way).
    pub fn report(&self, code: String) {
        let _ = self.on_code.try_run(code);
    }
}

/// A camera sees the same code many times a second: it counts once until
/// another code is read, or [`RepeatFilter::HOLD_MS`] have passed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepeatFilter {
    last: Option<(String, f64)>,
}

impl RepeatFilter {
    pub const HOLD_MS: f64 = 4_000.0;

    /// Whether a code read at `at_ms` (a monotonic clock) is a new reading.
    pub fn is_new(&mut self, code: &str, at_ms: f64) -> bool {
        if let Some((previous, when)) = &self.last
            && previous == code
            && at_ms - when < Self::HOLD_MS
        {
            return false;
        }
        self.last = Some((code.to_owned(), at_ms));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_held_up_counts_once_until_another_or_time_passes() {
        let mut filter = RepeatFilter::default();
        assert!(filter.is_new("JF:A", 0.0));
        assert!(!filter.is_new("JF:A", 200.0));
        assert!(!filter.is_new("JF:A", 3_999.0));
        // Four seconds after it counted, the same code counts again.
        assert!(filter.is_new("JF:A", 4_000.0));
        assert!(filter.is_new("JF:B", 4_100.0));
        assert!(filter.is_new("JF:A", 4_200.0));
    }

    #[test]
    fn typed_codes_are_trimmed_and_blank_ones_dropped() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
            let log = seen.clone();
            let reader = CodeReader::new(move |code| {
                if let Ok(mut log) = log.lock() {
                    log.push(code)
                }
            });
            reader.typed("  acde fghj \n");
            reader.typed("   ");
            reader.report("JF:ABC".into());
            let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
            assert_eq!(seen, ["acde fghj", "JF:ABC"]);
        });
    }
}
