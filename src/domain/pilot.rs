//! A pilot: an action point (or several) turned into a small experiment with an owner,
//! followed, evaluated and adjusted ("ga aan de slag, evalueer steeds en stuur bij"). Its
//! status moves only along the allowed transitions; every move is recorded with who, when
//! and why.

use chrono::NaiveDate;
use serde::Deserialize;

use super::email::Email;
use super::ids::text_enum;
use super::{FieldErrors, Problem, optional_line, optional_text, required_line};
use crate::i18n::Msg;

text_enum! {
    /// Where a pilot stands.
    pub enum PilotStatus {
        Idea = "idee",
        Preparing = "in-voorbereiding",
        Running = "lopend",
        Evaluating = "evalueren",
        Finished = "afgerond",
        Stopped = "gestopt",
        ScaledUp = "opgeschaald",
    }
}

impl PilotStatus {
    /// Whether a pilot may move from here to `to`: idee → in voorbereiding → lopend →
    /// evalueren → afgerond | gestopt | opgeschaald, and evalueren back to lopend
    /// ("bijsturen"). Nothing else.
    pub fn may_become(self, to: PilotStatus) -> bool {
        use PilotStatus::*;
        matches!(
            (self, to),
            (Idea, Preparing)
                | (Preparing, Running)
                | (Running, Evaluating)
                | (Evaluating, Running)
                | (Evaluating, Finished)
                | (Evaluating, Stopped)
                | (Evaluating, ScaledUp)
        )
    }

    /// Where it may go from here, in the order of [`PilotStatus::ALL`].
    pub fn next(self) -> Vec<PilotStatus> {
        PilotStatus::ALL
            .iter()
            .copied()
            .filter(|to| self.may_become(*to))
            .collect()
    }

    /// Ended: no more evaluations, no reminders.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            PilotStatus::Finished | PilotStatus::Stopped | PilotStatus::ScaledUp
        )
    }

    pub fn label(self) -> Msg {
        match self {
            PilotStatus::Idea => Msg::PilotIdea,
            PilotStatus::Preparing => Msg::PilotPreparing,
            PilotStatus::Running => Msg::PilotRunning,
            PilotStatus::Evaluating => Msg::PilotEvaluating,
            PilotStatus::Finished => Msg::PilotFinished,
            PilotStatus::Stopped => Msg::PilotStopped,
            PilotStatus::ScaledUp => Msg::PilotScaledUp,
        }
    }
}

/// A move of a pilot's status, as asked: where to, and why (required: the timeline says
/// it to whoever reads the pilot later).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub to: String,
    pub reason: String,
}

impl MoveForm {
    pub fn parse(&self, from: PilotStatus) -> Result<(PilotStatus, String), FieldErrors> {
        let mut e = FieldErrors::default();
        let to = match PilotStatus::parse(self.to.trim()) {
            Some(to) if from.may_become(to) => Some(to),
            Some(_) => {
                e.add("to", Problem::new(Msg::ErrPilotMove));
                None
            }
            None => {
                e.add("to", Problem::new(Msg::ErrChoice));
                None
            }
        };
        let reason = e.check("reason", required_line(&self.reason, 500));
        match (to, reason) {
            (Some(to), Some(reason)) if e.is_empty() => Ok((to, reason)),
            _ => Err(e),
        }
    }
}

/// The pilot form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PilotForm {
    pub title: String,
    pub aim: String,
    pub description: String,
    pub owner_name: String,
    pub owner_email: String,
    pub owner_organisation: String,
    pub partners: String,
    pub action_line: String,
    pub municipality: String,
    pub neighbourhood: String,
    pub starts_on: String,
    pub next_evaluation_on: String,
    /// A checkbox: the owner agreed to have their name on the public overview.
    pub show_owner: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotDraft {
    pub title: String,
    pub aim: String,
    pub description: String,
    pub owner_name: String,
    pub owner_email: String,
    pub owner_organisation: String,
    pub partners: String,
    pub action_line: String,
    pub municipality: String,
    pub neighbourhood: String,
    pub starts_on: Option<NaiveDate>,
    pub next_evaluation_on: Option<NaiveDate>,
    pub show_owner: bool,
}

/// A date as people read it here: 11-03-2027.
pub fn day(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A date as a date field sends it (2027-03-11), or as people type it (11-03-2027).
pub fn parse_date(input: &str) -> Result<Option<NaiveDate>, Problem> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(input, "%d-%m-%Y"))
        .map(Some)
        .map_err(|_| Problem::new(Msg::ErrPilotDate))
}

/// An evaluation date: not before `today`.
pub fn evaluation_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
    match parse_date(input)? {
        Some(d) if d < today => Err(Problem::new(Msg::ErrEvaluationPast)),
        d => Ok(d),
    }
}

impl PilotForm {
    /// Checked against the configured lists (action lines, municipalities), with `today`
    /// for the evaluation date. `previous_evaluation` is the date stored before: keeping
    /// it unchanged is fine even once it lies in the past (an overdue evaluation).
    pub fn parse(
        &self,
        action_lines: &[String],
        municipalities: &[String],
        today: NaiveDate,
        previous_evaluation: Option<NaiveDate>,
    ) -> Result<PilotDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check("title", required_line(&self.title, 200));
        let aim = e.check("aim", optional_text(&self.aim, 2_000));
        let description = e.check("description", optional_text(&self.description, 5_000));
        let owner_name = e.check("owner_name", required_line(&self.owner_name, 200));
        let owner_email = e.check(
            "owner_email",
            Email::parse(&self.owner_email).map(Email::into_string),
        );
        let owner_organisation = e.check(
            "owner_organisation",
            optional_line(&self.owner_organisation, 200),
        );
        let partners = e.check("partners", optional_line(&self.partners, 500));
        let in_list = |field: &'static str, value: &str, list: &[String], e: &mut FieldErrors| {
            let value = value.trim();
            if value.is_empty() || list.iter().any(|x| x == value) {
                Some(value.to_owned())
            } else {
                e.add(field, Problem::new(Msg::ErrChoice));
                None
            }
        };
        let action_line = in_list("action_line", &self.action_line, action_lines, &mut e);
        let municipality = in_list("municipality", &self.municipality, municipalities, &mut e);
        let neighbourhood = e.check("neighbourhood", optional_line(&self.neighbourhood, 200));
        let starts_on = e.check("starts_on", parse_date(&self.starts_on));
        let next = match parse_date(&self.next_evaluation_on) {
            Ok(d) if d.is_some() && d == previous_evaluation => Ok(d),
            Ok(_) => evaluation_date(&self.next_evaluation_on, today),
            Err(p) => Err(p),
        };
        let next_evaluation_on = e.check("next_evaluation_on", next);
        if !e.is_empty() {
            return Err(e);
        }
        match (
            title,
            aim,
            description,
            owner_name,
            owner_email,
            owner_organisation,
            partners,
            action_line,
            municipality,
            neighbourhood,
            starts_on,
            next_evaluation_on,
        ) {
            (
                Some(title),
                Some(aim),
                Some(description),
                Some(owner_name),
                Some(owner_email),
                Some(owner_organisation),
                Some(partners),
                Some(action_line),
                Some(municipality),
                Some(neighbourhood),
                Some(starts_on),
                Some(next_evaluation_on),
            ) => Ok(PilotDraft {
                title,
                aim,
                description,
                owner_name,
                owner_email,
                owner_organisation,
                partners,
                action_line,
                municipality,
                neighbourhood,
                starts_on,
                next_evaluation_on,
                show_owner: !self.show_owner.is_empty(),
            }),
            _ => Err(e),
        }
    }
}

text_enum! {
    /// What an evaluation decides.
    pub enum Decision {
        Continue = "doorgaan",
        Adjust = "bijsturen",
        Stop = "stoppen",
        ScaleUp = "opschalen",
    }
}

impl Decision {
    pub fn label(self) -> Msg {
        match self {
            Decision::Continue => Msg::DecisionContinue,
            Decision::Adjust => Msg::DecisionAdjust,
            Decision::Stop => Msg::DecisionStop,
            Decision::ScaleUp => Msg::DecisionScaleUp,
        }
    }
}

text_enum! {
    /// What kind of entry a pilot's timeline holds.
    pub enum UpdateKind {
        /// What we did (the owner).
        Progress = "voortgang",
        /// An evaluation moment: the cycle's four questions (the owner).
        Evaluation = "evaluatie",
        /// An organiser's note.
        Note = "notitie",
        /// A status move (its reason in `did`).
        Move = "status",
    }
}

/// An update as typed: what we did, and at an evaluation the cycle's questions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UpdateForm {
    /// "voortgang", "evaluatie" or "notitie".
    pub kind: String,
    pub did: String,
    pub expected: String,
    pub happened: String,
    pub learned: String,
    pub decision: String,
    pub next_evaluation_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateDraft {
    pub kind: UpdateKind,
    pub did: String,
    pub expected: String,
    pub happened: String,
    pub learned: String,
    pub decision: Option<Decision>,
    pub next_evaluation_on: Option<NaiveDate>,
}

const UPDATE_CHARS: usize = 5_000;

impl UpdateForm {
    /// `allowed` are the kinds this writer may post (the owner: progress and evaluation;
    /// an organiser: a note).
    pub fn parse(
        &self,
        allowed: &[UpdateKind],
        today: NaiveDate,
    ) -> Result<UpdateDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = match UpdateKind::parse(self.kind.trim()) {
            Some(k) if allowed.contains(&k) => Some(k),
            _ => {
                e.add("kind", Problem::new(Msg::ErrChoice));
                None
            }
        };
        let text = |field: &'static str, value: &str, e: &mut FieldErrors| {
            e.check(field, optional_text(value, UPDATE_CHARS))
        };
        let did = text("did", &self.did, &mut e);
        let expected = text("expected", &self.expected, &mut e);
        let happened = text("happened", &self.happened, &mut e);
        let learned = text("learned", &self.learned, &mut e);
        let decision = match self.decision.trim() {
            "" => Some(None),
            d => match Decision::parse(d) {
                Some(d) => Some(Some(d)),
                None => {
                    e.add("decision", Problem::new(Msg::ErrChoice));
                    None
                }
            },
        };
        let next = e.check(
            "next_evaluation_on",
            evaluation_date(&self.next_evaluation_on, today),
        );
        let (
            Some(kind),
            Some(did),
            Some(expected),
            Some(happened),
            Some(learned),
            Some(decision),
            Some(next),
        ) = (kind, did, expected, happened, learned, decision, next)
        else {
            return Err(e);
        };
        match kind {
            UpdateKind::Evaluation => {
                if happened.is_empty() {
                    e.add("happened", Problem::new(Msg::ErrEvaluationHappened));
                }
                if learned.is_empty() {
                    e.add("learned", Problem::new(Msg::ErrEvaluationLearned));
                }
                if decision.is_none() {
                    e.add("decision", Problem::new(Msg::ErrEvaluationDecision));
                }
                let ending = matches!(decision, Some(Decision::Stop | Decision::ScaleUp));
                if next.is_none() && !ending {
                    e.add("next_evaluation_on", Problem::new(Msg::ErrEvaluationNext));
                }
            }
            UpdateKind::Progress | UpdateKind::Note | UpdateKind::Move => {
                if did.is_empty() {
                    e.add("did", Problem::new(Msg::ErrUpdateEmpty));
                }
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(UpdateDraft {
            kind,
            did,
            expected,
            happened,
            learned,
            decision,
            next_evaluation_on: next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PilotStatus::*;

    #[test]
    fn only_the_allowed_transitions_are_possible() {
        let allowed = [
            (Idea, Preparing),
            (Preparing, Running),
            (Running, Evaluating),
            (Evaluating, Running),
            (Evaluating, Finished),
            (Evaluating, Stopped),
            (Evaluating, ScaledUp),
        ];
        for from in PilotStatus::ALL {
            for to in PilotStatus::ALL {
                assert_eq!(
                    from.may_become(*to),
                    allowed.contains(&(*from, *to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
        assert_eq!(
            Evaluating.next(),
            vec![Running, Finished, Stopped, ScaledUp]
        );
        for ended in [Finished, Stopped, ScaledUp] {
            assert!(ended.next().is_empty() && ended.is_ended());
        }
        assert!(!Running.is_ended());
    }

    #[test]
    fn a_move_needs_an_allowed_status_and_a_reason() {
        let m = |to: &str, reason: &str| MoveForm {
            to: to.into(),
            reason: reason.into(),
        };
        assert_eq!(
            m("lopend", " Start in de wijk ").parse(Preparing).unwrap(),
            (Running, "Start in de wijk".to_owned())
        );
        let e = m("afgerond", "klaar").parse(Running).unwrap_err();
        assert_eq!(e.get("to"), Some(&Problem::new(Msg::ErrPilotMove)));
        assert!(
            m("weg", "x")
                .parse(Running)
                .unwrap_err()
                .get("to")
                .is_some()
        );
        assert!(
            m("evalueren", " ")
                .parse(Running)
                .unwrap_err()
                .get("reason")
                .is_some()
        );
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 11).unwrap()
    }

    fn form() -> PilotForm {
        PilotForm {
            title: "Warme overdracht verloskundige – JGZ".into(),
            aim: "Ouders hoeven hun verhaal maar één keer te vertellen.".into(),
            owner_name: "Anouk de Vries".into(),
            owner_email: "Anouk@Example.org".into(),
            action_line: "1 Ouders en kind centraal".into(),
            municipality: "Utrecht".into(),
            starts_on: "2027-04-01".into(),
            next_evaluation_on: "01-06-2027".into(),
            ..PilotForm::default()
        }
    }

    fn parse(f: &PilotForm) -> Result<PilotDraft, FieldErrors> {
        f.parse(
            &["1 Ouders en kind centraal".into()],
            &["Utrecht".into()],
            today(),
            None,
        )
    }

    #[test]
    fn a_pilot_needs_a_title_and_an_owner_and_takes_dates_both_ways() {
        let d = parse(&form()).unwrap();
        assert_eq!(d.owner_email, "anouk@example.org");
        assert_eq!(d.next_evaluation_on, NaiveDate::from_ymd_opt(2027, 6, 1));
        assert_eq!(d.starts_on, NaiveDate::from_ymd_opt(2027, 4, 1));
        let e = parse(&PilotForm {
            title: " ".into(),
            owner_name: String::new(),
            owner_email: "geen adres".into(),
            ..form()
        })
        .unwrap_err();
        for field in ["title", "owner_name", "owner_email"] {
            assert!(e.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_past_evaluation_date_an_odd_date_and_foreign_lists_are_refused() {
        let e = parse(&PilotForm {
            next_evaluation_on: "2027-03-10".into(),
            starts_on: "31-02-2027".into(),
            action_line: "7 Iets anders".into(),
            municipality: "Enschede".into(),
            ..form()
        })
        .unwrap_err();
        assert_eq!(
            e.get("next_evaluation_on"),
            Some(&Problem::new(Msg::ErrEvaluationPast))
        );
        assert_eq!(e.get("starts_on"), Some(&Problem::new(Msg::ErrPilotDate)));
        assert!(e.get("action_line").is_some() && e.get("municipality").is_some());
        // An overdue date kept as it was is fine: the pilot is edited, not rescheduled.
        let overdue = NaiveDate::from_ymd_opt(2027, 3, 1);
        let kept = PilotForm {
            next_evaluation_on: "2027-03-01".into(),
            ..form()
        };
        assert!(
            kept.parse(
                &["1 Ouders en kind centraal".into()],
                &["Utrecht".into()],
                today(),
                overdue
            )
            .is_ok()
        );
        // Today itself is not in the past.
        assert!(evaluation_date("2027-03-11", today()).is_ok());
    }

    #[test]
    fn huge_texts_and_markup() {
        let d = parse(&PilotForm {
            description: "<script>alert(1)</script>".into(),
            ..form()
        })
        .unwrap();
        assert_eq!(d.description, "<script>alert(1)</script>", "kept as text");
        let e = parse(&PilotForm {
            description: "x".repeat(20_000),
            ..form()
        })
        .unwrap_err();
        assert_eq!(
            e.get("description"),
            Some(&Problem::with(Msg::ErrTooLong, 5_000))
        );
    }

    #[test]
    fn an_evaluation_asks_the_cycles_questions() {
        let owner = [UpdateKind::Progress, UpdateKind::Evaluation];
        let eval = UpdateForm {
            kind: "evaluatie".into(),
            expected: "Meer ouders bij de groep".into(),
            happened: "Twee van de tien kwamen".into(),
            learned: "De tijd paste niet: ochtenden zijn beter".into(),
            decision: "bijsturen".into(),
            next_evaluation_on: "2027-05-01".into(),
            ..UpdateForm::default()
        };
        let d = eval.parse(&owner, today()).unwrap();
        assert_eq!(d.decision, Some(Decision::Adjust));
        let e = UpdateForm {
            learned: String::new(),
            decision: String::new(),
            next_evaluation_on: String::new(),
            ..eval.clone()
        }
        .parse(&owner, today())
        .unwrap_err();
        for field in ["learned", "decision", "next_evaluation_on"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        // Stopping needs no next date; a failed experiment still has its learning.
        let stop = UpdateForm {
            decision: "stoppen".into(),
            next_evaluation_on: String::new(),
            ..eval.clone()
        };
        assert!(stop.parse(&owner, today()).is_ok());
        // The owner posts no organiser's note; an empty progress update says nothing.
        let note = UpdateForm {
            kind: "notitie".into(),
            did: "x".into(),
            ..UpdateForm::default()
        };
        assert!(
            note.parse(&owner, today())
                .unwrap_err()
                .get("kind")
                .is_some()
        );
        let empty = UpdateForm {
            kind: "voortgang".into(),
            ..UpdateForm::default()
        };
        assert!(
            empty
                .parse(&owner, today())
                .unwrap_err()
                .get("did")
                .is_some()
        );
        let past = UpdateForm {
            next_evaluation_on: "2027-01-01".into(),
            ..eval
        };
        assert_eq!(
            past.parse(&owner, today())
                .unwrap_err()
                .get("next_evaluation_on"),
            Some(&Problem::new(Msg::ErrEvaluationPast))
        );
    }
}
