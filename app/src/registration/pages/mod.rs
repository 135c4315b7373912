//! Pages of jobseekers: the registration form and the personal ticket page.
mod register;
mod ticket;

pub use register::{RegisterPage, industry_label};
pub use ticket::TicketPageView;
