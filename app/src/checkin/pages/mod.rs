//! Door pages: the scanner, the list of doors, the live view.
mod door;
mod live;

pub use door::{DoorListPage, ScannerPage};
pub use live::LiveDoorPage;
