//! Pilots as organisers and owners see them: the board by status, the form, the pilot's
//! page with its action points and timeline, and the owner's page for updates.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{Field, csrf, error_summary, paragraphs};
use super::{Ctx, page};
use crate::db::action_points::ActionPoint;
use crate::db::pilots::{Pilot, PilotUpdate};
use crate::db::read::pilots::{
    Overview, PilotFilter, evaluations, per_line_and_status, running_per_month,
};
use crate::domain::FieldErrors;
use crate::domain::pilot::{Decision, MoveForm, PilotForm, PilotStatus, UpdateForm, UpdateKind};
use crate::i18n::{Lang, Msg};

pub use crate::domain::pilot::day;

fn pilot_label(field: &str) -> Msg {
    match field {
        "title" => Msg::FieldPilotTitle,
        "aim" => Msg::FieldAim,
        "description" => Msg::FieldDescription,
        "owner_name" => Msg::FieldOwnerName,
        "owner_email" => Msg::FieldOwnerEmail,
        "owner_organisation" => Msg::FieldOwnerOrganisation,
        "partners" => Msg::FieldPartners,
        "action_line" => Msg::FieldActionLine,
        "municipality" => Msg::FieldMunicipality,
        "neighbourhood" => Msg::FieldNeighbourhood,
        "starts_on" => Msg::FieldStartsOn,
        "next_evaluation_on" => Msg::FieldNextEvaluation,
        "points" => Msg::ActionPointsTitle,
        "to" => Msg::FieldMoveTo,
        "reason" => Msg::FieldReason,
        "kind" => Msg::FieldUpdateKind,
        "did" => Msg::FieldDid,
        "expected" => Msg::FieldExpected,
        "happened" => Msg::FieldHappened,
        "learned" => Msg::FieldLearned,
        "decision" => Msg::FieldDecision,
        _ => Msg::FieldNote,
    }
}

/// The board: filters, a column per status with a card per pilot (overdue evaluations
/// stand out), the charts, and the ways out (CSV, the progress report, the public
/// overview).
pub fn board(
    ctx: &Ctx,
    o: &Overview,
    filter: &PilotFilter,
    lists: &crate::config::ListSettings,
    today: NaiveDate,
) -> Markup {
    let title = ctx.t(Msg::PilotsTitle);
    let pilots = o.filtered(filter);
    let query = serde_html_form::to_string(filter).unwrap_or_default();
    let owners: Vec<String> = {
        let mut v: Vec<String> = o.pilots.iter().map(|p| p.owner_name.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let select = |name: &str, label: Msg, value: &str, options: Vec<(String, String)>| {
        let id = format!("filter-{name}");
        html! {
            div.field {
                label for=(id) { (ctx.t(label)) }
                select id=(id) name=(name) {
                    option value="" { (ctx.t(Msg::FilterAll)) }
                    @for (v, l) in options { option value=(v) selected[v == value] { (l) } }
                }
            }
        }
    };
    let pairs = |list: &[String]| {
        list.iter()
            .map(|x| (x.clone(), x.clone()))
            .collect::<Vec<_>>()
    };
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p.actions {
                a.button href="/beheer/pilots/nieuw" { (ctx.t(Msg::PilotNew)) }
                a href={ "/beheer/pilots.csv?" (query) } { (ctx.t(Msg::HarvestCsv)) }
                a href="/beheer/pilots/voortgang" { (ctx.t(Msg::PilotReport)) }
                @if o.published { a href="/samen-leren" { (ctx.t(Msg::PilotPublicOpen)) } }
            }
            form.filters method="get" action="/beheer/pilots" {
                (select("actielijn", Msg::FieldActionLine, &filter.actielijn, pairs(&lists.action_lines)))
                (select("gemeente", Msg::FieldMunicipality, &filter.gemeente, pairs(&lists.municipalities)))
                (select("conferentie", Msg::FilterConference, &filter.conferentie,
                    o.conferences.iter().map(|(id, t)| (id.to_string(), t.clone())).collect()))
                (select("eigenaar", Msg::FieldOwnerName, &filter.eigenaar, pairs(&owners)))
                div.field {
                    label for="filter-q" { (ctx.t(Msg::FilterSearch)) }
                    input id="filter-q" type="search" name="q" value=(filter.q);
                }
                button type="submit" class="secondary" { (ctx.t(Msg::FilterApply)) }
            }
            p role="status" { (ctx.lang.tf(Msg::PilotsShown, &[&pilots.len().to_string()])) }
            @if o.pilots.is_empty() { p { (ctx.t(Msg::PilotNone)) } }
            div.board {
                @for status in PilotStatus::ALL {
                    @let here: Vec<&&Pilot> = pilots.iter().filter(|p| p.status == *status).collect();
                    section.board-column aria-labelledby={ "kolom-" (status.as_str()) } {
                        h2 id={ "kolom-" (status.as_str()) } { (ctx.t(status.label())) " (" (here.len()) ")" }
                        ul.cards {
                            @for p in here {
                                li.card.overdue[p.overdue(today)] {
                                    a href={ "/beheer/pilots/" (p.id) } { (p.title) }
                                    p.hint { (p.owner_name) @if !p.owner_organisation.is_empty() { ", " (p.owner_organisation) } }
                                    @if !p.action_line.is_empty() { p.hint { (p.action_line) } }
                                    @if let Some(d) = p.next_evaluation_on.filter(|_| !p.status.is_ended()) {
                                        p.hint {
                                            @if p.overdue(today) { span.badge.late { (ctx.t(Msg::PilotOverdue)) } " " }
                                            (ctx.lang.tf(Msg::PilotNextEvaluation, &[&day(d)]))
                                        }
                                    }
                                    @let next = p.status.next();
                                    @if !next.is_empty() {
                                        details.move {
                                            summary { (ctx.t(Msg::PilotMoveTitle)) span.visually-hidden { ": " (p.title) } }
                                            form method="post" action={ "/beheer/pilots/" (p.id) "/status?terug=bord" } {
                                                (csrf(ctx))
                                                div.field {
                                                    label for={ "naar-" (p.id) } { (ctx.t(Msg::FieldMoveTo)) }
                                                    select id={ "naar-" (p.id) } name="to" {
                                                        @for n in &next { option value=(n.as_str()) { (ctx.t(n.label())) } }
                                                    }
                                                }
                                                div.field {
                                                    label for={ "waarom-" (p.id) } { (ctx.t(Msg::FieldReason)) }
                                                    input id={ "waarom-" (p.id) } name="reason" required;
                                                }
                                                button type="submit" class="secondary" { (ctx.t(Msg::PilotMoveTitle)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !pilots.is_empty() {
                h2 { (ctx.t(Msg::PilotCharts)) }
                (charts(ctx.lang, o, &pilots, &lists.action_lines, today))
            }
            h2 { (ctx.t(Msg::PilotPublicTitle)) }
            p { (ctx.t(Msg::PilotPublicIntro)) }
            (super::components::action_button(ctx, "/beheer/pilots/publiceren",
                ctx.t(if o.published { Msg::PilotUnpublish } else { Msg::PilotPublish }), "secondary"))
        },
    )
}

/// The parts of a stacked bar of `width` for `max`: (index, start, width) of each count
/// above zero.
fn segments(counts: &[usize], max: f64, width: f64) -> Vec<(usize, f64, f64)> {
    let mut x = 0.0;
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| {
            let w = *n as f64 / max * width;
            x += w;
            (k, x - w, w)
        })
        .collect()
}

/// The three charts: pilots per action line by status, pilots running per month, and
/// evaluations on time, late and overdue. Each has its numbers in text as well.
pub fn charts(
    lang: Lang,
    o: &Overview,
    pilots: &[&Pilot],
    lines: &[String],
    today: NaiveDate,
) -> Markup {
    let rows = per_line_and_status(pilots, lines);
    let widest = rows
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let months = running_per_month(pilots, &o.updates, today, 12);
    let most = months.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let (on_time, late, overdue) = evaluations(pilots, &o.updates, today);
    let evals = [
        (Msg::PilotEvalOnTime, on_time, "bar-ok"),
        (Msg::PilotEvalLate, late, "bar-late"),
        (Msg::PilotOverdue, overdue, "bar-overdue"),
    ];
    let most_eval = evals.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1) as f64;
    let row_h = 26.0;
    html! {
        figure.chart {
            figcaption { (lang.t(Msg::ChartPilotsPerLine)) }
            svg viewBox={ "0 0 760 " (rows.len() as f64 * row_h + 40.0) } role="img" aria-labelledby="chart-lines-text" {
                @for (k, (line, counts)) in rows.iter().enumerate() {
                    @let y = k as f64 * row_h + 4.0;
                    text x="0" y=(y + 14.0) class="chart-label" { (line.chars().take(40).collect::<String>()) }
                    @for (s, x, w) in segments(counts, widest, 300.0) {
                        rect class={ "s-" (PilotStatus::ALL[s].as_str()) } x=(format!("{:.1}", 300.0 + x)) y=(y) width=(format!("{w:.1}")) height="18" {}
                    }
                }
                @for (s, status) in PilotStatus::ALL.iter().enumerate() {
                    rect class={ "s-" (status.as_str()) } x=(s as f64 * 108.0) y=(rows.len() as f64 * row_h + 16.0) width="10" height="10" {}
                    text x=(s as f64 * 108.0 + 13.0) y=(rows.len() as f64 * row_h + 25.0) class="chart-value" { (lang.t(status.label())) }
                }
            }
            p.visually-hidden id="chart-lines-text" {
                @for (line, counts) in &rows {
                    (line) ": "
                    @for (s, n) in counts.iter().enumerate() { @if *n > 0 { (n) " " (lang.t(PilotStatus::ALL[s].label())) ", " } }
                    ". "
                }
            }
        }
        figure.chart {
            figcaption { (lang.t(Msg::ChartPilotsRunning)) }
            svg viewBox="0 0 640 185" role="img" aria-labelledby="chart-months-text" {
                @for (k, (month, n)) in months.iter().enumerate() {
                    @let h = *n as f64 / most * 120.0;
                    @let x = k as f64 * 52.0 + 10.0;
                    rect.bar-running x=(format!("{x:.1}")) y=(format!("{:.1}", 145.0 - h)) width="36" height=(format!("{h:.1}")) {}
                    text x=(format!("{:.1}", x + 12.0)) y=(format!("{:.1}", 141.0 - h)) class="chart-value" { (n) }
                    text x=(format!("{x:.1}")) y="165" class="chart-value" { (month.format("%m-%y")) }
                }
            }
            p.visually-hidden id="chart-months-text" {
                @for (month, n) in &months { (month.format("%m-%Y")) ": " (n) ". " }
            }
        }
        figure.chart {
            figcaption { (lang.t(Msg::ChartEvaluations)) }
            svg viewBox="0 0 640 100" role="img" aria-labelledby="chart-evals-text" {
                @for (k, (label, n, class)) in evals.iter().enumerate() {
                    @let y = k as f64 * 30.0 + 4.0;
                    @let w = *n as f64 / most_eval * 300.0;
                    text x="0" y=(y + 15.0) class="chart-label" { (lang.t(*label)) }
                    rect class=(class) x="240" y=(y) width=(format!("{w:.1}")) height="20" {}
                    text x=(format!("{:.1}", 244.0 + w)) y=(y + 15.0) class="chart-value" { (n) }
                }
            }
            p.visually-hidden id="chart-evals-text" {
                @for (label, n, _) in &evals { (lang.t(*label)) ": " (n) ". " }
            }
        }
    }
}

/// The points a new pilot can be made of: a conference's listed points, some ticked.
pub struct PointChoice<'a> {
    pub conference: &'a crate::domain::ids::ConferenceId,
    pub points: &'a [ActionPoint],
    pub chosen: &'a [String],
}

fn field<'a>(ctx: &Ctx, errors: &FieldErrors, name: &'a str, value: &'a str) -> Field<'a> {
    Field::new(ctx, errors, name, pilot_label(name), value)
}

/// The pilot form, new (`choice` the points to pick from) or to edit.
pub fn form<'a>(
    ctx: &Ctx,
    heading: &str,
    action: &str,
    form: &'a PilotForm,
    errors: &FieldErrors,
    lists: &crate::config::ListSettings,
    choice: Option<&PointChoice>,
) -> Markup {
    let field = |name: &'static str, value: &'a str| field(ctx, errors, name, value);
    let options = |list: &[String]| -> Vec<(String, String)> {
        std::iter::once((String::new(), String::from("–")))
            .chain(list.iter().map(|x| (x.clone(), x.clone())))
            .collect()
    };
    page(
        ctx,
        heading,
        html! {
            p.breadcrumb { a href="/beheer/pilots" { (ctx.t(Msg::PilotsTitle)) } }
            h1 { (heading) }
            (error_summary(ctx, errors, pilot_label))
            form method="post" action=(action) novalidate {
                (csrf(ctx))
                @if let Some(c) = choice {
                    input type="hidden" name="conference" value=(c.conference);
                    fieldset.has-error[errors.get("points").is_some()] id="f-points" {
                        legend { (ctx.t(Msg::ActionPointsTitle)) }
                        @if let Some(p) = errors.get("points") {
                            p.error-message { span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " } (p.text(ctx.lang)) }
                        }
                        ul.choices {
                            @for p in c.points {
                                li {
                                    input type="checkbox" name="points" id={ "punt-" (p.id) } value=(p.id)
                                        checked[c.chosen.iter().any(|x| x == p.id.as_str())];
                                    label for={ "punt-" (p.id) } { (p.body) }
                                }
                            }
                        }
                    }
                }
                (field("title", &form.title).required().input(ctx))
                (field("aim", &form.aim).hint(ctx.t(Msg::HintAim)).textarea(ctx, 3))
                (field("description", &form.description).textarea(ctx, 5))
                (field("owner_name", &form.owner_name).required().input(ctx))
                (field("owner_email", &form.owner_email).required().kind("email").hint(ctx.t(Msg::HintOwnerEmail)).input(ctx))
                (field("owner_organisation", &form.owner_organisation).input(ctx))
                (field("partners", &form.partners).input(ctx))
                (field("action_line", &form.action_line).select(ctx, &options(&lists.action_lines)))
                (field("municipality", &form.municipality).select(ctx, &options(&lists.municipalities)))
                (field("neighbourhood", &form.neighbourhood).input(ctx))
                (field("starts_on", &form.starts_on).kind("date").input(ctx))
                (field("next_evaluation_on", &form.next_evaluation_on).kind("date").input(ctx))
                div.field.checkbox {
                    input type="checkbox" id="f-show_owner" name="show_owner" value="1" checked[!form.show_owner.is_empty()];
                    label for="f-show_owner" { (ctx.t(Msg::FieldShowOwner)) }
                }
                button type="submit" { (ctx.t(Msg::Save)) }
            }
        },
    )
}

/// One entry of a timeline.
fn entry(lang: Lang, u: &PilotUpdate) -> Markup {
    let when = lang.datetime(u.created_at);
    let text = |label: Msg, value: &str| {
        html! {
            @if !value.is_empty() {
                h4 { (lang.t(label)) }
                (paragraphs(value))
            }
        }
    };
    html! {
        li.entry class={ "entry-" (u.kind.as_str()) } {
            p.entry-head {
                strong {
                    @match u.kind {
                        UpdateKind::Progress => (lang.t(Msg::UpdateProgress)),
                        UpdateKind::Evaluation => (lang.t(Msg::UpdateEvaluation)),
                        UpdateKind::Note => (lang.t(Msg::UpdateNote)),
                        UpdateKind::Move => {
                            (lang.tf(Msg::TimelineMove, &[
                                u.status_from.map_or("", |s| lang.t(s.label())),
                                u.status_to.map_or("", |s| lang.t(s.label())),
                            ]))
                        }
                    }
                }
                " – " (u.author) ", " (when)
            }
            @match u.kind {
                UpdateKind::Evaluation => {
                    (text(Msg::FieldExpected, &u.expected))
                    (text(Msg::FieldHappened, &u.happened))
                    (text(Msg::FieldLearned, &u.learned))
                    @if let Some(d) = u.decision {
                        p { strong { (lang.t(Msg::FieldDecision)) } " " (lang.t(d.label())) }
                    }
                    @if let Some(d) = u.next_evaluation_on {
                        p { (lang.tf(Msg::PilotNextEvaluation, &[&day(d)])) }
                    }
                    @if !u.did.is_empty() { (text(Msg::FieldDid, &u.did)) }
                }
                _ => (paragraphs(&u.did)),
            }
        }
    }
}

/// A pilot's timeline, newest first.
pub fn timeline(lang: Lang, updates: &[PilotUpdate]) -> Markup {
    html! {
        ol.timeline reversed {
            @for u in updates.iter().rev() { (entry(lang, u)) }
        }
    }
}

/// The facts of a pilot, for both its pages.
fn facts(ctx: &Ctx, p: &Pilot, today: NaiveDate) -> Markup {
    html! {
        p {
            span.badge.status { (ctx.t(p.status.label())) }
            @if p.overdue(today) { " " span.badge.late { (ctx.t(Msg::PilotOverdue)) } }
        }
        @if !p.aim.is_empty() { h2 { (ctx.t(Msg::FieldAim)) } (paragraphs(&p.aim)) }
        @if !p.description.is_empty() { (paragraphs(&p.description)) }
        dl.facts {
            dt { (ctx.t(Msg::FieldOwnerName)) } dd { (p.owner_name) @if !p.owner_organisation.is_empty() { ", " (p.owner_organisation) } }
            @if !p.partners.is_empty() { dt { (ctx.t(Msg::FieldPartners)) } dd { (p.partners) } }
            @if !p.action_line.is_empty() { dt { (ctx.t(Msg::FieldActionLine)) } dd { (p.action_line) } }
            @if !p.municipality.is_empty() || !p.neighbourhood.is_empty() {
                dt { (ctx.t(Msg::FieldMunicipality)) } dd { (p.municipality) @if !p.neighbourhood.is_empty() { ", " (p.neighbourhood) } }
            }
            @if let Some(d) = p.starts_on { dt { (ctx.t(Msg::FieldStartsOn)) } dd { (day(d)) } }
            @if let Some(d) = p.next_evaluation_on.filter(|_| !p.status.is_ended()) { dt { (ctx.t(Msg::FieldNextEvaluation)) } dd { (day(d)) } }
        }
    }
}

/// What a pilot's page shows besides the pilot.
pub struct PilotView<'a> {
    pub pilot: &'a Pilot,
    pub conference: Option<&'a crate::db::conferences::Conference>,
    /// Its action points, each with its insight's title, question and dots.
    pub points: Vec<(&'a ActionPoint, String, u32)>,
    pub updates: &'a [PilotUpdate],
    pub today: NaiveDate,
    pub move_form: &'a MoveForm,
    pub note_form: &'a UpdateForm,
    pub errors: &'a FieldErrors,
    /// The conferences it reports back at (titles).
    pub feedback: Vec<String>,
    /// The conferences it could report back at: (id, title).
    pub later: Vec<(String, String)>,
}

/// The organiser's page of a pilot: facts, origin, timeline, move and note.
pub fn detail(ctx: &Ctx, v: &PilotView) -> Markup {
    let p = v.pilot;
    let base = format!("/beheer/pilots/{}", p.id);
    let next = p.status.next();
    page(
        ctx,
        &p.title,
        html! {
            p.breadcrumb { a href="/beheer/pilots" { (ctx.t(Msg::PilotsTitle)) } }
            h1 { (p.title) }
            (error_summary(ctx, v.errors, pilot_label))
            (facts(ctx, p, v.today))
            p.actions { a.button href={ (base) "/bewerken" } { (ctx.t(Msg::Edit)) } }
            @if let Some(c) = v.conference {
                h2 { (ctx.t(Msg::PilotPointsTitle)) }
                p { (ctx.lang.tf(Msg::PilotFrom, &[&c.title])) }
                ul {
                    @for (point, context, dots) in &v.points {
                        li {
                            (paragraphs(&point.body))
                            p.hint { (context) " · " (ctx.lang.tf(Msg::VoteDotsCount, &[&dots.to_string()])) }
                        }
                    }
                }
            }
            @if !next.is_empty() {
                h2 id="status" { (ctx.t(Msg::PilotMoveTitle)) }
                form method="post" action={ (base) "/status" } novalidate {
                    (csrf(ctx))
                    (Field::new(ctx, v.errors, "to", Msg::FieldMoveTo, &v.move_form.to).select(ctx,
                        &next.iter().map(|s| (s.as_str().to_owned(), ctx.t(s.label()).to_owned())).collect::<Vec<_>>()))
                    (Field::new(ctx, v.errors, "reason", Msg::FieldReason, &v.move_form.reason).required().input(ctx))
                    button type="submit" { (ctx.t(Msg::PilotMoveTitle)) }
                }
            }
            h2 { (ctx.t(Msg::PilotFeedbackTitle)) }
            @for c in &v.feedback { p { (ctx.lang.tf(Msg::PilotFeedbackAt, &[c])) } }
            p.hint { (ctx.t(Msg::PilotFeedbackIntro)) }
            form method="post" action={ (base) "/terugkoppeling" } {
                (csrf(ctx))
                (Field::new(ctx, v.errors, "conference", Msg::FilterConference, "").select(ctx, &v.later))
                button type="submit" class="secondary" { (ctx.t(Msg::PilotFeedbackAdd)) }
            }
            p.actions { a href={ (base) "/blad" } { (ctx.t(Msg::PilotSheet)) } }
            h2 id="tijdlijn" { (ctx.t(Msg::PilotTimeline)) }
            form method="post" action={ (base) "/notitie" } novalidate {
                (csrf(ctx))
                input type="hidden" name="kind" value="notitie";
                (Field::new(ctx, v.errors, "did", Msg::FieldNote, &v.note_form.did).textarea(ctx, 3))
                button type="submit" class="secondary" { (ctx.t(Msg::PilotNoteAdd)) }
            }
            (timeline(ctx.lang, v.updates))
        },
    )
}

/// The owner's page (`/p/{token}`): the pilot, a form for progress or an evaluation, and
/// the timeline.
pub struct OwnerView<'a> {
    pub pilot: &'a Pilot,
    pub updates: &'a [PilotUpdate],
    pub form: &'a UpdateForm,
    pub errors: &'a FieldErrors,
    pub saved: bool,
    /// `/p/{token}`.
    pub action: String,
    pub today: NaiveDate,
}

pub fn owner(ctx: &Ctx, v: &OwnerView) -> Markup {
    let (p, updates, form, errors, saved, action, today) = (
        v.pilot,
        v.updates,
        v.form,
        v.errors,
        v.saved,
        v.action.as_str(),
        v.today,
    );
    let kind = if form.kind.is_empty() {
        "voortgang"
    } else {
        form.kind.as_str()
    };
    let decisions: Vec<(String, String)> = std::iter::once((String::new(), "–".to_owned()))
        .chain(
            Decision::ALL
                .iter()
                .map(|d| (d.as_str().to_owned(), ctx.t(d.label()).to_owned())),
        )
        .collect();
    page(
        ctx,
        &p.title,
        html! {
            h1 { (p.title) }
            @if saved { p.notice role="status" { (ctx.t(Msg::UpdateSaved)) } }
            (error_summary(ctx, errors, pilot_label))
            (facts(ctx, p, today))
            h2 { (ctx.t(Msg::UpdateTitle)) }
            form method="post" action=(action) novalidate {
                (csrf(ctx))
                fieldset {
                    legend { (ctx.t(Msg::FieldUpdateKind)) }
                    @for (value, label) in [("voortgang", Msg::UpdateProgress), ("evaluatie", Msg::UpdateEvaluation)] {
                        div.field.checkbox {
                            input type="radio" name="kind" id={ "soort-" (value) } value=(value) checked[kind == value];
                            label for={ "soort-" (value) } { (ctx.t(label)) }
                        }
                    }
                }
                (Field::new(ctx, errors, "did", Msg::FieldDid, &form.did).textarea(ctx, 3))
                fieldset {
                    legend { (ctx.t(Msg::UpdateEvaluation)) }
                    p.hint { (ctx.t(Msg::LearningCounts)) }
                    (Field::new(ctx, errors, "expected", Msg::FieldExpected, &form.expected).textarea(ctx, 2))
                    (Field::new(ctx, errors, "happened", Msg::FieldHappened, &form.happened).textarea(ctx, 2))
                    (Field::new(ctx, errors, "learned", Msg::FieldLearned, &form.learned).textarea(ctx, 2))
                    (Field::new(ctx, errors, "decision", Msg::FieldDecision, &form.decision).select(ctx, &decisions))
                    (Field::new(ctx, errors, "next_evaluation_on", Msg::FieldNextEvaluation, &form.next_evaluation_on).kind("date").input(ctx))
                }
                button type="submit" { (ctx.t(Msg::Save)) }
            }
            h2 { (ctx.t(Msg::PilotTimeline)) }
            (timeline(ctx.lang, updates))
        },
    )
}

/// The progress report for the regional steering group (A4): per action line what runs,
/// what was evaluated, what was learned and adjusted.
pub fn report(ctx: &Ctx, o: &Overview, lines: &[String], today: NaiveDate) -> Markup {
    let title = ctx.t(Msg::PilotReportTitle);
    let all: Vec<&Pilot> = o.pilots.iter().collect();
    let mut groups: Vec<(String, Vec<&Pilot>)> = lines
        .iter()
        .map(|l| {
            (
                l.clone(),
                all.iter()
                    .copied()
                    .filter(|p| p.action_line == *l)
                    .collect(),
            )
        })
        .collect();
    let rest: Vec<&Pilot> = all
        .iter()
        .copied()
        .filter(|p| !lines.contains(&p.action_line))
        .collect();
    groups.push((ctx.t(Msg::PilotNoLine).to_owned(), rest));
    page(
        ctx,
        title,
        html! {
            article.report {
                h1 { (title) }
                p.lead { (ctx.t(Msg::PilotReportIntro)) " " (day(today)) }
                (charts(ctx.lang, o, &all, lines, today))
                @for (line, pilots) in groups.iter().filter(|(_, p)| !p.is_empty()) {
                    section.report-insight {
                        h2 { (line) }
                        @for p in pilots {
                            h3 { (p.title) " – " (ctx.t(p.status.label())) }
                            @if !p.aim.is_empty() { (paragraphs(&p.aim)) }
                            p.hint {
                                (p.owner_name) @if !p.municipality.is_empty() { ", " (p.municipality) }
                                @if p.overdue(today) { " · " span.badge.late { (ctx.t(Msg::PilotOverdue)) } }
                            }
                            @if let Some(u) = o.last_learning(&p.id) {
                                p { strong { (ctx.lang.tf(Msg::PilotLastLearning, &[&ctx.lang.date(u.created_at)])) } }
                                (paragraphs(&u.learned))
                                @if let Some(d) = u.decision { p { (ctx.t(Msg::FieldDecision)) " " (ctx.t(d.label())) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// One pilot on a sheet of its own (A4): its facts, origin and timeline.
pub fn sheet(ctx: &Ctx, v: &PilotView) -> Markup {
    let p = v.pilot;
    page(
        ctx,
        &p.title,
        html! {
            article.report {
                h1 { (p.title) }
                (facts(ctx, p, v.today))
                @if let Some(c) = v.conference {
                    h2 { (ctx.t(Msg::PilotPointsTitle)) }
                    p { (ctx.lang.tf(Msg::PilotFrom, &[&c.title])) }
                    ul { @for (point, context, dots) in &v.points {
                        li { (point.body) p.hint { (context) " · " (ctx.lang.tf(Msg::VoteDotsCount, &[&dots.to_string()])) } }
                    } }
                }
                h2 { (ctx.t(Msg::PilotTimeline)) }
                (timeline(ctx.lang, v.updates))
            }
        },
    )
}

/// The public overview for other coalitions: no email addresses, owners' names only where
/// they agreed, and what each pilot learned.
pub fn public(ctx: &Ctx, o: &Overview) -> Markup {
    let title = ctx.t(Msg::PilotPublicTitle);
    page(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::PublicPilotsIntro)) }
            @for status in PilotStatus::ALL {
                @let here: Vec<&Pilot> = o.pilots.iter().filter(|p| p.status == *status).collect();
                @if !here.is_empty() {
                    section {
                        h2 { (ctx.t(status.label())) " (" (here.len()) ")" }
                        @for p in here {
                            article.card {
                                h3 { (p.title) }
                                @if !p.aim.is_empty() { (paragraphs(&p.aim)) }
                                p.hint {
                                    @if o.show_owner.get(&p.id).copied().unwrap_or(false) { (p.owner_name) ", " }
                                    @if !p.owner_organisation.is_empty() { (p.owner_organisation) ", " }
                                    (p.action_line)
                                    @if !p.municipality.is_empty() { ", " (p.municipality) }
                                }
                                @if let Some(u) = o.last_learning(&p.id) {
                                    p { strong { (ctx.lang.tf(Msg::PilotLastLearning, &[&ctx.lang.date(u.created_at)])) } }
                                    (paragraphs(&u.learned))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
