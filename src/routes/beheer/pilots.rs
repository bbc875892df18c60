//! The organiser's pilots: the board (`/beheer/pilots`), a new pilot (from action points
//! or from scratch), a pilot's page with its origin and timeline, editing, moving its
//! status with a reason, and notes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use crate::db::read::pilots::{Overview, PilotFilter};
use crate::db::{self, DbError};
use crate::domain::FieldErrors;
use crate::domain::ids::{ActionPointId, ConferenceId, PilotId};
use crate::domain::pilot::{MoveForm, PilotForm, UpdateForm, UpdateKind};
use crate::flows;
use crate::flows::pilot::{Lists, today};
use crate::i18n::Msg;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, Organiser};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::Ctx;
use crate::views::pilots::{PilotView, PointChoice};

async fn overview(state: &AppState) -> Result<Overview, AppError> {
    Ok(state.db.run(Overview::load).await?)
}

pub async fn board(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    filter: web::Query<PilotFilter>,
) -> Result<Markup, AppError> {
    let o = overview(&state).await?;
    Ok(crate::views::pilots::board(
        &ctx,
        &o,
        &filter,
        &state.settings.lists,
        today(state.now()),
    ))
}

/// The pilots the filter keeps, as CSV (see [`super::csv_download`]).
pub async fn csv(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    filter: web::Query<PilotFilter>,
) -> Result<HttpResponse, AppError> {
    let o = overview(&state).await?;
    let (lang, today) = (ctx.lang, today(state.now()));
    let header = [
        lang.t(Msg::FieldPilotTitle),
        lang.t(Msg::StatusLabel),
        lang.t(Msg::FieldAim),
        lang.t(Msg::FieldOwnerName),
        lang.t(Msg::FieldOwnerEmail),
        lang.t(Msg::FieldOwnerOrganisation),
        lang.t(Msg::FieldPartners),
        lang.t(Msg::FieldActionLine),
        lang.t(Msg::FieldMunicipality),
        lang.t(Msg::FieldNeighbourhood),
        lang.t(Msg::FilterConference),
        lang.t(Msg::FieldStartsOn),
        lang.t(Msg::FieldNextEvaluation),
        lang.t(Msg::PilotOverdue),
        lang.t(Msg::FieldLearned),
    ];
    let day = |d: Option<chrono::NaiveDate>| d.map(crate::domain::pilot::day).unwrap_or_default();
    let rows = o.filtered(&filter).into_iter().map(|p| {
        vec![
            p.title.clone(),
            lang.t(p.status.label()).to_owned(),
            p.aim.clone(),
            p.owner_name.clone(),
            p.owner_email.clone(),
            p.owner_organisation.clone(),
            p.partners.clone(),
            p.action_line.clone(),
            p.municipality.clone(),
            p.neighbourhood.clone(),
            o.conference_title(&p.conference_id).to_owned(),
            day(p.starts_on),
            day(p.next_evaluation_on),
            if p.overdue(today) { "ja" } else { "" }.to_owned(),
            o.last_learning(&p.id)
                .map(|u| u.learned.replace('\n', " "))
                .unwrap_or_default(),
        ]
    });
    super::csv_download("pilots.csv", &header, rows)
}

/// The printable progress report for the regional steering group.
pub async fn report(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
) -> Result<Markup, AppError> {
    let o = overview(&state).await?;
    Ok(crate::views::pilots::report(
        &ctx,
        &o,
        &state.settings.lists.action_lines,
        today(state.now()),
    ))
}

/// Publishes the public overview, or withdraws it.
pub async fn publish(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    _form: CsrfForm<crate::routes::extract::NoFields>,
) -> Result<HttpResponse, AppError> {
    let now = state.now();
    let on = state
        .db
        .run(move |conn| {
            let on = !db::pilots::published(conn)?;
            db::pilots::set_published(conn, on, now)?;
            Ok::<_, DbError>(on)
        })
        .await?;
    ctx.flash(if on {
        Msg::PilotPublished
    } else {
        Msg::PilotUnpublished
    });
    Ok(see_other("/beheer/pilots"))
}

/// `/samen-leren`: the public overview, when an organiser published it.
pub async fn public(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let o = overview(&state).await?;
    if !o.published {
        return Err(AppError::NotFound);
    }
    Ok(crate::views::pilots::public(&ctx, &o))
}

/// `?conferentie={id}&punten={id}&punten=...`: the points to make a pilot of.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct From {
    pub conferentie: String,
    pub punten: Vec<String>,
}

/// The form with what it was filled in with: prefilled from the chosen points on first
/// showing (title and aim from the first, the rest in the description, the owner from
/// who takes it up).
async fn new_page(
    ctx: &Ctx,
    state: &AppState,
    conference: Option<ConferenceId>,
    chosen: Vec<String>,
    form: Option<PilotForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let points = match conference.clone() {
        Some(c) => {
            state
                .db
                .run(move |conn| db::action_points::list(conn, &c))
                .await?
        }
        None => Vec::new(),
    };
    let form = form.unwrap_or_else(|| {
        let picked: Vec<_> = points
            .iter()
            .filter(|p| chosen.iter().any(|c| c == p.id.as_str()))
            .collect();
        let first = picked.first();
        PilotForm {
            title: first
                .map(|p| {
                    p.body
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(200)
                        .collect()
                })
                .unwrap_or_default(),
            aim: first.map(|p| p.body.clone()).unwrap_or_default(),
            description: picked
                .iter()
                .skip(1)
                .map(|p| format!("– {}", p.body))
                .collect::<Vec<_>>()
                .join("\n"),
            owner_name: first.map(|p| p.taker_name.clone()).unwrap_or_default(),
            owner_organisation: first
                .map(|p| p.taker_organisation.clone())
                .unwrap_or_default(),
            partners: first.map(|p| p.with_whom.clone()).unwrap_or_default(),
            ..PilotForm::default()
        }
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let choice = conference.as_ref().map(|c| PointChoice {
        conference: c,
        points: &points,
        chosen: &chosen,
    });
    Ok(html(
        status,
        crate::views::pilots::form(
            ctx,
            ctx.t(Msg::PilotNew),
            "/beheer/pilots/nieuw",
            &form,
            &errors,
            &state.settings.lists,
            choice.as_ref(),
        ),
    ))
}

pub async fn new_form(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    // serde_html_form, so that the repeated `punten` fill a list.
    let from: From = serde_html_form::from_str(req.query_string()).unwrap_or_default();
    let conference = ConferenceId::parse(from.conferentie.trim());
    new_page(
        &ctx,
        &state,
        conference,
        from.punten,
        None,
        FieldErrors::default(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewPilot {
    #[serde(flatten)]
    pub pilot: PilotForm,
    pub conference: String,
    pub points: Vec<String>,
}

pub async fn create(
    ctx: Ctx,
    Organiser(who): Organiser,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<NewPilot>,
) -> Result<HttpResponse, AppError> {
    let conference = ConferenceId::parse(form.conference.trim());
    let points: Vec<ActionPointId> = form
        .points
        .iter()
        .filter_map(|p| ActionPointId::parse(p.trim()))
        .collect();
    let (mailer, now, c, pts, pilot) = (
        state.mailer.clone(),
        state.now(),
        conference.clone(),
        points.clone(),
        form.pilot.clone(),
    );
    let settings = state.settings.clone();
    let (outcome, effects) = state
        .db
        .run(move |conn| {
            let lists = Lists {
                action_lines: &settings.lists.action_lines,
                municipalities: &settings.lists.municipalities,
            };
            flows::pilot::create(
                conn,
                &mailer,
                c.as_ref(),
                &pts,
                &pilot,
                &lists,
                &who.name,
                now,
            )
        })
        .await?;
    state.apply(effects);
    match outcome {
        Ok(id) => {
            ctx.flash(Msg::PilotSaved);
            Ok(see_other(&format!("/beheer/pilots/{id}")))
        }
        Err(errors) => {
            new_page(
                &ctx,
                &state,
                conference,
                form.points,
                Some(form.pilot),
                errors,
            )
            .await
        }
    }
}

fn pilot_id(req: &HttpRequest) -> Result<PilotId, AppError> {
    req.match_info()
        .get("id")
        .and_then(PilotId::parse)
        .ok_or(AppError::NotFound)
}

async fn find(state: &AppState, id: PilotId) -> Result<db::pilots::Pilot, AppError> {
    state
        .db
        .run(move |conn| db::pilots::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound)
}

/// The pilot's page, with what a refused form sent.
async fn detail_page(
    ctx: &Ctx,
    state: &AppState,
    id: PilotId,
    move_form: MoveForm,
    note_form: UpdateForm,
    errors: FieldErrors,
    sheet: bool,
) -> Result<HttpResponse, AppError> {
    let domains = state.settings.lists.domains.clone();
    let (pilot, conference, read, points, updates, feedback, later) = state
        .db
        .run(move |conn| {
            let Some(pilot) = db::pilots::find(conn, &id)? else {
                return Ok(None);
            };
            let conference = match &pilot.conference_id {
                Some(c) => db::conferences::find(conn, c)?,
                None => None,
            };
            let read = match &conference {
                Some(c) => Some(db::read::wall::WallRead::load(
                    conn,
                    c.clone(),
                    db::read::wall::Shown::ALL,
                    &domains,
                )?),
                None => None,
            };
            let points = db::pilots::points_of(conn, &id)?;
            let updates = db::pilots::updates(conn, &id)?;
            let all = db::conferences::list(conn, false)?;
            let at = db::pilots::feedback_of(conn, &id)?;
            let feedback = all
                .iter()
                .filter(|c| at.contains(&c.id))
                .map(|c| c.title.clone())
                .collect::<Vec<_>>();
            let later = all
                .iter()
                .filter(|c| !at.contains(&c.id) && Some(&c.id) != pilot.conference_id.as_ref())
                .map(|c| (c.id.to_string(), c.title.clone()))
                .collect::<Vec<_>>();
            Ok::<_, DbError>(Some((
                pilot, conference, read, points, updates, feedback, later,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let listed: Vec<_> = read
        .as_ref()
        .map(|r| {
            points
                .iter()
                .filter_map(|id| {
                    let p = r
                        .points()
                        .into_iter()
                        .chain(r.sources.iter())
                        .find(|p| p.id == *id)?;
                    let context = r
                        .insight_of(p)
                        .map(|i| format!("{} – {}", i.title, i.question(p.question)))
                        .unwrap_or_default();
                    Some((p, context, r.votes.tally(&p.id).dots))
                })
                .collect()
        })
        .unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = PilotView {
        pilot: &pilot,
        conference: conference.as_ref(),
        points: listed,
        updates: &updates,
        today: today(state.now()),
        move_form: &move_form,
        note_form: &note_form,
        errors: &errors,
        feedback,
        later,
    };
    Ok(html(
        status,
        if sheet {
            crate::views::pilots::sheet(ctx, &view)
        } else {
            crate::views::pilots::detail(ctx, &view)
        },
    ))
}

/// A pilot's page (or its printable sheet) as it stands, without a form to show again.
async fn fresh(
    ctx: &Ctx,
    state: &AppState,
    req: &HttpRequest,
    sheet: bool,
) -> Result<HttpResponse, AppError> {
    let id = pilot_id(req)?;
    let none = (
        MoveForm::default(),
        UpdateForm::default(),
        FieldErrors::default(),
    );
    detail_page(ctx, state, id, none.0, none.1, none.2, sheet).await
}

pub async fn detail(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    fresh(&ctx, &state, &req, false).await
}

/// The printable pilot sheet.
pub async fn sheet(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    fresh(&ctx, &state, &req, true).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    pub conference: String,
}

/// Puts the pilot on a later conference's programme.
pub async fn report_back(
    ctx: Ctx,
    Organiser(who): Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<FeedbackForm>,
) -> Result<HttpResponse, AppError> {
    let pilot = find(&state, pilot_id(&req)?).await?;
    let chosen = ConferenceId::parse(form.conference.trim());
    let conference = match chosen {
        Some(id) => {
            state
                .db
                .run(move |conn| db::conferences::find(conn, &id))
                .await?
        }
        None => None,
    };
    let Some(conference) = conference else {
        let mut errors = FieldErrors::default();
        errors.add("conference", crate::domain::Problem::new(Msg::ErrChoice));
        return detail_page(
            &ctx,
            &state,
            pilot.id,
            MoveForm::default(),
            UpdateForm::default(),
            errors,
            false,
        )
        .await;
    };
    let (mailer, now, p) = (state.mailer.clone(), state.now(), pilot.clone());
    let (_, effects) = state
        .db
        .run(move |conn| flows::pilot::report_back(conn, &mailer, &p, &conference, &who.name, now))
        .await?;
    state.apply(effects);
    ctx.flash(Msg::PilotFeedbackDone);
    Ok(see_other(&format!("/beheer/pilots/{}", pilot.id)))
}

pub async fn edit_form(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<Markup, AppError> {
    let pilot = find(&state, pilot_id(&req)?).await?;
    let id = pilot.id.clone();
    let show = state
        .db
        .run(move |conn| db::pilots::follow(conn, &id))
        .await?
        .is_some_and(|f| f.show_owner);
    Ok(crate::views::pilots::form(
        &ctx,
        &pilot.title,
        &format!("/beheer/pilots/{}/bewerken", pilot.id),
        &pilot.to_form(show),
        &FieldErrors::default(),
        &state.settings.lists,
        None,
    ))
}

pub async fn update(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<PilotForm>,
) -> Result<HttpResponse, AppError> {
    let pilot = find(&state, pilot_id(&req)?).await?;
    let (mailer, now, p, f) = (
        state.mailer.clone(),
        state.now(),
        pilot.clone(),
        form.clone(),
    );
    let settings = state.settings.clone();
    let (outcome, effects) = state
        .db
        .run(move |conn| {
            let lists = Lists {
                action_lines: &settings.lists.action_lines,
                municipalities: &settings.lists.municipalities,
            };
            flows::pilot::edit(conn, &mailer, &p, &f, &lists, now)
        })
        .await?;
    state.apply(effects);
    match outcome {
        Ok(()) => {
            ctx.flash(Msg::Saved);
            Ok(see_other(&format!("/beheer/pilots/{}", pilot.id)))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::views::pilots::form(
                &ctx,
                &pilot.title,
                &format!("/beheer/pilots/{}/bewerken", pilot.id),
                &form,
                &errors,
                &state.settings.lists,
                None,
            ),
        )),
    }
}

/// `?terug=bord`: back to the board after a move made there.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Back {
    pub terug: String,
}

pub async fn move_status(
    ctx: Ctx,
    Organiser(who): Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
    back: web::Query<Back>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let pilot = find(&state, pilot_id(&req)?).await?;
    let (now, p, f) = (state.now(), pilot.clone(), form.clone());
    let outcome = state
        .db
        .run(move |conn| flows::pilot::move_status(conn, &p, &f, &who.name, now))
        .await?;
    match outcome {
        Ok(_) => {
            ctx.flash(Msg::PilotMoved);
            if back.terug == "bord" {
                return Ok(see_other(&format!(
                    "/beheer/pilots#kolom-{}",
                    pilot.status.as_str()
                )));
            }
            Ok(see_other(&format!("/beheer/pilots/{}#tijdlijn", pilot.id)))
        }
        Err(errors) => {
            detail_page(
                &ctx,
                &state,
                pilot.id,
                form,
                UpdateForm::default(),
                errors,
                false,
            )
            .await
        }
    }
}

pub async fn note(
    ctx: Ctx,
    Organiser(who): Organiser,
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<UpdateForm>,
) -> Result<HttpResponse, AppError> {
    let pilot = find(&state, pilot_id(&req)?).await?;
    let (now, p, f) = (state.now(), pilot.clone(), form.clone());
    let outcome = state
        .db
        .run(move |conn| {
            flows::pilot::post_update(conn, &p, &f, &[UpdateKind::Note], &who.name, now)
        })
        .await?;
    match outcome {
        Ok(()) => {
            ctx.flash(Msg::UpdateSaved);
            Ok(see_other(&format!("/beheer/pilots/{}#tijdlijn", pilot.id)))
        }
        Err(errors) => {
            detail_page(
                &ctx,
                &state,
                pilot.id,
                MoveForm::default(),
                form,
                errors,
                false,
            )
            .await
        }
    }
}
