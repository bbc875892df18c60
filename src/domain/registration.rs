//! A participant's registration: what they fill in, and when registering is possible.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::email::Email;
use super::ids::{InsightId, ProgrammeItemId, text_enum};
use super::{FieldErrors, Problem, optional_text, required_line};
use crate::i18n::Msg;

/// A participant may change their details until registration closes (or, without a
/// closing time, until the conference starts): after that the assignment may depend on them.
pub fn can_change(
    registration_closes_at: Option<NaiveDateTime>,
    starts_at: NaiveDateTime,
    now: NaiveDateTime,
) -> bool {
    now < registration_closes_at.unwrap_or(starts_at)
}

/// A participant may cancel until the conference starts.
pub fn can_cancel(starts_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    now < starts_at
}

/// How many of a conference's registrations hold a place and how many wait.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Places {
    pub confirmed: i64,
    pub waiting: i64,
}

/// A conference's line as counted under its lock, kept up to date as registrations are
/// made, so that a transaction storing many registrations counts only once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub capacity: i32,
    pub places: Places,
    /// The highest arrival number given out so far (0 before the first registration).
    pub last_seq: i32,
}

impl Line {
    /// The next arrival: confirmed while there is room, else on the waiting list; with
    /// its arrival number.
    pub fn take_place(&mut self) -> (RegistrationStatus, i32) {
        let status = if self.places.confirmed < i64::from(self.capacity) {
            self.places.confirmed += 1;
            RegistrationStatus::Confirmed
        } else {
            self.places.waiting += 1;
            RegistrationStatus::Waiting
        };
        self.last_seq += 1;
        (status, self.last_seq)
    }
}

/// Registering again with a known address mails the personal link again, but at most
/// once in this interval, so that nobody can flood someone's inbox through the form.
pub const LINK_AGAIN_EVERY: chrono::Duration = chrono::Duration::minutes(10);

/// Whether the link may be mailed again, given when it was last sent.
pub fn may_send_link_again(last_sent: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    last_sent.is_none_or(|at| now - at >= LINK_AGAIN_EVERY)
}

/// How many insights a participant may rank.
pub const MAX_PREFERENCES: usize = 3;

text_enum! {
    /// Where a registration stands.
    pub enum RegistrationStatus {
        /// Holds a place.
        Confirmed = "confirmed",
        /// On the waiting list, in arrival order.
        Waiting = "waiting",
        Cancelled = "cancelled",
    }
}

impl RegistrationStatus {
    pub fn label(self) -> Msg {
        match self {
            RegistrationStatus::Confirmed => Msg::RegConfirmed,
            RegistrationStatus::Waiting => Msg::RegWaiting,
            RegistrationStatus::Cancelled => Msg::RegCancelled,
        }
    }
}

/// The registration form as typed. `rounds` comes from repeated checkboxes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub discipline: String,
    pub municipality: String,
    pub preference_1: String,
    pub preference_2: String,
    pub preference_3: String,
    pub rounds: Vec<String>,
    pub diet: String,
    pub accessibility: String,
    pub consent: String,
}

/// What the form may choose from.
pub struct Choices<'a> {
    pub disciplines: &'a [String],
    pub municipalities: &'a [String],
    pub insight_ids: Vec<&'a str>,
    pub round_ids: Vec<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationDraft {
    pub name: String,
    /// Given on a new registration; a change through the manage link keeps the stored one.
    pub email: Option<Email>,
    pub organisation: String,
    pub discipline: String,
    pub municipality: String,
    /// Insight ids, most wanted first.
    pub preferences: Vec<InsightId>,
    /// The breakout rounds they attend.
    pub rounds: Vec<ProgrammeItemId>,
    pub diet: String,
    pub accessibility: String,
}

/// Which parts of the form are checked: a new registration asks for the email address and
/// consent; a change through the manage link keeps both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormUse {
    New,
    Change,
}

impl RegistrationForm {
    /// What [`RegistrationForm::parse`] finds wrong; none when it is fine.
    pub fn errors(&self, choices: &Choices, usage: FormUse) -> FieldErrors {
        self.parse(choices, usage).err().unwrap_or_default()
    }

    pub fn parse(
        &self,
        choices: &Choices,
        usage: FormUse,
    ) -> Result<RegistrationDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check("name", required_line(&self.name, 200));
        let email = match usage {
            FormUse::New => e.check("email", Email::parse(&self.email)).map(Some),
            FormUse::Change => Some(None),
        };
        let organisation = e.check("organisation", required_line(&self.organisation, 200));
        let discipline = e.check("discipline", one_of(&self.discipline, choices.disciplines));
        let municipality = e.check(
            "municipality",
            one_of(&self.municipality, choices.municipalities),
        );
        let preferences = self.preferences(choices, &mut e);
        let rounds = self.rounds(choices, &mut e);
        let diet = e.check("diet", optional_text(&self.diet, 1_000));
        let accessibility = e.check("accessibility", optional_text(&self.accessibility, 1_000));
        if usage == FormUse::New && self.consent.trim().is_empty() {
            e.add("consent", Problem::new(Msg::ErrConsent));
        }
        match (
            name,
            email,
            organisation,
            discipline,
            municipality,
            diet,
            accessibility,
        ) {
            (
                Some(name),
                Some(email),
                Some(organisation),
                Some(discipline),
                Some(municipality),
                Some(diet),
                Some(accessibility),
            ) if e.is_empty() => Ok(RegistrationDraft {
                name,
                email,
                organisation,
                discipline,
                municipality,
                preferences,
                rounds,
                diet,
                accessibility,
            }),
            _ => Err(e),
        }
    }

    fn preferences(&self, choices: &Choices, e: &mut FieldErrors) -> Vec<InsightId> {
        let fields = [
            ("preference_1", &self.preference_1),
            ("preference_2", &self.preference_2),
            ("preference_3", &self.preference_3),
        ];
        let mut chosen: Vec<InsightId> = Vec::new();
        for (field, value) in fields {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let offered = choices.insight_ids.contains(&value);
            match InsightId::parse(value).filter(|_| offered) {
                None => e.add(field, Problem::new(Msg::ErrChoice)),
                Some(id) if chosen.contains(&id) => {
                    e.add(field, Problem::new(Msg::ErrPreferenceTwice))
                }
                Some(id) => chosen.push(id),
            }
        }
        chosen
    }

    fn rounds(&self, choices: &Choices, e: &mut FieldErrors) -> Vec<ProgrammeItemId> {
        let mut rounds: Vec<ProgrammeItemId> = Vec::new();
        for round in &self.rounds {
            let offered = choices.round_ids.contains(&round.as_str());
            match ProgrammeItemId::parse(round).filter(|_| offered) {
                None => e.add("rounds", Problem::new(Msg::ErrChoice)),
                Some(id) if !rounds.contains(&id) => rounds.push(id),
                Some(_) => {}
            }
        }
        if rounds.is_empty() && !choices.round_ids.is_empty() {
            e.add("rounds", Problem::new(Msg::ErrNoRound));
        }
        rounds
    }
}

fn one_of(value: &str, list: &[String]) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::new(Msg::ErrRequired));
    }
    list.iter()
        .find(|item| item.as_str() == value)
        .cloned()
        .ok_or(Problem::new(Msg::ErrChoice))
}

/// Whether the public may register now, and if not, why.
pub fn window(
    status: super::conference::Status,
    opens: Option<NaiveDateTime>,
    closes: Option<NaiveDateTime>,
    starts: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), Msg> {
    use super::conference::Status;
    match status {
        Status::Open => {}
        Status::Concept => return Err(Msg::RegistrationNotYet),
        Status::Closed | Status::Finished => return Err(Msg::RegistrationClosed),
    }
    if opens.is_some_and(|open| now < open) {
        return Err(Msg::RegistrationNotYet);
    }
    if now >= closes.unwrap_or(starts) {
        return Err(Msg::RegistrationClosed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_go_to_the_first_arrivals_and_the_rest_wait_in_order() {
        let mut line = Line {
            capacity: 2,
            places: Places {
                confirmed: 1,
                waiting: 0,
            },
            last_seq: 7,
        };
        assert_eq!(line.take_place(), (RegistrationStatus::Confirmed, 8));
        assert_eq!(line.take_place(), (RegistrationStatus::Waiting, 9));
        assert_eq!(line.take_place(), (RegistrationStatus::Waiting, 10));
        assert_eq!(
            line.places,
            Places {
                confirmed: 2,
                waiting: 2
            }
        );
    }

    #[test]
    fn details_change_until_registration_closes_and_cancelling_until_the_start() {
        let at = |h| {
            chrono::NaiveDate::from_ymd_opt(2027, 3, 11)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap()
        };
        let (closes, starts) = (at(8), at(9));
        assert!(can_change(Some(closes), starts, at(7)));
        assert!(!can_change(Some(closes), starts, at(8)));
        assert!(can_change(None, starts, at(8)));
        assert!(can_cancel(starts, at(8)));
        assert!(!can_cancel(starts, at(9)));
    }

    fn lists() -> (Vec<String>, Vec<String>) {
        (
            vec!["verloskundige".into(), "kraamzorg".into()],
            vec!["Utrecht".into(), "Zeist".into()],
        )
    }

    fn valid() -> RegistrationForm {
        RegistrationForm {
            name: "Anna de Vries".into(),
            email: "Anna@Example.org".into(),
            organisation: "Verloskundigenpraktijk De Wieg".into(),
            discipline: "verloskundige".into(),
            municipality: "Utrecht".into(),
            preference_1: "i2".into(),
            preference_2: "".into(),
            preference_3: "i1".into(),
            rounds: vec!["r1".into(), "r2".into()],
            consent: "ja".into(),
            ..RegistrationForm::default()
        }
    }

    #[test]
    fn a_valid_form_keeps_the_order_of_preferences() {
        let (d, m) = lists();
        let choices = Choices {
            disciplines: &d,
            municipalities: &m,
            insight_ids: vec!["i1", "i2"],
            round_ids: vec!["r1", "r2"],
        };
        let draft = valid().parse(&choices, FormUse::New).unwrap();
        let ids: Vec<&str> = draft.preferences.iter().map(InsightId::as_str).collect();
        assert_eq!(ids, ["i2", "i1"]);
        assert_eq!(draft.email.unwrap().as_str(), "anna@example.org");
    }

    #[test]
    fn unknown_choices_twice_chosen_and_missing_consent_are_named() {
        let (d, m) = lists();
        let choices = Choices {
            disciplines: &d,
            municipalities: &m,
            insight_ids: vec!["i1", "i2"],
            round_ids: vec!["r1", "r2"],
        };
        let form = RegistrationForm {
            discipline: "tandarts".into(),
            preference_1: "i1".into(),
            preference_2: "i1".into(),
            preference_3: "i9".into(),
            rounds: vec!["r7".into()],
            consent: String::new(),
            ..valid()
        };
        let e = form.parse(&choices, FormUse::New).unwrap_err();
        assert_eq!(e.get("discipline"), Some(&Problem::new(Msg::ErrChoice)));
        assert_eq!(
            e.get("preference_2"),
            Some(&Problem::new(Msg::ErrPreferenceTwice))
        );
        assert_eq!(e.get("preference_3"), Some(&Problem::new(Msg::ErrChoice)));
        assert!(e.get("rounds").is_some());
        assert_eq!(e.get("consent"), Some(&Problem::new(Msg::ErrConsent)));
    }

    #[test]
    fn the_window_opens_and_closes() {
        use super::super::conference::Status;
        let t = |s: &str| super::super::time::parse_local(s).unwrap();
        let (open, close, start) = (
            Some(t("2027-01-10T09:00")),
            Some(t("2027-03-04T23:59")),
            t("2027-03-11T09:00"),
        );
        assert_eq!(
            window(Status::Open, open, close, start, t("2027-01-09T09:00")),
            Err(Msg::RegistrationNotYet)
        );
        assert_eq!(
            window(Status::Open, open, close, start, t("2027-02-01T09:00")),
            Ok(())
        );
        assert_eq!(
            window(Status::Open, open, close, start, t("2027-03-05T00:00")),
            Err(Msg::RegistrationClosed)
        );
        assert_eq!(
            window(Status::Open, None, None, start, t("2027-03-11T09:00")),
            Err(Msg::RegistrationClosed)
        );
        assert_eq!(
            window(Status::Closed, open, close, start, t("2027-02-01T09:00")),
            Err(Msg::RegistrationClosed)
        );
    }
}

/// The organiser's filter on the participant list; empty fields match everyone.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ParticipantFilter {
    pub q: String,
    pub status: String,
    pub discipline: String,
    pub municipality: String,
    pub insight: String,
}

impl ParticipantFilter {
    pub fn is_empty(&self) -> bool {
        [
            &self.q,
            &self.status,
            &self.discipline,
            &self.municipality,
            &self.insight,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// A spreadsheet cell that Excel will not run as a formula (a leading = + - @ would be).
pub fn csv_safe(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn an_empty_filter_is_empty() {
        assert!(ParticipantFilter::default().is_empty());
    }

    #[test]
    fn formulas_are_defused_for_excel() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("-1"), "'-1");
        assert_eq!(csv_safe("De Wieg"), "De Wieg");
    }
}
