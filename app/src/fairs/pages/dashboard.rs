//! The organiser's dashboard of a fair: booths booked, held and free,
//! registrations per slot over time, and the CSV exports. Refreshes itself
//! every 30 seconds while open.
use super::status_text;
use crate::{
    fairs::{Dashboard, SlotSeries, api::fair_dashboard, pages::fair_id_param},
    i18n::*,
    parts::error_message,
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

const CHART_W: f64 = 600.0;
const CHART_H: f64 = 220.0;
const PAD: f64 = 36.0;

/// SVG polyline points for each slot's cumulative registrations, sharing
/// one day axis and one count axis (up to the largest total, at least 10).
pub fn chart_lines(series: &[SlotSeries]) -> (Vec<String>, Vec<String>, i64) {
    let mut days: Vec<String> = Vec::new();
    for s in series {
        for p in &s.points {
            if !days.contains(&p.day) {
                days.push(p.day.clone());
            }
        }
    }
    // Days are "dd.mm."; sort by month then day.
    days.sort_by_key(|d| {
        let mut parts = d.split('.').map(|n| n.parse::<u32>().unwrap_or(0));
        let (day, month) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        month * 100 + day
    });
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.total))
        .max()
        .unwrap_or(0)
        .max(10);
    let step = if days.len() > 1 {
        (CHART_W - 2.0 * PAD) / (days.len() - 1) as f64
    } else {
        0.0
    };
    let lines = series
        .iter()
        .map(|s| {
            let mut total = 0;
            days.iter()
                .enumerate()
                .map(|(i, day)| {
                    if let Some(p) = s.points.iter().find(|p| &p.day == day) {
                        total = p.total;
                    }
                    let x = PAD + step * i as f64;
                    let y = CHART_H - PAD - (total as f64 / max as f64) * (CHART_H - 2.0 * PAD);
                    format!("{x:.1},{y:.1}")
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (lines, days, max)
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = fair_id_param();
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || tick.update(|t| *t += 1),
            std::time::Duration::from_secs(30),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    let data = Resource::new(
        move || (fair_id.get(), tick.get()),
        |(id, _)| fair_dashboard(id),
    );
    view! {
        <Title text=tr!(i18n, dashboard.title) />
        <section class="page">
            <p class="breadcrumb">
                <a href="/organise">{t!(i18n, plan.my_fairs)}</a> " › "
                <a href=move || format!("/organise/fairs/{}", fair_id.get())>{t!(i18n, plan.title)}</a>
            </p>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || data.get().map(|result| match result {
                    Ok(d) => view! { <DashboardView d /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, dashboard.title)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let (lines, days, max) = chart_lines(&d.series);
    let base = format!("/organise/fairs/{}/export", d.fair_id);
    let series = d.series.clone();
    view! {
        <h1>{t!(i18n, dashboard.heading, title = d.title.clone())}</h1>
        <p class="meta"><span class=format!("badge status-{}", d.status.as_str())>{status_text(i18n, d.status)}</span></p>
        <ul class="stat-grid">
            <li class="stat"><span class="stat-value">{d.registrations}</span> <span>{t!(i18n, dashboard.registrations_of, capacity = d.capacity)}</span></li>
            <li class="stat"><span class="stat-value">{d.booths_booked}</span> <span>{t!(i18n, dashboard.booths_booked)}</span></li>
            <li class="stat"><span class="stat-value">{d.booths_held}</span> <span>{t!(i18n, dashboard.booths_held)}</span></li>
            <li class="stat"><span class="stat-value">{d.booths_free}</span> <span>{t!(i18n, dashboard.booths_free)}</span></li>
        </ul>
        <section class="card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{t!(i18n, dashboard.chart_title)}</h2>
            <figure class="chart">
                <svg viewBox=format!("0 0 {CHART_W} {CHART_H}") role="img" aria-labelledby="chart-heading chart-desc">
                    <desc id="chart-desc">{t!(i18n, dashboard.chart_desc)}</desc>
                    <line class="axis" x1=PAD y1=CHART_H - PAD x2=CHART_W - PAD y2=CHART_H - PAD />
                    <line class="axis" x1=PAD y1=PAD x2=PAD y2=CHART_H - PAD />
                    <text class="tick" x=PAD - 6.0 y=PAD text-anchor="end">{max}</text>
                    <text class="tick" x=PAD - 6.0 y=CHART_H - PAD text-anchor="end">"0"</text>
                    {days.first().cloned().map(|day| view! { <text class="tick" x=PAD y=CHART_H - PAD + 16.0>{day}</text> })}
                    {days.last().cloned().filter(|_| days.len() > 1).map(|day| view! {
                        <text class="tick" x=CHART_W - PAD y=CHART_H - PAD + 16.0 text-anchor="end">{day}</text>
                    })}
                    {lines.into_iter().enumerate().map(|(i, points)| view! {
                        <polyline class=format!("series series-{}", i % 4) points=points />
                    }).collect_view()}
                </svg>
                <figcaption>
                    {series.iter().enumerate().map(|(i, s)| view! {
                        <span class=format!("legend series-key-{}", i % 4)>{s.slot.clone()}</span>
                    }).collect_view()}
                </figcaption>
            </figure>
            <details>
                <summary>{t!(i18n, dashboard.as_table)}</summary>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, fair.slot_time)}</th>
                        <th scope="col">{t!(i18n, dashboard.day)}</th>
                        <th scope="col">{t!(i18n, dashboard.total)}</th>
                    </tr></thead>
                    <tbody>
                        {series.into_iter().flat_map(|s| {
                            let slot = s.slot.clone();
                            s.points.into_iter().map(move |p| view! {
                                <tr><td>{slot.clone()}</td><td>{p.day}</td><td>{p.total}</td></tr>
                            })
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
        <section class="card" aria-labelledby="exports-heading">
            <h2 id="exports-heading">{t!(i18n, dashboard.exports)}</h2>
            <p class="field-hint">{t!(i18n, dashboard.exports_hint)}</p>
            <ul class="plain-list">
                <li><a href=format!("{base}/registrations.csv") download="">{t!(i18n, dashboard.export_registrations)}</a>
                    " · " <a href=format!("{base}/registrations.csv?separator=comma") download="">{t!(i18n, dashboard.comma_variant)}</a></li>
                <li><a href=format!("{base}/exhibitors.csv") download="">{t!(i18n, dashboard.export_exhibitors)}</a>
                    " · " <a href=format!("{base}/exhibitors.csv?separator=comma") download="">{t!(i18n, dashboard.comma_variant)}</a></li>
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fairs::SeriesPoint;

    #[test]
    fn lines_carry_totals_forward_over_days_without_registrations() {
        let series = vec![
            SlotSeries {
                slot: "A".into(),
                capacity: 10,
                points: vec![SeriesPoint {
                    day: "01.03.".into(),
                    total: 5,
                }],
            },
            SlotSeries {
                slot: "B".into(),
                capacity: 10,
                points: vec![SeriesPoint {
                    day: "02.03.".into(),
                    total: 20,
                }],
            },
        ];
        let (lines, days, max) = chart_lines(&series);
        assert_eq!(days, vec!["01.03.", "02.03."]);
        assert_eq!(max, 20);
        // A stays at 5 on the second day; B starts at 0.
        let a: Vec<&str> = lines[0].split(' ').collect();
        assert_eq!(a[0].split(',').nth(1), a[1].split(',').nth(1));
        assert!(lines[1].starts_with("36.0,184.0"));
    }
}
