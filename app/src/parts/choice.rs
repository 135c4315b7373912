//! A labelled multi-line text field and a labelled select, with their
//! errors tied to them like [`super::TextField`].
use super::messages::problem_message;
use crate::{error::Problem, i18n::*};
use leptos::prelude::*;

// `use<>`: the closure owns its id, so it must not capture the borrow of
// `id` (Rust 2024 captures every lifetime in scope unless told otherwise).
fn described_by(
    id: &str,
    problem: Signal<Option<Problem>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
    let error_id = format!("{id}-error");
    move || problem.get().map(|_| error_id.clone())
}

/// tachys (0.2.19) writes a `<textarea>`'s text into the server's HTML as
/// it is, unescaped (leptos issue fixed upstream in PR #4821): a text
/// holding `</textarea>` would end the field and become markup. So the
/// server escapes it; the browser decodes the entities back into the same
/// text, which is what hydration and the browser's own rendering see.
#[cfg(feature = "ssr")]
fn textarea_text(text: String) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(not(feature = "ssr"))]
fn textarea_text(text: String) -> String {
    text
}

#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = super::kept_value(&name).or(value).map(textarea_text);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by(&id, problem)
            >
                {value}
            </textarea>
            <p class="field-error" id=error_id hidden=move || problem.get().is_none()>
                {move || problem.get().map(|p| problem_message(i18n, p))}
            </p>
        </div>
    }
}

/// A labelled `<select>`; `options` are (value, visible text).
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] problem: Signal<Option<Problem>>,
    options: Vec<(String, Signal<String>)>,
    #[prop(optional, into)] selected: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selected = super::kept_value(&name).or(selected);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id.clone()
                name=name
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by(&id, problem)
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{move || text.get()}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=error_id hidden=move || problem.get().is_none()>
                {move || problem.get().map(|p| problem_message(i18n, p))}
            </p>
        </div>
    }
}
