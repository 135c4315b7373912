//! The inputs of the fair form, shared by "new fair" and "edit fair".
use crate::{
    error::AppError,
    fairs::FairForm,
    i18n::*,
    parts::{TextArea, TextField, field_problem},
    tr,
};
use leptos::prelude::*;

#[component]
pub fn FairFields(
    /// Prefix for element ids, unique on the page.
    id: &'static str,
    values: FairForm,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fid = move |name: &str| format!("{id}-{name}");
    let zone = if values.time_zone.is_empty() {
        "Europe/Berlin".to_owned()
    } else {
        values.time_zone.clone()
    };
    view! {
        <fieldset class="group">
            <legend>{t!(i18n, plan.what)}</legend>
            <TextField name="form[title_de]" id=fid("title-de") required=true label=tr!(i18n, plan.title_de)
                value=values.title_de problem=field_problem(error, "title_de") />
            <TextField name="form[title_en]" id=fid("title-en") label=tr!(i18n, plan.title_en)
                value=values.title_en problem=field_problem(error, "title_en") />
            <TextArea name="form[description_de]" id=fid("description-de") label=tr!(i18n, plan.description_de)
                value=values.description_de problem=field_problem(error, "description_de") />
            <TextArea name="form[description_en]" id=fid("description-en") label=tr!(i18n, plan.description_en)
                value=values.description_en problem=field_problem(error, "description_en") />
        </fieldset>
        <fieldset class="group">
            <legend>{t!(i18n, plan.where_legend)}</legend>
            <TextField name="form[venue_name]" id=fid("venue-name") required=true label=tr!(i18n, plan.venue_name)
                value=values.venue_name problem=field_problem(error, "venue_name") />
            <TextField name="form[venue_address]" id=fid("venue-address") required=true autocomplete="street-address"
                label=tr!(i18n, plan.venue_address) value=values.venue_address problem=field_problem(error, "venue_address") />
            <TextField name="form[time_zone]" id=fid("time-zone") label=tr!(i18n, plan.time_zone)
                hint=tr!(i18n, plan.time_zone_hint) value=zone problem=field_problem(error, "time_zone") />
        </fieldset>
        <fieldset class="group">
            <legend>{t!(i18n, plan.when_legend)}</legend>
            <div class="field-row">
                <TextField name="form[starts]" id=fid("starts") input_type="datetime-local" required=true
                    label=tr!(i18n, plan.starts) value=values.starts problem=field_problem(error, "starts") />
                <TextField name="form[ends]" id=fid("ends") input_type="datetime-local" required=true
                    label=tr!(i18n, plan.ends) value=values.ends problem=field_problem(error, "ends") />
            </div>
            <div class="field-row">
                <TextField name="form[registration_opens]" id=fid("registration-opens") input_type="datetime-local"
                    required=true label=tr!(i18n, plan.registration_opens) value=values.registration_opens
                    problem=field_problem(error, "registration_opens") />
                <TextField name="form[registration_closes]" id=fid("registration-closes") input_type="datetime-local"
                    required=true label=tr!(i18n, plan.registration_closes) value=values.registration_closes
                    problem=field_problem(error, "registration_closes") />
            </div>
            <div class="choice-option">
                <input type="checkbox" id=fid("invites-forwardable") name="form[invites_forwardable]" value="yes"
                    checked=values.invites_forwardable.is_some() />
                <label for=fid("invites-forwardable")>{t!(i18n, plan.invites_forwardable)}</label>
            </div>
        </fieldset>
    }
}
