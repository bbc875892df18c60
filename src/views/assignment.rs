//! The assignment preview: the cost, the choices people got (as a chart that needs no
//! script), who got none, and per round every group with its people and its mix.

use maud::{Markup, html};

use super::components::action_button;
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::programme::ProgrammeItem;
use crate::db::read::assignment::{AssignmentRead, GroupSeats};
use crate::i18n::Msg;

/// A horizontal bar chart as SVG, its numbers also in text for screen readers.
fn chart(ctx: &Ctx, counts: &[usize; 4]) -> Markup {
    let labels = [
        Msg::AssignFirst,
        Msg::AssignSecond,
        Msg::AssignThird,
        Msg::AssignNoChoice,
    ];
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let row = 28;
    let height = row * counts.len() + 4;
    let summary: Vec<String> = labels
        .iter()
        .zip(counts)
        .map(|(l, n)| format!("{}: {n}", ctx.t(*l)))
        .collect();
    html! {
        figure.chart {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 400 " (height) } width="400"
                height=(height) style="max-width: 100%; height: auto"
                role="img" aria-label=(summary.join(", ")) {
                @for (n, (label, count)) in labels.iter().zip(counts).enumerate() {
                    @let y = n * row + 2;
                    @let width = (240 * count / max).max(if *count > 0 { 2 } else { 0 });
                    text x="0" y=(y + 17) font-size="13" fill="#1b1b1b" { (ctx.t(*label)) }
                    rect x="140" y=(y + 4) width=(width) height="18"
                        fill=(if n == 3 { "#a4262c" } else { "#00587a" }) {}
                    text x=(148 + width) y=(y + 17) font-size="13" fill="#1b1b1b" { (count) }
                }
            }
            figcaption { (ctx.t(Msg::AssignChoices)) ": " (summary.join(", ")) }
        }
    }
}

/// How far the cost is from the solver's lower bound, honestly: proven optimal, or at
/// most so many percent above the best possible.
fn gap(ctx: &Ctx, total: i64, bound: Option<i64>) -> Option<String> {
    let bound = bound?;
    if bound >= total {
        return Some(ctx.t(Msg::AssignOptimal).to_owned());
    }
    if bound <= 0 {
        return None;
    }
    let percent = (total - bound) as f64 * 100.0 / bound as f64;
    // Rounded up, so the claim "at most" stays true.
    let shown = (percent * 10.0).ceil() / 10.0;
    let text = match ctx.lang {
        crate::i18n::Lang::Nl => format!("{shown:.1}").replace('.', ","),
        crate::i18n::Lang::En => format!("{shown:.1}"),
    };
    Some(ctx.lang.tf(Msg::AssignGap, &[&text, &bound.to_string()]))
}

pub fn preview(ctx: &Ctx, c: &Conference, read: &AssignmentRead, error: Option<&str>) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::AssignTitle);
    let (counts, none) = read.choices();
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (title) }
            @if let Some(error) = error {
                div.error-summary role="alert" tabindex="-1" autofocus { p { (error) } }
            }
            p { (ctx.t(Msg::AssignIntro)) }
            p.actions {
                (action_button(ctx, &format!("{base}/indeling/verdelen"),
                    ctx.t(if read.run.is_some() { Msg::AssignRunAgain } else { Msg::AssignRun }), "primary"))
                " "
                @if let Some(run) = &read.run {
                    " "
                    (action_button(ctx, &format!("{base}/indeling/publiceren"),
                        ctx.t(if run.published_at.is_some() { Msg::AssignPublishAgain } else { Msg::AssignPublish }), "secondary"))
                }
                " "
                a href={ (base) "/groepen" } { (ctx.t(Msg::GroupsTitle)) }
            }
            @if read.run.is_some() {
                ul.print-links {
                    li { a href={ (base) "/indeling/lijsten" } { (ctx.t(Msg::AssignRoomLists)) } }
                    li { a href={ (base) "/indeling/deurbordjes" } { (ctx.t(Msg::AssignDoorSigns)) } }
                    li { a href={ (base) "/indeling/tafelkaarten" } { (ctx.t(Msg::TableCards)) } }
                    li { a href={ (base) "/indeling.csv" } { (ctx.t(Msg::AssignExportCsv)) } }
                }
            }
            @if let Some(at) = read.run.as_ref().and_then(|r| r.published_at) {
                p { (ctx.lang.tf(Msg::AssignPublishedAt, &[&ctx.lang.datetime(at)])) }
            }
            @match &read.run {
                None => p { (ctx.t(Msg::AssignNone)) },
                Some(run) => {
                    p { (ctx.lang.tf(Msg::AssignCost, &[
                        &run.cost_total.to_string(), &run.cost_preference.to_string(),
                        &run.cost_discipline.to_string(), &run.cost_organisation.to_string(),
                    ])) }
                    @if let Some(gap) = gap(ctx, run.cost_total, run.cost_bound) { p.gap { (gap) } }
                    (chart(ctx, &counts))
                    @if !none.is_empty() {
                        h2 { (ctx.t(Msg::AssignNoChoiceList)) }
                        ul { @for (r, round) in &none { li { (r.name) " – " (round.title) } } }
                    }
                    @for round in &read.rounds {
                        h2 { (round.title) " (" (ctx.lang.time(round.starts_at)) "–" (ctx.lang.time(round.ends_at)) ")" }
                        @for seats in read.seats(round) {
                            section.group {
                                h3 { (seats.insight) " – " (seats.group.room) }
                                p { (ctx.lang.tf(Msg::AssignSeats, &[&seats.people.len().to_string(), &seats.group.capacity.to_string()])) }
                                @if !seats.disciplines.is_empty() {
                                    p { (ctx.t(Msg::AssignDisciplines)) ": "
                                        (seats.disciplines.iter().map(|(d, n)| format!("{d} ({n})")).collect::<Vec<_>>().join(", ")) }
                                }
                                @if !seats.colleagues.is_empty() {
                                    p { (ctx.t(Msg::AssignColleagues)) ": "
                                        (seats.colleagues.iter().map(|(o, n)| format!("{o} ({n})")).collect::<Vec<_>>().join(", ")) }
                                }
                                ul.seats {
                                    @for (r, pinned) in &seats.people {
                                        li {
                                            (r.name) " – " (r.organisation) ", " (r.discipline)
                                            @if *pinned { " " (super::components::badge(ctx.t(Msg::AssignPinned), "pinned")) }
                                            " "
                                            a href={ (base) "/indeling/verplaatsen?deelnemer=" (r.id) "&ronde=" (round.id) } {
                                                (ctx.t(Msg::AssignMove)) span.visually-hidden { ": " (r.name) }
                                            }
                                            " "
                                            form.inline method="post" action={ (base) "/indeling/vastzetten" } {
                                                (super::components::csrf(ctx))
                                                input type="hidden" name="deelnemer" value=(r.id);
                                                input type="hidden" name="ronde" value=(round.id);
                                                input type="hidden" name="vast" value=(if *pinned { "0" } else { "1" });
                                                button.link type="submit" {
                                                    (ctx.t(if *pinned { Msg::AssignUnpin } else { Msg::AssignPin }))
                                                    span.visually-hidden { ": " (r.name) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Moving one participant in one round: the groups of that round, and once checked, what
/// the move does to the cost.
pub struct MoveView<'a> {
    pub conference: &'a Conference,
    pub person: &'a crate::db::registrations::Registration,
    pub round: &'a crate::db::programme::ProgrammeItem,
    /// The round's groups: (id, insight, room, seats taken, places).
    pub groups: Vec<(String, &'a str, &'a str, usize, i32)>,
    pub chosen: &'a str,
    pub check: Option<&'a crate::domain::assignment::MoveCheck>,
    pub error: Option<&'a str>,
}

pub fn move_form(ctx: &Ctx, v: &MoveView) -> Markup {
    let base = format!("/beheer/conferenties/{}", v.conference.id);
    let title = ctx
        .lang
        .tf(Msg::AssignMoveTitle, &[&v.person.name, &v.round.title]);
    let options: Vec<(String, String)> = v
        .groups
        .iter()
        .map(|(id, insight, room, taken, places)| {
            (id.clone(), format!("{insight} – {room} ({taken}/{places})"))
        })
        .collect();
    let none = crate::domain::FieldErrors::default();
    page(
        ctx,
        &title,
        html! {
            p.breadcrumb { a href={ (base) "/indeling" } { (ctx.t(Msg::AssignTitle)) } }
            h1 { (title) }
            @if let Some(error) = v.error {
                div.error-summary role="alert" tabindex="-1" autofocus { p { (error) } }
            }
            form.stack method="post" action={ (base) "/indeling/verplaatsen" } {
                (super::components::csrf(ctx))
                input type="hidden" name="deelnemer" value=(v.person.id);
                input type="hidden" name="ronde" value=(v.round.id);
                (super::components::Field::new(ctx, &none, "groep", Msg::FieldGroup, v.chosen).required().select(ctx, &options))
                @if let Some(check) = v.check {
                    @let delta = check.after.total - check.before.total;
                    p role="status" { (ctx.lang.tf(Msg::AssignMoveCost, &[
                        &check.before.total.to_string(), &check.after.total.to_string(),
                        &format!("{delta:+}"),
                    ])) }
                }
                p.actions {
                    button type="submit" name="action" value="check" { (ctx.t(Msg::AssignMoveCheck)) }
                    @if v.check.is_some_and(|c| c.refused.is_none()) {
                        button.primary type="submit" name="action" value="save" { (ctx.t(Msg::AssignMoveSave)) }
                    }
                    a href={ (base) "/indeling" } { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}

/// The line every printed sheet of a group shares: round, day and time. (The room stands in
/// the heading, as organisers name it: "Zaal 2.14".)
fn sheet_when(ctx: &Ctx, round: &ProgrammeItem) -> Markup {
    html! {
        p.sheet-when {
            (round.title) ", " (ctx.lang.date(round.starts_at)) " "
            (ctx.lang.time(round.starts_at)) "–" (ctx.lang.time(round.ends_at))
        }
    }
}

/// A page of sheets, one per group in programme order, each drawn by `sheet`.
fn print_page(
    ctx: &Ctx,
    c: &Conference,
    title: &str,
    read: &AssignmentRead,
    sheet: impl Fn(&ProgrammeItem, &GroupSeats) -> Markup,
) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    page(
        ctx,
        title,
        html! {
            div.no-print {
                p.breadcrumb { a href=(base) { (c.title) } " › " a href={ (base) "/indeling" } { (ctx.t(Msg::AssignTitle)) } }
                h1 { (title) }
                @if read.run.is_some() { p { (ctx.t(Msg::AssignPrintHint)) } }
            }
            @if read.run.is_none() {
                p { (ctx.t(Msg::AssignPrintNone)) }
            } @else {
                @for round in &read.rounds {
                    @for seats in read.seats(round) { (sheet(round, &seats)) }
                }
            }
        },
    )
}

/// One A4 per group for the day itself: who sits in this room, with organisation and
/// discipline, to tick off at the door.
pub fn room_lists(ctx: &Ctx, c: &Conference, read: &AssignmentRead) -> Markup {
    let title = ctx.t(Msg::AssignRoomListsTitle);
    print_page(ctx, c, title, read, |round, seats| {
        html! {
                    section.sheet {
                        h2 { (seats.group.room) ": " (seats.insight) }
                        (sheet_when(ctx, round))
                        @if !seats.group.facilitator_name.is_empty() {
                            p { (ctx.t(Msg::FieldFacilitatorName)) ": " (seats.group.facilitator_name) }
                        }
                        @if seats.people.is_empty() {
                            p { (ctx.t(Msg::AssignEmptyGroup)) }
                        } @else {
                            table.print-list {
                                caption.visually-hidden { (seats.group.room) ", " (round.title) }
                                thead { tr {
                                    th scope="col" { (ctx.t(Msg::FieldName)) }
                                    th scope="col" { (ctx.t(Msg::FieldOrganisation)) }
                                    th scope="col" { (ctx.t(Msg::FieldDiscipline)) }
                                } }
                                tbody {
                                    @for (r, _) in &seats.people {
                                        tr { td { (r.name) } td { (r.organisation) } td { (r.discipline) } }
                                    }
                                }
                            }
                            p { (ctx.lang.tf(Msg::AssignSeats, &[&seats.people.len().to_string(), &seats.group.capacity.to_string()])) }
                        }
                    }
        }
    })
}

/// One A4 per group for its door: room, round and time, the insight in large type and its
/// two guiding questions.
pub fn door_signs(ctx: &Ctx, c: &Conference, read: &AssignmentRead) -> Markup {
    let title = ctx.t(Msg::AssignDoorSignsTitle);
    print_page(ctx, c, title, read, |round, seats| {
        html! {
                    section.sheet.door-sign { (sign(ctx, read, round, seats)) }
        }
    })
}

/// What a door sign and a table card show: room, round and time, the insight and its
/// two questions.
fn sign(ctx: &Ctx, read: &AssignmentRead, round: &ProgrammeItem, seats: &GroupSeats) -> Markup {
    html! {
        p.door-room { (seats.group.room) }
        (sheet_when(ctx, round))
        h2.door-insight { (seats.insight) }
        @if let Some(insight) = read.insight(seats.group) {
            ol.door-questions {
                li { (insight.question_professional) }
                li { (insight.question_together) }
            }
        }
    }
}

/// One card per group for its table: room, round and time, the insight and its two
/// questions, and the group's link as text and as a QR code.
pub fn table_cards(
    ctx: &Ctx,
    c: &Conference,
    read: &AssignmentRead,
    link: &dyn Fn(&crate::domain::ids::GroupId) -> String,
) -> Markup {
    let title = ctx.t(Msg::TableCardsTitle);
    print_page(ctx, c, title, read, |round, seats| {
        let url = link(&seats.group.id);
        html! {
            section.sheet.door-sign.table-card {
                (sign(ctx, read, round, seats))
                p { (ctx.t(Msg::TableCardLink)) }
                p.table-link { code.link { (url) } }
                (super::components::qr(&url))
            }
        }
    })
}
