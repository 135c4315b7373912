//! Account pages: one component per file.
mod delete_account;
mod forgot_password;
mod reset_password;
mod sign_in;
mod sign_up;
mod verify_email;

pub use delete_account::DeleteAccountPage;
pub use forgot_password::ForgotPasswordPage;
pub use reset_password::ResetPasswordPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
pub use verify_email::VerifyEmailPage;

pub use crate::parts::{action_error, field_problem};
