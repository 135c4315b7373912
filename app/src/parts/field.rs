//! A labelled input with its hint and error, and the alert above a form.
use super::messages::{error_message, problem_message};
use crate::{
    error::{AppError, Problem},
    i18n::*,
};
use leptos::prelude::*;

/// A labelled text input. The error is tied to the input with
/// `aria-describedby` and `aria-invalid`, so screen readers announce it.
#[component]
pub fn TextField(
    /// The form field name, e.g. `email` or `form[email]`.
    #[prop(into)]
    name: String,
    /// Unique id of the input on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // What was typed comes back when the form returned with an error
    // (passwords never do).
    let value = super::kept_value(&name).or(value);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required-mark" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{move || hint.get()}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                value=value
                aria-required=required.then_some("true")
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id hidden=move || problem.get().is_none()>
                {move || problem.get().map(|p| problem_message(i18n, p))}
            </p>
        </div>
    }
}

/// The message above a form: what went wrong, announced to screen readers.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-alert" role="alert" hidden=move || error.get().is_none()>
            {move || error.get().map(|e| error_message(i18n, &e))}
        </div>
    }
}
