//! How long one offline verification takes, natively and as wasm (what the
//! door scanner does for every scan). Ignored in normal runs: the benchmark
//! script runs it with `--include-ignored --nocapture` and puts the figure
//! into README.
use ticket::{Claims, PublishedKey, TicketSigner, TicketVerifier};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const NOW: i64 = 1_900_000_000;
const TICKETS: u32 = 2_000;

#[cfg(target_arch = "wasm32")]
fn millis() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn millis() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1000.0
}

#[cfg(target_arch = "wasm32")]
macro_rules! report {
    ($($t:tt)*) => { wasm_bindgen_test::console_log!($($t)*) };
}
#[cfg(not(target_arch = "wasm32"))]
macro_rules! report {
    ($($t:tt)*) => { println!($($t)*) };
}

#[test]
#[ignore = "benchmark: scripts/bench-checkin.sh runs it"]
fn offline_verification_time_per_ticket() {
    let signer = TicketSigner::from_seed(&[7; 32], 1);
    let texts: Vec<String> = (0..TICKETS)
        .map(|id| {
            signer.sign(Claims {
                fair_id: 3,
                ticket_id: id + 1,
                slot_id: 9,
                valid_from: (NOW - 3600) as u32,
                valid_until: (NOW + 3600) as u32,
                key_id: 0,
            })
        })
        .collect();
    let keys = [PublishedKey {
        fair_id: 3,
        key_id: 1,
        public_key: signer.public_key(),
    }];
    let started = millis();
    // As the scanner does per scan: the verifier from the door pack's keys,
    // then the check.
    let admitted = texts
        .iter()
        .filter(|text| {
            TicketVerifier::new(3, &keys)
                .verify(text, NOW, |_| false)
                .is_ok()
        })
        .count();
    let elapsed = millis() - started;
    assert_eq!(admitted, TICKETS as usize);
    report!(
        "OFFLINE_VERIFY {:.3} ms per ticket ({} tickets in {:.0} ms)",
        elapsed / f64::from(TICKETS),
        TICKETS,
        elapsed
    );
}
