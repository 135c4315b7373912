//! The administrators' page: new organiser organisations to approve.
mod approvals;

pub use approvals::ApprovalsPage;
