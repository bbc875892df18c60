//! The organiser's hold on the conference's action points: the harvest (filters, status,
//! merging duplicates, CSV, the printable report), what the wall does with each point
//! (hide, show, pin, unpin), the vote (open, close), and closing capture after the
//! conference (and opening it again).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use super::conference_url;
use crate::db::conferences::Conference;
use crate::db::read::wall::{HarvestFilter, Shown, WallRead};
use crate::domain::action_point::{Mark, PointStatus};
use crate::domain::ids::ActionPointId;
use crate::domain::vote::VoteForm;
use crate::domain::{FieldErrors, Problem};
use crate::flows;
use crate::flows::capture::MergeRefused;
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::Ctx;
use crate::views::points::ListView;

async fn set_lock(
    ctx: Ctx,
    state: web::Data<AppState>,
    c: Conference,
    lock: bool,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (c.id.clone(), state.now());
    let effects = state
        .db
        .run(move |conn| flows::capture::set_lock(conn, &id, lock, now))
        .await?;
    state.apply(effects);
    ctx.flash(if lock {
        Msg::CaptureLockedDone
    } else {
        Msg::CaptureOpenedDone
    });
    Ok(see_other(&format!("{}#actiepunten", conference_url(&c.id))))
}

pub async fn lock(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_lock(ctx, state, c, true).await
}

pub async fn unlock(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_lock(ctx, state, c, false).await
}

/// Everything the organiser's pages of points read, in one go.
pub async fn load(
    state: &AppState,
    c: Conference,
) -> Result<(WallRead, Vec<crate::db::programme::ProgrammeItem>), AppError> {
    let domains = state.settings.lists.domains.clone();
    Ok(state
        .db
        .run(move |conn| {
            let rounds = crate::db::groups::offer(conn, &c.id)?.rounds;
            let read = WallRead::load(conn, c, Shown::ALL, &domains)?;
            Ok::<_, crate::db::DbError>((read, rounds))
        })
        .await?)
}

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    filter: web::Query<HarvestFilter>,
) -> Result<Markup, AppError> {
    let (read, rounds) = load(&state, c).await?;
    let ids: Vec<_> = read.points().iter().map(|p| p.id.clone()).collect();
    let pilots = state
        .db
        .run(move |conn| crate::db::pilots::titles_of_points(conn, &ids))
        .await?;
    Ok(crate::views::points::list(
        &ctx,
        &ListView {
            read: &read,
            rounds: &rounds,
            filter: &filter,
            pilots: &pilots,
        },
    ))
}

/// The points the filter keeps, as CSV (see [`super::csv_download`]).
pub async fn csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    filter: web::Query<HarvestFilter>,
) -> Result<HttpResponse, AppError> {
    let (read, rounds) = load(&state, c).await?;
    let lang = ctx.lang;
    let header = [
        lang.t(Msg::FilterInsight),
        lang.t(Msg::FilterQuestion),
        lang.t(Msg::FilterRound),
        lang.t(Msg::FilterGroup),
        lang.t(Msg::ActionPointsTitle),
        lang.t(Msg::FieldTakerName),
        lang.t(Msg::FieldTakerOrganisation),
        lang.t(Msg::FieldWithWhom),
        lang.t(Msg::FieldFirstStep),
        lang.t(Msg::StatusLabel),
        lang.t(Msg::VoteTitle),
        lang.t(Msg::DomainMedical),
        lang.t(Msg::DomainSocial),
        lang.t(Msg::DomainParents),
        lang.t(Msg::DomainOthers),
        lang.t(Msg::MergeSources),
    ];
    let rows = read.harvest(&filter).into_iter().map(|h| {
        let p = h.point;
        let t = read.votes.tally(&p.id);
        let round = h
            .group
            .and_then(|g| rounds.iter().find(|r| r.id == g.round_id))
            .map_or(String::new(), |r| r.title.clone());
        let sources: Vec<String> = read
            .sources_of(&p.id)
            .iter()
            .map(|s| s.body.replace('\n', " "))
            .collect();
        vec![
            h.insight.title.clone(),
            h.insight.question(p.question).to_owned(),
            round,
            h.group.map_or(String::new(), |g| g.room.clone()),
            p.body.clone(),
            p.taker_name.clone(),
            p.taker_organisation.clone(),
            p.with_whom.clone(),
            p.first_step.clone(),
            lang.t(p.status.label()).to_owned(),
            t.dots.to_string(),
            t.by_domain[0].to_string(),
            t.by_domain[1].to_string(),
            t.by_domain[2].to_string(),
            t.by_domain[3].to_string(),
            sources.join(" | "),
        ]
    });
    super::csv_download(
        &format!("actiepunten-{}.csv", read.conference.slug),
        &header,
        rows,
    )
}

/// The printable "Opbrengst werkconferentie".
pub async fn report(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let (read, _) = load(&state, c).await?;
    Ok(crate::views::points::report(&ctx, &read))
}

/// Hide, show, pin or unpin one point (`/actiepunten/{item}/{mark}`); the wall follows
/// live.
pub async fn mark(
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let info = req.match_info();
    let id = info.get("item").and_then(ActionPointId::parse);
    let mark = info.get("mark").and_then(Mark::parse);
    let (Some(id), Some(mark)) = (id, mark) else {
        return Err(AppError::NotFound);
    };
    let (cid, now, at) = (c.id.clone(), state.now(), id.clone());
    let (found, effects) = state
        .db
        .run(move |conn| flows::capture::mark(conn, &cid, &at, mark, now))
        .await?;
    state.apply(effects);
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&point_url(&c, &id)))
}

fn point_url(c: &Conference, id: &ActionPointId) -> String {
    format!("{}/actiepunten#punt-{id}", conference_url(&c.id))
}

fn item(req: &HttpRequest) -> Result<ActionPointId, AppError> {
    req.match_info()
        .get("item")
        .and_then(ActionPointId::parse)
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

/// Sets what becomes of a point: new, becomes a pilot, parked.
pub async fn set_status(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = item(&req)?;
    let Some(status) = PointStatus::parse(form.status.trim()) else {
        return Err(AppError::NotFound);
    };
    let (cid, now, at) = (c.id.clone(), state.now(), id.clone());
    let found = state
        .db
        .run(move |conn| flows::vote::set_status(conn, &cid, &at, status, now))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    ctx.flash(Msg::Saved);
    Ok(see_other(&point_url(&c, &id)))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MergeForm {
    pub into: String,
}

async fn merge_page(
    ctx: &Ctx,
    state: &AppState,
    c: Conference,
    id: &ActionPointId,
    problem: Option<Problem>,
) -> Result<HttpResponse, AppError> {
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (read, _) = load(state, c).await?;
    let Some(point) = read.points().into_iter().find(|p| p.id == *id) else {
        return Err(AppError::NotFound);
    };
    Ok(html(
        status,
        crate::views::points::merge_form(ctx, &read, point, problem.as_ref()),
    ))
}

/// Asks which point this one is a duplicate of.
pub async fn merge_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
) -> Result<HttpResponse, AppError> {
    let id = item(&req)?;
    merge_page(&ctx, &state, c, &id, None).await
}

pub async fn merge(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let id = item(&req)?;
    let Some(into) = ActionPointId::parse(form.into.trim()) else {
        return merge_page(&ctx, &state, c, &id, Some(Problem::new(Msg::ErrChoice))).await;
    };
    let (cid, now, at, to) = (c.id.clone(), state.now(), id.clone(), into.clone());
    let (outcome, effects) = state
        .db
        .run(move |conn| flows::capture::merge(conn, &cid, &at, &to, now))
        .await?;
    state.apply(effects);
    let problem = match outcome {
        Ok(()) => {
            ctx.flash(Msg::MergeDone);
            return Ok(see_other(&point_url(&c, &into)));
        }
        Err(MergeRefused::SamePoint) => Problem::new(Msg::ErrMergeSelf),
        Err(MergeRefused::DuringVote) => Problem::new(Msg::ErrMergeDuringVote),
        Err(MergeRefused::Unknown) => Problem::new(Msg::ErrChoice),
    };
    merge_page(&ctx, &state, c, &id, Some(problem)).await
}

/// Takes a merged point out of its survivor again.
pub async fn split(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = item(&req)?;
    let (cid, now, at) = (c.id.clone(), state.now(), id.clone());
    let (done, effects) = state
        .db
        .run(move |conn| flows::capture::split(conn, &cid, &at, now))
        .await?;
    state.apply(effects);
    if !done {
        return Err(AppError::NotFound);
    }
    ctx.flash(Msg::MergeSplitDone);
    Ok(see_other(&point_url(&c, &id)))
}

/// `?terug=wall`: back to the wall after opening or closing the vote.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Back {
    pub terug: String,
}

fn back_to(c: &Conference, back: &Back) -> String {
    if back.terug == "wall" {
        format!("/c/{}/wall", c.slug)
    } else {
        format!("{}/stemming", conference_url(&c.id))
    }
}

async fn vote_page_as(
    ctx: &Ctx,
    state: &AppState,
    c: Conference,
    form: Option<VoteForm>,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (read, _) = load(state, c).await?;
    let form = form.unwrap_or_else(|| {
        VoteForm::from_settings(
            &read
                .votes
                .vote
                .as_ref()
                .map(|v| v.settings())
                .unwrap_or_default(),
        )
    });
    Ok(html(
        status,
        crate::views::points::vote_page(ctx, &read, &form, &errors),
    ))
}

/// The vote: how it stands, its ranking with the breakdown by domain, open and close.
pub async fn vote_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<HttpResponse, AppError> {
    vote_page_as(&ctx, &state, c, None, FieldErrors::default()).await
}

pub async fn open_vote(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    back: web::Query<Back>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let (cid, now, sent) = (c.id.clone(), state.now(), form.clone());
    let (outcome, effects) = state
        .db
        .run(move |conn| flows::vote::open(conn, &cid, &sent, now))
        .await?;
    state.apply(effects);
    match outcome {
        Ok(()) => {
            ctx.flash(Msg::VoteOpened);
            Ok(see_other(&back_to(&c, &back)))
        }
        Err(errors) => vote_page_as(&ctx, &state, c, Some(form), errors).await,
    }
}

pub async fn close_vote(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    back: web::Query<Back>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (cid, now, domains) = (
        c.id.clone(),
        state.now(),
        state.settings.lists.domains.clone(),
    );
    let (_, effects) = state
        .db
        .run(move |conn| flows::vote::close(conn, &cid, &domains, now))
        .await?;
    state.apply(effects);
    ctx.flash(Msg::VoteClosedDone);
    Ok(see_other(&back_to(&c, &back)))
}
