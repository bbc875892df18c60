//! iCalendar invites and feeds (RFC 5545 with iTIP methods, RFC 5546). Pure: text in,
//! text out. Built with the `ics` crate; what it leaves to the caller (escaping TEXT,
//! quoting parameters, the time zone definition, strict folding) is done here.

use chrono::NaiveDateTime;
use ics::components::{Parameter, Property};
use ics::properties::{
    CalScale, Description, DtEnd, DtStart, Location, Method as MethodProp, Status, Summary, TzName,
    URL,
};
use ics::{Daylight, ICalendar, Standard, TimeZone};

use crate::tz::to_local;

const PRODID: &str = "-//werkconf//werkconf//NL";
const TZID: &str = "Europe/Amsterdam";
/// RFC 5545 3.1: a content line is at most 75 octets, excluding the line break.
const LINE_LIMIT: usize = 75;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
    Publish,
}

impl Method {
    /// The METHOD value, also the `method=` parameter of a `text/calendar` mail part.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub location: String,
    /// UTC.
    pub starts_at: NaiveDateTime,
    /// UTC.
    pub ends_at: NaiveDateTime,
    pub url: Option<String>,
    pub status_cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub email: String,
}

/// One invite for one participant: METHOD, ORGANIZER, ATTENDEE (with PARTSTAT/RSVP/CN
/// params), DTSTART/DTEND with TZID=Europe/Amsterdam, VTIMEZONE, SEQUENCE, DTSTAMP, UID,
/// LOCATION, DESCRIPTION.
pub fn invite(
    method: Method,
    event: &Event,
    organizer: &Party,
    attendee: &Party,
    dtstamp: NaiveDateTime,
) -> String {
    let mut calendar = calendar(method);
    let mut vevent = vevent(event, method == Method::Cancel, dtstamp);

    let mut org = Property::new("ORGANIZER", mailto(&organizer.email));
    org.add(Parameter::new("CN", param_value(&organizer.name)));
    vevent.push(org);

    let mut att = Property::new("ATTENDEE", mailto(&attendee.email));
    att.add(Parameter::new("CN", param_value(&attendee.name)));
    att.add(Parameter::new("CUTYPE", "INDIVIDUAL"));
    att.add(Parameter::new("ROLE", "REQ-PARTICIPANT"));
    // Registering was the participant's yes, and werkconf reads no iTIP replies.
    att.add(Parameter::new("PARTSTAT", "ACCEPTED"));
    att.add(Parameter::new("RSVP", "FALSE"));
    vevent.push(att);

    calendar.add_event(vevent);
    finish(&calendar)
}

/// The public feed of a conference (METHOD:PUBLISH, no attendees), one VEVENT per event.
pub fn feed(calendar_name: &str, events: &[Event], dtstamp: NaiveDateTime) -> String {
    let mut calendar = calendar(Method::Publish);
    calendar.push(Property::new("X-WR-CALNAME", escape(calendar_name)));
    calendar.push(ics::properties::Name::new(escape(calendar_name)));
    calendar.push(Property::new("X-WR-TIMEZONE", TZID));
    for event in events {
        calendar.add_event(vevent(event, false, dtstamp));
    }
    finish(&calendar)
}

fn calendar(method: Method) -> ICalendar<'static> {
    let mut calendar = ICalendar::new("2.0", PRODID);
    calendar.push(CalScale::new("GREGORIAN"));
    calendar.push(MethodProp::new(method.as_str()));
    calendar.add_timezone(amsterdam());
    calendar
}

fn vevent(event: &Event, cancel: bool, dtstamp: NaiveDateTime) -> ics::Event<'static> {
    let mut vevent = ics::Event::new(clean(&event.uid), utc_stamp(dtstamp));
    vevent.push(ics::properties::Sequence::new(event.sequence.to_string()));
    vevent.push(local_time(DtStart::new(amsterdam_time(event.starts_at))));
    vevent.push(local_time(DtEnd::new(amsterdam_time(event.ends_at))));
    vevent.push(Summary::new(escape(&event.summary)));
    vevent.push(Description::new(escape(&event.description)));
    vevent.push(Location::new(escape(&event.location)));
    if let Some(url) = &event.url {
        vevent.push(URL::new(clean(url)));
    }
    vevent.push(if cancel || event.status_cancelled {
        Status::cancelled()
    } else {
        Status::confirmed()
    });
    vevent.push(ics::properties::Transp::opaque());
    vevent
}

fn local_time<'a>(property: impl Into<Property<'a>>) -> Property<'a> {
    let mut property = property.into();
    property.add(Parameter::new("TZID", TZID));
    property
}

/// Europe/Amsterdam since 1996: summer time from the last Sunday of March 02:00 to the
/// last Sunday of October 03:00 (EU rules). Clients need it to read TZID-times offline.
fn amsterdam() -> TimeZone<'static> {
    let mut daylight = Daylight::new("19810329T020000", "+0100", "+0200");
    daylight.push(TzName::new("CEST"));
    daylight.push(ics::properties::RRule::new(
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    ));
    let mut standard = Standard::new("19961027T030000", "+0200", "+0100");
    standard.push(TzName::new("CET"));
    standard.push(ics::properties::RRule::new(
        "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    ));
    let mut tz = TimeZone::daylight(TZID, daylight);
    tz.add_standard(standard);
    tz
}

fn amsterdam_time(utc: NaiveDateTime) -> String {
    to_local(utc).format("%Y%m%dT%H%M%S").to_string()
}

fn utc_stamp(utc: NaiveDateTime) -> String {
    utc.format("%Y%m%dT%H%M%SZ").to_string()
}

fn mailto(email: &str) -> String {
    format!("mailto:{}", clean(email))
}

/// A TEXT value (RFC 5545 3.3.11): backslash, comma, semicolon and newlines escaped; other
/// control characters, which TEXT may not hold, dropped.
fn escape(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    ics::escape_text(text).into_owned()
}

/// Values that are not TEXT (UID, URI, address) have no escaping: drop what would break
/// the line.
fn clean(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A parameter value (RFC 5545 3.2): no DQUOTE or control characters possible, so those
/// are dropped; quoted when it holds `,`, `;` or `:`.
fn param_value(value: &str) -> String {
    let value: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if value.contains([',', ';', ':']) {
        format!("\"{value}\"")
    } else {
        value
    }
}

/// The calendar as text with every line folded to at most 75 octets. `ics` folds too, but
/// lets continuation lines reach 76 octets with their leading space; its output holds no
/// line breaks inside values (escaped or cleaned above), so unfolding it is lossless.
fn finish(calendar: &ICalendar) -> String {
    let text = calendar.to_string().replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 25);
    for line in text.split_terminator("\r\n") {
        fold_into(&mut out, line);
    }
    out
}

fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_LIMIT;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line starts with the space, which counts toward its 75 octets.
        limit = LINE_LIMIT - 1;
    }
}

#[cfg(test)]
mod tests;
