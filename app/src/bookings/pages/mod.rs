//! Booking pages: the employer's plan to book on, the employer's bookings,
//! the organiser's decisions, and the printable confirmation.
mod book;
mod confirmation;
mod fair_bookings;
mod my_bookings;
mod parts;

pub use book::BookBoothPage;
pub use confirmation::ConfirmationPage;
pub use fair_bookings::FairBookingsPage;
pub use my_bookings::MyBookingsPage;
