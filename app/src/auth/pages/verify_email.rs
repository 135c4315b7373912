use super::action_error;
use crate::{auth::api::VerifyEmail, i18n::*, parts::FormAlert, tr};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Where the link in the verification mail leads: one button proves the
/// address (opening the page alone does not, so a mail scanner that follows
/// links verifies nothing). Then on to the account.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(i18n, auth.verify_title) />
        <section class="page narrow">
            <h1>{t!(i18n, auth.verify_title)}</h1>
            <p class="lead">{t!(i18n, auth.verify_lead)}</p>
            <ActionForm action=action attr:class="form">
                <FormAlert error=error />
                <input type="hidden" name="token" value=token />
                <button type="submit" class="button primary" disabled=action.pending()>
                    {t!(i18n, auth.verify_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
