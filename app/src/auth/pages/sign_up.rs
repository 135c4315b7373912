use super::{action_error, field_problem};
use crate::{
    auth::api::SignUp,
    i18n::*,
    parts::{FormAlert, TextField, kept_value, problem_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);
    let kind_problem = field_problem(error, "kind");
    let employer = kept_value("form[kind]").as_deref() == Some("employer");
    // The same answer for a new address and one with an account: see your inbox.
    let query = use_query_map();
    let sent = move || {
        query.with(|q| q.get("sent").is_some()) || matches!(action.value().get(), Some(Ok(())))
    };
    view! {
        <Title text=tr!(i18n, auth.sign_up_title) />
        <section class="page narrow" hidden=move || !sent()>
            <h1>{t!(i18n, auth.sign_up_sent_title)}</h1>
            <p class="notice success" role="status">{t!(i18n, auth.sign_up_sent_lead)}</p>
            <p>{t!(i18n, auth.sign_up_sent_hint)}</p>
            <p><a class="button" href="/login">{t!(i18n, nav.sign_in)}</a></p>
        </section>
        <section class="page narrow" hidden=sent>
            <h1>{t!(i18n, auth.sign_up_title)}</h1>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormAlert error=error />
                <fieldset class="choice" aria-describedby="sign-up-kind-error">
                    <legend>{t!(i18n, auth.account_kind)}</legend>
                    <label class="choice-option">
                        <input type="radio" name="form[kind]" value="organiser" checked=!employer />
                        <span>{t!(i18n, auth.kind_organiser)}</span>
                    </label>
                    <label class="choice-option">
                        <input type="radio" name="form[kind]" value="employer" checked=employer />
                        <span>{t!(i18n, auth.kind_employer)}</span>
                    </label>
                    <p class="field-error" id="sign-up-kind-error" hidden=move || kind_problem.get().is_none()>
                        {move || kind_problem.get().map(|p| problem_message(i18n, p))}
                    </p>
                </fieldset>
                <TextField
                    name="form[organisation]"
                    id="sign-up-organisation"
                    autocomplete="organization"
                    required=true
                    label=tr!(i18n, auth.organisation_name)
                    problem=field_problem(error, "organisation")
                />
                <TextField
                    name="form[name]"
                    id="sign-up-name"
                    autocomplete="name"
                    required=true
                    label=tr!(i18n, auth.name)
                    problem=field_problem(error, "name")
                />
                <TextField
                    name="form[email]"
                    id="sign-up-email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    label=tr!(i18n, auth.email)
                    problem=field_problem(error, "email")
                />
                <button type="submit" class="button primary" disabled=action.pending()>
                    {t!(i18n, auth.sign_up_submit)}
                </button>
            </ActionForm>
            <p>
                {t!(i18n, auth.have_account)} " " <a href="/login">{t!(i18n, nav.sign_in)}</a>
            </p>
        </section>
    }
}
