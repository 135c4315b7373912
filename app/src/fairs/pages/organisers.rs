//! Co-organisers of a fair: other organiser organisations with the same
//! rights.
use super::plan::PlanActions;
use crate::{
    fairs::FairOrganiser,
    i18n::*,
    parts::{FormAlert, SelectField, action_error, field_problem},
    tr,
};
use leptos::prelude::*;

#[component]
pub fn OrganisersSection(
    fair_id: i64,
    organisers: Vec<FairOrganiser>,
    candidates: Vec<FairOrganiser>,
    actions: PlanActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_error = action_error(actions.add_organiser);
    let remove_error = action_error(actions.remove_organiser);
    let options = candidates
        .into_iter()
        .map(|o| {
            (
                o.organisation_id.to_string(),
                Signal::derive(move || o.name.clone()),
            )
        })
        .collect::<Vec<_>>();
    let has_candidates = !options.is_empty();
    view! {
        <section class="card" aria-labelledby="organisers-heading">
            <h2 id="organisers-heading">{t!(i18n, plan.organisers)}</h2>
            <p class="field-hint">{t!(i18n, plan.organisers_hint)}</p>
            <FormAlert error=remove_error />
            <ul class="plain-list">
                {organisers.into_iter().map(|o| {
                    let name = o.name.clone();
                    view! {
                        <li class="row">
                            <span>{o.name}</span>
                            {if o.is_lead {
                                view! { <span class="badge">{t!(i18n, plan.lead_organiser)}</span> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=actions.remove_organiser attr:class="inline-form">
                                        <input type="hidden" name="fair_id" value=fair_id />
                                        <input type="hidden" name="organisation_id" value=o.organisation_id />
                                        <button type="submit" class="link-button"
                                            aria-label=tr!(i18n, plan.remove_organiser_named, name = name.clone())>
                                            {t!(i18n, plan.remove)}
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {has_candidates.then(|| view! {
                <ActionForm action=actions.add_organiser attr:class="form compact" attr:novalidate=true>
                    <FormAlert error=add_error />
                    <input type="hidden" name="fair_id" value=fair_id />
                    <SelectField name="organisation_id" id="co-organiser" label=tr!(i18n, plan.add_organiser_label)
                        problem=field_problem(add_error, "organisation_id") options=options />
                    <button type="submit" class="button">{t!(i18n, plan.add_organiser)}</button>
                </ActionForm>
            })}
        </section>
    }
}
