//! Rate limits on what a stranger can call without an account but that costs
//! us (a password hash, a mail in someone's inbox, a row in a fair): signing
//! up, asking for a password reset, registering for a fair and "send my
//! ticket again". Each is limited per client address, and where an address
//! is named, per address too, before any hash is computed or mail queued.
//!
//! The limits are kept in memory (governor's GCRA, keyed), per server. Sign-in
//! failures are counted in the database instead, where several servers share
//! them; behind a load balancer with `n` servers these limits allow up to `n`
//! times as much unless the balancer keeps a client on one server.
use crate::service_error::{ServiceError, ServiceResult};
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock as _, DefaultClock},
};
use std::{num::NonZeroU32, time::Duration};

/// "At most `max` within `per_secs`" (a burst of `max`, then one every
/// `per_secs / max` seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub per_secs: u64,
}

impl Limit {
    pub const fn per_hour(max: u32) -> Self {
        Self {
            max,
            per_secs: 3600,
        }
    }

    fn quota(self) -> Quota {
        let max = NonZeroU32::new(self.max.max(1)).unwrap_or(NonZeroU32::MIN);
        let period = Duration::from_secs(self.per_secs.max(1)) / max.get();
        Quota::with_period(period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(max))
            .allow_burst(max)
    }
}

/// The limits an installation sets; see README's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitConfig {
    pub sign_ups_per_client: Limit,
    pub sign_ups_per_address: Limit,
    pub resets_per_client: Limit,
    pub resets_per_address: Limit,
    /// Many jobseekers may share one address (a shelter's or a job centre's
    /// network), so this one is generous.
    pub registrations_per_client: Limit,
    pub send_again_per_client: Limit,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            sign_ups_per_client: Limit::per_hour(20),
            sign_ups_per_address: Limit::per_hour(3),
            resets_per_client: Limit::per_hour(20),
            resets_per_address: Limit::per_hour(3),
            registrations_per_client: Limit::per_hour(300),
            send_again_per_client: Limit::per_hour(30),
        }
    }
}

/// What is being limited, and by what key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttled {
    SignUpByClient,
    SignUpByAddress,
    ResetByClient,
    ResetByAddress,
    RegistrationByClient,
    SendAgainByClient,
}

pub struct RateLimits {
    limiters: [DefaultKeyedRateLimiter<String>; 6],
    clock: DefaultClock,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits").finish_non_exhaustive()
    }
}

impl RateLimits {
    pub fn new(config: &RateLimitConfig) -> Self {
        let keyed = |limit: Limit| RateLimiter::keyed(limit.quota());
        Self {
            limiters: [
                keyed(config.sign_ups_per_client),
                keyed(config.sign_ups_per_address),
                keyed(config.resets_per_client),
                keyed(config.resets_per_address),
                keyed(config.registrations_per_client),
                keyed(config.send_again_per_client),
            ],
            clock: DefaultClock::default(),
        }
    }

    /// Counts one call for `key`; refuses with the seconds to wait when the
    /// limit is used up.
    pub fn check(&self, what: Throttled, key: &str) -> ServiceResult<()> {
        let limiter = &self.limiters[what as usize];
        match limiter.check_key(&limit_key(key)) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now());
                Err(ServiceError::TooManyAttempts {
                    retry_after_secs: i64::try_from(wait.as_secs()).unwrap_or(i64::MAX).max(1),
                })
            }
        }
    }

    /// Counts one call for `key`; whether it is within the limit. For limits
    /// that hold back a mail rather than refuse (a refusal would let a
    /// stranger block the owner of an address).
    pub fn allows(&self, what: Throttled, key: &str) -> bool {
        self.check(what, key).is_ok()
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded
    /// by the clients of the last hour or so (the housekeeping task calls it).
    pub fn forget_idle(&self) {
        for limiter in &self.limiters {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// An IPv6 client is limited by its /64 network: one home or phone gets a
/// whole /64 and could otherwise pick a fresh address for every call.
fn limit_key(key: &str) -> String {
    match key.parse::<std::net::Ipv6Addr>() {
        Ok(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => key.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_next_call_waits() {
        let limits = RateLimits::new(&RateLimitConfig {
            sign_ups_per_client: Limit::per_hour(3),
            ..RateLimitConfig::default()
        });
        for _ in 0..3 {
            assert!(
                limits
                    .check(Throttled::SignUpByClient, "198.51.100.7")
                    .is_ok()
            );
        }
        match limits.check(Throttled::SignUpByClient, "198.51.100.7") {
            Err(ServiceError::TooManyAttempts { retry_after_secs }) => {
                assert!((1..=1200).contains(&retry_after_secs), "{retry_after_secs}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(
            limits
                .check(Throttled::SignUpByClient, "203.0.113.9")
                .is_ok(),
            "another client is not affected"
        );
        assert!(
            limits
                .check(Throttled::ResetByClient, "198.51.100.7")
                .is_ok(),
            "another action is counted apart"
        );
    }

    #[test]
    fn an_ipv6_client_is_one_network() {
        let limits = RateLimits::new(&RateLimitConfig {
            resets_per_client: Limit::per_hour(2),
            ..RateLimitConfig::default()
        });
        assert!(
            limits
                .check(Throttled::ResetByClient, "2001:db8:1:2::1")
                .is_ok()
        );
        assert!(
            limits
                .check(Throttled::ResetByClient, "2001:db8:1:2:ffff::9")
                .is_ok()
        );
        assert!(
            limits
                .check(Throttled::ResetByClient, "2001:db8:1:2::77")
                .is_err(),
            "a fresh address in the same /64 counts as the same client"
        );
        assert!(
            limits
                .check(Throttled::ResetByClient, "2001:db8:1:3::1")
                .is_ok()
        );
    }
}
