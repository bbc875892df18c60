//! Every generated calendar is read back with the independent `icalendar` parser.

use chrono::NaiveDate;
use icalendar::parser::{Component, Property, read_calendar, unfold};

use super::*;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn event() -> Event {
    Event {
        uid: "0192f3a4-aaaa-7bbb-8ccc-123456789abc@werkconf".into(),
        sequence: 0,
        summary: "Werkconferentie Kansrijke Start regio Utrecht".into(),
        description: "Je aanmelding is bevestigd.\nBeheer: https://werkconf.example.org/r/abc"
            .into(),
        location: "Stadskantoor Utrecht, Stadsplateau 1; 3521 AZ Utrecht\nZaal 2".into(),
        // 09:00 and 16:30 in Amsterdam on a winter day (UTC+1).
        starts_at: utc(2027, 3, 11, 8, 0),
        ends_at: utc(2027, 3, 11, 15, 30),
        url: Some("https://werkconf.example.org/c/kansrijke-start-utrecht".into()),
        status_cancelled: false,
    }
}

fn organizer() -> Party {
    Party {
        name: "Werkgroep Kansrijke Start, Utrecht".into(),
        email: "kansrijkestart@example.org".into(),
    }
}

fn attendee() -> Party {
    Party {
        name: "Anouk de Vries".into(),
        email: "anouk@example.org".into(),
    }
}

fn stamp() -> NaiveDateTime {
    utc(2026, 11, 22, 10, 15)
}

struct Parsed {
    calendar: Vec<Property<'static>>,
    components: Vec<Component<'static>>,
}

/// Checks the wire format, then parses with `icalendar`.
fn parse(text: &str) -> Parsed {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare newline in {line:?}"
        );
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    let unfolded = unfold(text);
    let parsed = read_calendar(&unfolded).expect("icalendar parses it");
    let owned = |props: &[Property]| -> Vec<Property<'static>> {
        props
            .iter()
            .map(|p| Property {
                name: p.name.to_owned(),
                val: p.val.to_owned(),
                params: p
                    .params
                    .iter()
                    .map(|q| icalendar::parser::Parameter {
                        key: q.key.to_owned(),
                        val: q.val.as_ref().map(|v| v.to_owned()),
                    })
                    .collect(),
            })
            .collect()
    };
    fn own(
        c: &Component,
        owned: &dyn Fn(&[Property]) -> Vec<Property<'static>>,
    ) -> Component<'static> {
        Component {
            name: c.name.to_owned(),
            properties: owned(&c.properties),
            components: c.components.iter().map(|c| own(c, owned)).collect(),
        }
    }
    Parsed {
        calendar: owned(&parsed.properties),
        components: parsed.components.iter().map(|c| own(c, &owned)).collect(),
    }
}

impl Parsed {
    fn calendar_prop(&self, name: &str) -> String {
        self.calendar
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("calendar has {name}"))
            .val
            .as_str()
            .to_owned()
    }

    fn events(&self) -> Vec<&Component<'static>> {
        self.components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect()
    }

    fn event(&self) -> &Component<'static> {
        let events = self.events();
        assert_eq!(events.len(), 1);
        events[0]
    }
}

fn prop<'a>(c: &'a Component<'static>, name: &str) -> &'a Property<'a> {
    c.find_prop(name)
        .unwrap_or_else(|| panic!("{} has {name}", c.name.as_str()))
}

fn val(c: &Component<'static>, name: &str) -> String {
    prop(c, name).val.as_str().to_owned()
}

fn param(p: &Property, key: &str) -> Option<String> {
    p.params
        .iter()
        .find(|q| q.key == key)
        .and_then(|q| q.val.as_ref().map(|v| v.as_str().to_owned()))
}

#[test]
fn request_invite_has_every_field() {
    let text = invite(
        Method::Request,
        &event(),
        &organizer(),
        &attendee(),
        stamp(),
    );
    let cal = parse(&text);
    assert_eq!(cal.calendar_prop("METHOD"), "REQUEST");
    assert_eq!(cal.calendar_prop("VERSION"), "2.0");
    let e = cal.event();
    assert_eq!(val(e, "UID"), event().uid);
    assert_eq!(val(e, "SEQUENCE"), "0");
    assert_eq!(val(e, "DTSTAMP"), "20261122T101500Z");
    assert_eq!(val(e, "DTSTART"), "20270311T090000");
    assert_eq!(param(prop(e, "DTSTART"), "TZID").as_deref(), Some(TZID));
    assert_eq!(val(e, "DTEND"), "20270311T163000");
    assert_eq!(param(prop(e, "DTEND"), "TZID").as_deref(), Some(TZID));
    assert_eq!(val(e, "SUMMARY"), event().summary);
    assert_eq!(val(e, "DESCRIPTION"), event().description);
    assert_eq!(val(e, "LOCATION"), event().location);
    assert_eq!(val(e, "URL"), event().url.unwrap());
    assert_eq!(val(e, "STATUS"), "CONFIRMED");

    let org = prop(e, "ORGANIZER");
    assert_eq!(org.val.as_str(), "mailto:kansrijkestart@example.org");
    assert_eq!(
        param(org, "CN").as_deref(),
        Some("Werkgroep Kansrijke Start, Utrecht")
    );
    let att = prop(e, "ATTENDEE");
    assert_eq!(att.val.as_str(), "mailto:anouk@example.org");
    assert_eq!(param(att, "CN").as_deref(), Some("Anouk de Vries"));
    assert_eq!(param(att, "PARTSTAT").as_deref(), Some("ACCEPTED"));
    assert_eq!(param(att, "RSVP").as_deref(), Some("FALSE"));

    // The raw text escapes TEXT and quotes the parameter with a comma.
    assert!(text.contains("CN=\"Werkgroep Kansrijke Start, Utrecht\""));
    let unfolded = unfold(&text);
    assert!(unfolded.contains(
        "LOCATION:Stadskantoor Utrecht\\, Stadsplateau 1\\; 3521 AZ Utrecht\\nZaal 2\r\n"
    ));
}

#[test]
fn invite_carries_the_amsterdam_time_zone() {
    let cal = parse(&invite(
        Method::Request,
        &event(),
        &organizer(),
        &attendee(),
        stamp(),
    ));
    let tz = cal
        .components
        .iter()
        .find(|c| c.name == "VTIMEZONE")
        .expect("VTIMEZONE");
    assert_eq!(val(tz, "TZID"), TZID);
    let part = |name: &str| {
        tz.components
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let daylight = part("DAYLIGHT");
    assert_eq!(val(daylight, "TZOFFSETFROM"), "+0100");
    assert_eq!(val(daylight, "TZOFFSETTO"), "+0200");
    assert_eq!(val(daylight, "RRULE"), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    let standard = part("STANDARD");
    assert_eq!(val(standard, "TZOFFSETFROM"), "+0200");
    assert_eq!(val(standard, "TZOFFSETTO"), "+0100");
    assert_eq!(val(standard, "RRULE"), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
}

#[test]
fn summer_and_winter_times_are_local() {
    let mut summer = event();
    // 09:30 in Amsterdam in June is 07:30 UTC.
    summer.starts_at = utc(2027, 6, 17, 7, 30);
    summer.ends_at = utc(2027, 6, 17, 14, 0);
    let cal = parse(&invite(
        Method::Request,
        &summer,
        &organizer(),
        &attendee(),
        stamp(),
    ));
    assert_eq!(val(cal.event(), "DTSTART"), "20270617T093000");
    assert_eq!(val(cal.event(), "DTEND"), "20270617T160000");

    // The night summer time ends: 00:30 UTC is 02:30 CEST, 01:30 UTC is 02:30 CET.
    let mut night = event();
    night.starts_at = utc(2027, 10, 31, 0, 30);
    night.ends_at = utc(2027, 10, 31, 1, 30);
    let cal = parse(&invite(
        Method::Request,
        &night,
        &organizer(),
        &attendee(),
        stamp(),
    ));
    assert_eq!(val(cal.event(), "DTSTART"), "20271031T023000");
    assert_eq!(val(cal.event(), "DTEND"), "20271031T023000");
}

#[test]
fn update_keeps_the_uid_and_raises_the_sequence() {
    let mut changed = event();
    changed.sequence = 1;
    changed.location = "Jaarbeurs, Utrecht".into();
    let cal = parse(&invite(
        Method::Request,
        &changed,
        &organizer(),
        &attendee(),
        stamp(),
    ));
    assert_eq!(val(cal.event(), "UID"), event().uid);
    assert_eq!(val(cal.event(), "SEQUENCE"), "1");
    assert_eq!(val(cal.event(), "LOCATION"), "Jaarbeurs, Utrecht");
}

#[test]
fn cancel_is_method_cancel_with_status_cancelled() {
    let mut cancelled = event();
    cancelled.sequence = 2;
    let cal = parse(&invite(
        Method::Cancel,
        &cancelled,
        &organizer(),
        &attendee(),
        stamp(),
    ));
    assert_eq!(cal.calendar_prop("METHOD"), "CANCEL");
    let e = cal.event();
    assert_eq!(val(e, "STATUS"), "CANCELLED");
    assert_eq!(val(e, "UID"), event().uid);
    assert_eq!(val(e, "SEQUENCE"), "2");
    assert_eq!(prop(e, "ATTENDEE").val.as_str(), "mailto:anouk@example.org");
}

#[test]
fn unicode_and_long_descriptions_are_folded_without_splitting_characters() {
    let mut long = event();
    long.summary = "Één dag over vertrouwen in eigen kracht — ‘samen’ 🤝 werken".into();
    long.description = "Wat kan jij morgen anders doen als professional? 老虎 ".repeat(12)
        + "\n\nMet vriendelijke groet, de werkgroep; tot ziens!";
    long.location = "Café De Zwaan, Oudegracht 12\nUtrecht".into();
    let organizer = Party {
        name: "Team \"Kansrijke Start\": gemeente Utrecht".into(),
        email: "kansrijkestart@example.org".into(),
    };
    let text = invite(Method::Request, &long, &organizer, &attendee(), stamp());
    assert!(
        text.split_terminator("\r\n").any(|l| l.starts_with(' ')),
        "the description needs folding"
    );
    let cal = parse(&text);
    let e = cal.event();
    assert_eq!(val(e, "SUMMARY"), long.summary);
    assert_eq!(val(e, "DESCRIPTION"), long.description);
    assert_eq!(val(e, "LOCATION"), long.location);
    assert_eq!(
        param(prop(e, "ORGANIZER"), "CN").as_deref(),
        Some("Team Kansrijke Start: gemeente Utrecht")
    );
}

#[test]
fn folding_counts_the_leading_space_and_respects_characters() {
    let mut out = String::new();
    let line = format!("DESCRIPTION:{}", "é".repeat(100));
    fold_into(&mut out, &line);
    let lines: Vec<&str> = out.split_terminator("\r\n").collect();
    assert!(lines.len() > 2);
    for (i, l) in lines.iter().enumerate() {
        assert!(l.len() <= 75, "{l:?}");
        if i > 0 {
            assert!(l.starts_with(' '));
        }
    }
    assert_eq!(unfold(&out), format!("{line}\r\n"));
}

#[test]
fn feed_publishes_every_event_without_attendees() {
    let mut second = event();
    second.uid = "second@werkconf".into();
    second.summary = "Terugkombijeenkomst".into();
    second.starts_at = utc(2027, 9, 2, 12, 0);
    second.ends_at = utc(2027, 9, 2, 14, 0);
    second.url = None;
    second.status_cancelled = true;
    let text = feed("Kansrijke Start; Utrecht", &[event(), second], stamp());
    let cal = parse(&text);
    assert_eq!(cal.calendar_prop("METHOD"), "PUBLISH");
    assert_eq!(
        cal.calendar_prop("X-WR-CALNAME"),
        "Kansrijke Start; Utrecht"
    );
    let events = cal.events();
    assert_eq!(events.len(), 2);
    assert_eq!(val(events[0], "UID"), event().uid);
    assert_eq!(val(events[0], "STATUS"), "CONFIRMED");
    assert_eq!(val(events[1], "UID"), "second@werkconf");
    assert_eq!(val(events[1], "DTSTART"), "20270902T140000");
    assert_eq!(val(events[1], "STATUS"), "CANCELLED");
    assert!(events[1].find_prop("URL").is_none());
    for e in events {
        assert!(e.find_prop("ATTENDEE").is_none());
        assert!(e.find_prop("ORGANIZER").is_none());
    }
}

#[test]
fn empty_feed_is_still_a_calendar() {
    let cal = parse(&feed("Leeg", &[], stamp()));
    assert_eq!(cal.calendar_prop("METHOD"), "PUBLISH");
    assert!(cal.events().is_empty());
}
