//! The door's pages: the list of doors and the scanner. The scanner's view
//! is the same on the server and in the browser; its handlers run in the
//! browser only (`browser/`), and the server build gets inert ones
//! (`inert.rs`) with the same signatures, so the view has no `cfg`.
mod list;
mod scanner_page;
mod state;

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
use browser as device;
#[cfg(not(feature = "hydrate"))]
mod inert;
#[cfg(not(feature = "hydrate"))]
use inert as device;

pub use list::DoorListPage;
pub use scanner_page::ScannerPage;
