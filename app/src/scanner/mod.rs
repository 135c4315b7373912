//! Reading ticket codes, for every place that scans them (the door today,
//! booths and programme rooms next): what a scanned or typed text is
//! ([`code`]), the signature check ([`signature`]), the one function that
//! finds the ticket for a code ([`lookup`], used by the browser and the
//! server alike), the offline queue of scans with their nonces
//! ([`queue`]), and the readers that report codes through a callback
//! ([`reader`]: camera, hand scanner, typed code). What a code admits to is
//! the user's rule, not the scanner's.
pub mod code;
pub mod lookup;
pub mod queue;
pub mod reader;
pub mod signature;

#[cfg(feature = "hydrate")]
pub mod browser;

/// Why a scanned or typed text leads to no ticket of this fair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTicket {
    /// Neither a ticket text nor a short code.
    NotACode,
    /// A genuine-looking ticket of another fair.
    OtherFair,
    /// Signed with an unknown key, or altered.
    Forged,
    /// Valid on another day.
    NotToday,
    /// A short code (or ticket number) this fair does not know.
    UnknownCode,
}
