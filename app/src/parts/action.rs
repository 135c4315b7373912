//! Reading a server action's outcome for forms.
use crate::error::{AppError, Problem};
use leptos::prelude::*;

/// The error of an action's last run, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let value = action.value();
    Signal::derive(move || value.get().and_then(Result::err))
}

/// The problem with one field, from an action's error.
pub fn field_problem(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<Problem>> {
    Signal::derive(move || error.get().and_then(|e| e.problem_for(field)))
}
