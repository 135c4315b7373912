//! The floor plan as everyone sees it: an SVG of the hall with its booths,
//! free ones marked, booked ones named. The SVG has a text alternative; the
//! page lists the same booths as text beside it.
use crate::{
    floorplan::{Availability, Booth, BoothCategory, Extra, Hall},
    i18n::*,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn availability_text(i18n: I18nContext<Locale>, availability: Availability) -> String {
    match availability {
        Availability::Free => t_string!(i18n, floorplan.free),
        Availability::Held => t_string!(i18n, floorplan.held),
        Availability::Booked => t_string!(i18n, floorplan.booked),
    }
    .to_string()
}

pub fn category_text(i18n: I18nContext<Locale>, category: BoothCategory) -> String {
    match category {
        BoothCategory::Standard => t_string!(i18n, floorplan.standard),
        BoothCategory::Corner => t_string!(i18n, floorplan.corner),
        BoothCategory::Premium => t_string!(i18n, floorplan.premium),
    }
    .to_string()
}

pub fn extra_text(i18n: I18nContext<Locale>, extra: Extra) -> String {
    match extra {
        Extra::Power => t_string!(i18n, floorplan.power),
        Extra::Table => t_string!(i18n, floorplan.table),
        Extra::Screen => t_string!(i18n, floorplan.screen),
    }
    .to_string()
}

pub fn availability_class(availability: Availability) -> &'static str {
    match availability {
        Availability::Free => "booth booth-free",
        Availability::Held => "booth booth-held",
        Availability::Booked => "booth booth-booked",
    }
}

/// A label size that fits the booth: a quarter of its width, at most 1.2 m.
pub fn label_size(booth: &Booth) -> i64 {
    (booth.rect.width / 4).clamp(4, 12)
}

/// The plan of one hall; booths in `highlight` are drawn marked (an
/// exhibitor's own booth on its page). With `key`, a list of the booths
/// with their exhibitors follows the plan: on a phone the drawing of a large
/// hall is too small to read, the list never is.
#[component]
pub fn FloorPlan(
    hall: Hall,
    #[prop(optional)] highlight: Vec<i64>,
    #[prop(optional)] key: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("hall-{}-title", hall.id);
    let labelled_by = title_id.clone();
    let booked = hall
        .booths
        .iter()
        .filter(|b| b.availability == Availability::Booked)
        .count();
    let free = hall
        .booths
        .iter()
        .filter(|b| b.availability == Availability::Free)
        .count();
    let summary = t_string!(
        i18n,
        floorplan.summary,
        hall = hall.name.clone(),
        total = hall.booths.len(),
        booked = booked,
        free = free
    )
    .to_string();
    let booth_key = key.then(|| {
        let label = t_string!(i18n, floorplan.booth_key, hall = hall.name.clone()).to_string();
        let items = hall
            .booths
            .iter()
            .map(|booth| {
                let who = booth
                    .exhibitor
                    .clone()
                    .unwrap_or_else(|| availability_text(i18n, booth.availability));
                let marked = highlight.contains(&booth.id);
                view! {
                    <li class:booth-key-marked=marked>
                        <span class="booth-key-label">{booth.label.clone()}</span>
                        " "
                        <span>{who}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="booth-key" aria-label=label>{items}</ul> }
    });
    view! {
        <figure class="floor-plan">
            <svg
                viewBox=format!("0 0 {} {}", hall.width_dm, hall.depth_dm)
                role="img"
                aria-labelledby=labelled_by
                preserveAspectRatio="xMidYMid meet"
            >
                <title id=title_id>{summary.clone()}</title>
                <rect class="hall-outline" x="0" y="0" width=hall.width_dm height=hall.depth_dm />
                {hall.booths.into_iter().map(|booth| {
                    let size = label_size(&booth);
                    let r = booth.rect;
                    let class = if highlight.contains(&booth.id) {
                        format!("{} booth-highlight", availability_class(booth.availability))
                    } else {
                        availability_class(booth.availability).to_owned()
                    };
                    view! {
                        <g class=class>
                            <rect x=r.x y=r.y width=r.width height=r.depth />
                            <text x=r.x + r.width / 2 y=r.y + r.depth / 2 font-size=size text-anchor="middle" dominant-baseline="middle">
                                {booth.label}
                            </text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <span class="legend legend-free">{t!(i18n, floorplan.free)}</span>
                <span class="legend legend-held">{t!(i18n, floorplan.held)}</span>
                <span class="legend legend-booked">{t!(i18n, floorplan.booked)}</span>
            </figcaption>
            {booth_key}
        </figure>
    }
}
