//! Reading a server action's outcome for forms.
use crate::error::{AppError, Problem};
use leptos::prelude::*;

/// The error of an action's last run, if it failed. Without JavaScript the
/// form posts to the server, which redirects back with the error in the
/// address (`__path`, `__err`); that error is shown too, so forms explain
/// themselves for everyone.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let value = action.value();
    let query = leptos_router::hooks::use_query_map();
    let from_address = Memo::new(move |_| {
        query.with(|q| {
            let path = q.get("__path")?;
            (path == I::PATH)
                .then(|| q.get("__err"))
                .flatten()
                .and_then(|e| error_from_address(&e))
        })
    });
    Signal::derive(move || match value.get() {
        Some(result) => result.err(),
        None => from_address.get(),
    })
}

/// Decodes the `__err` query value the server function wrote.
fn error_from_address(encoded: &str) -> Option<AppError> {
    use base64::Engine as _;
    use leptos::server_fn::error::FromServerFnError as _;
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(encoded)
        .ok()?;
    Some(AppError::de(bytes.into()))
}

/// A counter that goes up each time the action has answered (`on_error`:
/// also when it failed). Resources that read it load again after the
/// answer, not at dispatch: reloading at dispatch would replace the form
/// that is still waiting for the answer (and panic when it arrives).
pub fn reloads_after<I, O>(action: ServerAction<I>, on_error: bool) -> RwSignal<usize>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let reloads = RwSignal::new(0);
    Effect::new(move |_| {
        let answered = action
            .value()
            .with(|v| matches!(v, Some(Ok(_))) || (on_error && matches!(v, Some(Err(_)))));
        if answered {
            reloads.update(|n| *n += 1);
        }
    });
    reloads
}

/// The problem with one field, from an action's error.
pub fn field_problem(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<Problem>> {
    Signal::derive(move || error.get().and_then(|e| e.problem_for(field)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{FieldErrors, Problem};
    use base64::Engine as _;

    #[test]
    fn an_error_in_the_address_reads_back() {
        let error = AppError::Invalid(FieldErrors::one("email", Problem::InvalidEmail));
        let encoded = base64::engine::general_purpose::URL_SAFE.encode(error.ser());
        assert_eq!(error_from_address(&encoded), Some(error));
        assert_eq!(error_from_address("kaputt!"), None);
    }
}
