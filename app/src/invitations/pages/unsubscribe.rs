//! The page behind the unsubscribe link of an invitation mail.
use crate::{
    i18n::*,
    invitations::api::Unsubscribe,
    parts::{FormAlert, action_error},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let action = ServerAction::<Unsubscribe>::new();
    let error = action_error(action);
    let query = use_query_map();
    let done = move || {
        query.with(|q| q.get("done").is_some()) || action.value().get().is_some_and(|r| r.is_ok())
    };
    view! {
        <Title text=tr!(i18n, invitations.unsubscribe_title) />
        <section class="page narrow">
            <h1>{t!(i18n, invitations.unsubscribe_title)}</h1>
            <Show
                when=done
                fallback=move || view! {
                    <p>{t!(i18n, invitations.unsubscribe_lead)}</p>
                    <ActionForm action=action attr:class="form">
                        <FormAlert error=error />
                        <input type="hidden" name="token" value=token />
                        <button type="submit" class="button primary">{t!(i18n, invitations.unsubscribe_submit)}</button>
                    </ActionForm>
                }
            >
                <p class="notice success" role="status">{t!(i18n, invitations.unsubscribed)}</p>
            </Show>
        </section>
    }
}
