//! Small building blocks every page uses: translated texts, form fields with
//! their errors, and alerts.
mod action;
mod choice;
mod field;
#[cfg(feature = "ssr")]
pub mod kept;
mod messages;

pub use action::{action_error, field_problem, reloads_after};
pub use choice::{SelectField, TextArea};
pub use field::{FormAlert, TextField};
pub use messages::{error_message, problem_message};

#[cfg(feature = "ssr")]
pub use kept::kept_values;
/// In the browser a form never comes back from the server (see [`kept`]).
#[cfg(not(feature = "ssr"))]
pub fn kept_values(_name: &str) -> Vec<String> {
    Vec::new()
}

/// The value field `name` had when its form came back with an error.
pub fn kept_value(name: &str) -> Option<String> {
    kept_values(name).into_iter().next()
}

/// The page's `:id` route parameter as a number (0 when it is not one, which
/// no record has, so the server answers "not found").
pub fn id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::With;
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or_default()
        })
    }
}

/// A reactive translated string, for props and attributes:
/// `tr!(i18n, auth.email)` or `tr!(i18n, nav.signed_in_as, name = n)`.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)*) => {{
        let i18n = $i18n;
        ::leptos::prelude::Signal::derive(move || ::leptos_i18n::t_string!(i18n, $($key)*).to_string())
    }};
}
