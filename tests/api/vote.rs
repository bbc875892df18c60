//! The plenary dot vote, merging duplicates, and the harvest: a participant's dots within
//! the rules until the vote closes, the way in with a mailed code, the ranking kept with
//! its domains, and the organiser's overview, CSV and report.

use reqwest::StatusCode;

use crate::api::wall::{add_point, open_stream, published, read_until};
use crate::common::TestApp;
use crate::common::fixtures::{Seeded, form_for, register, registrations};
use werkconf::db;
use werkconf::db::action_points::ActionPoint;

/// The published conference with three points captured and three participants of
/// three domains: Anna (verloskundige: medical), Bram (buurtteam: social), Cora
/// (ervaringsdeskundige: parents). Their ballot paths, by name.
struct Voting {
    app: TestApp,
    s: Seeded,
    points: Vec<ActionPoint>,
    ballots: Vec<(String, String)>,
}

impl Voting {
    fn ballot(&self, name: &str) -> &str {
        &self.ballots.iter().find(|(n, _)| n == name).unwrap().1
    }

    fn base(&self) -> String {
        format!("/beheer/conferenties/{}", self.s.id)
    }

    async fn open(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = format!("{}/stemming", self.base());
        self.app
            .post(&format!("{page}/openen"), &page, fields)
            .await
    }

    async fn close(&self) {
        let page = format!("{}/stemming", self.base());
        let res = self.app.post(&format!("{page}/sluiten"), &page, &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }

    /// Posts a ballot as `name`: the version and the dots per point (by index).
    async fn cast(&self, name: &str, version: &str, dots: &[(usize, &str)]) -> reqwest::Response {
        let path = self.ballot(name).to_owned();
        let keys: Vec<String> = dots
            .iter()
            .map(|(k, _)| format!("p-{}", self.points[*k].id))
            .collect();
        let mut fields = vec![("version", version)];
        for ((_, n), key) in dots.iter().zip(&keys) {
            fields.push((key.as_str(), n));
        }
        let voter = self.app.another_browser();
        // Any page with a form gives the session's token; the ballot has none while
        // the vote is not open.
        let with_form = format!("/c/{}/stemmen", self.s.slug);
        voter.post(&path, &with_form, &fields).await
    }

    /// The stored dots of `name`, as (point index, count), by point index.
    async fn stored(&self, name: &str) -> Vec<(usize, i32)> {
        let regs = registrations(&self.app, &self.s.id).await;
        let r = regs.iter().find(|r| r.name == name).unwrap().id.clone();
        let (_, dots) = self
            .app
            .db
            .run(move |c| db::votes::ballot(c, &r))
            .await
            .unwrap();
        let mut out: Vec<(usize, i32)> = dots
            .iter()
            .map(|(id, n)| (self.points.iter().position(|p| p.id == *id).unwrap(), *n))
            .collect();
        out.sort();
        out
    }
}

async fn voting() -> Voting {
    let (app, s, facilitator, link, group) = published().await;
    for (name, email, discipline) in [
        ("Bram", "bram@example.org", "buurtteam / sociaal wijkteam"),
        ("Cora", "cora@example.org", "ervaringsdeskundige / ouder"),
    ] {
        let mut form = form_for(&s, name, email);
        form.retain(|(k, _)| *k != "discipline");
        form.push(("discipline", discipline));
        register(&app, &s, &form).await;
    }
    for (k, text) in [
        "Warme overdracht van verloskundige naar JGZ",
        "Eén vast aanspreekpunt per gezin",
        "Samen spreekuur in het buurthuis",
    ]
    .iter()
    .enumerate()
    {
        add_point(
            &facilitator,
            &link,
            &group,
            text,
            &format!("vote-key-{k:04}"),
        )
        .await;
    }
    let id = s.id.clone();
    let points = app
        .db
        .run(move |c| db::action_points::list(c, &id))
        .await
        .unwrap();
    assert_eq!(points.len(), 3);
    let ballots = registrations(&app, &s.id)
        .await
        .iter()
        .map(|r| {
            let first = r.name.split(' ').next().unwrap().to_owned();
            (first, format!("/r/{}/stemmen", app.token_of(r)))
        })
        .collect();
    Voting {
        app,
        s,
        points,
        ballots,
    }
}

#[tokio::test]
async fn dots_within_the_rules_change_until_the_vote_closes() {
    let v = voting().await;
    let anna = v.ballot("Anna").to_owned();

    // Not open yet: the page says so, and a ballot is refused.
    let page = v.app.another_browser().get(&anna).await;
    assert!(page.body.contains("nog niet geopend"), "{}", page.body);
    let res = v.cast("Anna", "0", &[(0, "1")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("nog niet geopend"));

    // Settings out of range: the form again with the message at the field, as typed.
    let res = v.open(&[("dots", "0"), ("per_point", "1")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Kies een aantal stippen van 1 tot en met 20."));
    assert!(body.contains("name=\"dots\" type=\"number\" value=\"0\""));
    let res = v.open(&[("dots", "2"), ("per_point", "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let wall = format!("/c/{}/wall", v.s.slug);
    let key = v.app.link_key().wall_token(&v.s.id);
    let mut stream = open_stream(&v.app, &format!("{wall}/events?k={key}")).await;
    // A wall in English gets the English ranking, and only that.
    let mut english = reqwest::Client::new()
        .get(v.app.url(&format!("{wall}/events?k={key}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();

    // The participant's own page leads to the ballot now.
    let own = v
        .app
        .another_browser()
        .get(anna.trim_end_matches("/stemmen"))
        .await;
    assert!(
        own.body.contains(&format!("href=\"{anna}\"")),
        "{}",
        own.body
    );

    // The ballot: every point with a checkbox (one dot per point), two dots.
    let page = v.app.another_browser().get(&anna).await;
    assert!(page.body.contains("Je hebt 2 stippen"));
    assert_eq!(page.body.matches("type=\"checkbox\"").count(), 3);
    let res = v.cast("Anna", "0", &[(0, "1"), (1, "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(v.stored("Anna").await, vec![(0, 1), (1, 1)]);
    let seen = read_until(&mut stream, "event: votes").await;
    assert!(
        seen.contains(&format!("\"{}\":1", v.points[0].id)),
        "{seen}"
    );
    assert!(
        seen.contains("\"nl\":") && !seen.contains("\"en\":"),
        "{seen}"
    );
    let seen = read_until(&mut english, "event: votes").await;
    assert!(
        seen.contains("participants have voted") && !seen.contains("\"nl\":"),
        "{seen}"
    );

    // Beyond the rules: refused with a Dutch message, nothing changed.
    let res = v.cast("Anna", "1", &[(0, "1"), (1, "1"), (2, "1")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Je hebt maar 2 stippen"));
    let res = v.cast("Anna", "1", &[(0, "2")]).await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("hoogstens 1 stip(pen) op één punt")
    );
    let res = v.cast("Anna", "1", &[(0, "veel")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v.stored("Anna").await, vec![(0, 1), (1, 1)]);

    // The same ballot sent again (a double tap, a replay): fine, nothing new. An old
    // form with other dots: refused, the ballot as stored is shown.
    let res = v.cast("Anna", "0", &[(0, "1"), (1, "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = v.cast("Anna", "0", &[(2, "1")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("intussen gewijzigd"));
    assert_eq!(v.stored("Anna").await, vec![(0, 1), (1, 1)]);

    // Changed with the current version.
    let res = v.cast("Anna", "1", &[(2, "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(v.stored("Anna").await, vec![(2, 1)]);
    v.cast("Bram", "0", &[(2, "1"), (0, "1")]).await;
    v.cast("Cora", "0", &[(2, "1")]).await;

    // The wall ranks them live.
    let screen = v.app.get(&wall).await.body;
    assert!(screen.contains("3 deelnemers hebben gestemd"), "{screen}");
    let first = screen.find("Samen spreekuur in het buurthuis").unwrap();
    assert!(screen.contains("3 stippen"));
    assert!(screen.contains("Stem mee"));
    assert!(screen.contains(&format!("/c/{}/stemmen", v.s.slug)));
    let ranking = &screen[screen.find("class=\"ranking\"").unwrap()..];
    assert!(ranking.find("Samen spreekuur").unwrap() < ranking.find("Warme overdracht").unwrap());
    assert!(first > 0);

    // Closed: no more changes; the ranking is kept with its domains.
    v.close().await;
    let res = v.cast("Anna", "2", &[(0, "1")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("De stemming is gesloten")
    );
    assert_eq!(v.stored("Anna").await, vec![(2, 1)]);
    let id = v.s.id.clone();
    let kept = v
        .app
        .db
        .run(move |c| db::votes::results(c, &id))
        .await
        .unwrap();
    let top = kept[&v.points[2].id];
    assert_eq!((top.dots, top.by_domain, top.voters), (3, [1, 1, 1, 0], 3));
    assert_eq!(kept[&v.points[0].id].by_domain, [0, 1, 0, 0]);
    let screen = v.app.get(&wall).await.body;
    assert!(screen.contains("Uitslag van de stemming"));
    assert!(screen.contains("gedragen door 3 van de 4 domeinen"));
    let page = v.app.another_browser().get(&anna).await;
    assert!(
        page.body
            .contains("De stemming is gesloten. Dit is de uitslag.")
    );

    // Removing a voter later does not change the result as announced.
    assert_eq!(
        v.app
            .db
            .run({
                let id = v.s.id.clone();
                move |c| db::votes::results(c, &id)
            })
            .await
            .unwrap()[&v.points[2].id]
            .dots,
        3
    );
}

#[tokio::test]
async fn hidden_results_show_only_after_closing() {
    let v = voting().await;
    let res = v
        .open(&[("dots", "3"), ("per_point", "2"), ("hide_results", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = v.app.another_browser().get(v.ballot("Anna")).await;
    assert_eq!(
        page.body.matches("type=\"number\"").count(),
        3,
        "more than one dot per point: a number each"
    );
    let res = v.cast("Anna", "0", &[(1, "2"), (0, "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let wall = format!("/c/{}/wall", v.s.slug);
    let screen = v.app.get(&wall).await.body;
    assert!(screen.contains("De uitslag verschijnt als de stemming sluit."));
    assert!(!screen.contains("2 stippen"), "no dots shown while hidden");
    v.close().await;
    let screen = v.app.get(&wall).await.body;
    assert!(screen.contains("2 stippen"));
}

/// The 6-digit code in the last vote-code mail to `to`.
fn code_in(app: &TestApp, to: &str) -> String {
    let mail = crate::api::registration_mail::parse(&app.mailbox.to(to).last().unwrap().raw);
    assert!(
        mail.subject.starts_with("Je stemcode voor"),
        "{}",
        mail.subject
    );
    let at = mail.text.find("is: ").unwrap() + 4;
    mail.text[at..at + 6].to_owned()
}

#[tokio::test]
async fn a_code_by_mail_opens_the_ballot_without_a_link() {
    let v = voting().await;
    let start = format!("/c/{}/stemmen", v.s.slug);
    let phone = v.app.another_browser();
    assert_eq!(phone.get(&start).await.status, StatusCode::OK);

    // A wrong address: at the field, as typed.
    let res = phone.post(&start, &start, &[("email", "anna@")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Vul een geldig e-mailadres in") && body.contains("value=\"anna@\""));

    // An unknown address gets the same answer, and no mail.
    let res = phone
        .post(&start, &start, &[("email", "niemand@example.org")])
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Vul de code hieronder in")
    );
    assert_eq!(v.app.outbox_count("vote-code").await, 0);

    let res = phone
        .post(&start, &start, &[("email", " Anna@Example.org ")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Asked again within the minute: no second mail.
    phone
        .post(&start, &start, &[("email", "anna@example.org")])
        .await;
    assert_eq!(v.app.outbox_count("vote-code").await, 1);
    v.app.deliver_mail().await;
    let code = code_in(&v.app, "anna@example.org");

    let redeem = format!("{start}/code");
    let res = phone
        .post(
            &redeem,
            &start,
            &[("email", "anna@example.org"), ("code", "12")],
        )
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Vul de 6 cijfers uit de mail in.")
    );
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let res = phone
        .post(
            &redeem,
            &start,
            &[("email", "anna@example.org"), ("code", wrong)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("klopt niet of is verlopen")
    );
    let res = phone
        .post(
            &redeem,
            &start,
            &[("email", "anna@example.org"), ("code", &code)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], v.ballot("Anna"));
    // Used once: it holds no more.
    let res = phone
        .post(
            &redeem,
            &start,
            &[("email", "anna@example.org"), ("code", &code)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn five_wrong_codes_spend_the_code() {
    let v = voting().await;
    let start = format!("/c/{}/stemmen", v.s.slug);
    let phone = v.app.another_browser();
    phone
        .post(&start, &start, &[("email", "bram@example.org")])
        .await;
    v.app.deliver_mail().await;
    let code = code_in(&v.app, "bram@example.org");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let redeem = format!("{start}/code");
    for _ in 0..5 {
        phone
            .post(
                &redeem,
                &start,
                &[("email", "bram@example.org"), ("code", wrong)],
            )
            .await;
    }
    let res = phone
        .post(
            &redeem,
            &start,
            &[("email", "bram@example.org"), ("code", &code)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "spent");
}

#[tokio::test]
async fn merged_duplicates_keep_their_sources_and_bring_their_dots() {
    let v = voting().await;
    let points = format!("{}/actiepunten", v.base());
    let (a, b) = (&v.points[0], &v.points[1]);
    let merge = format!("{points}/{}/samenvoegen", b.id);
    let form = v.app.get(&merge).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!("value=\"{}\"", a.id)));

    // Into itself, or nothing chosen: the form again with a message.
    let res = v.app.post(&merge, &merge, &[("into", b.id.as_str())]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Kies een ander punt"));

    // Dots on both before the merge (a vote opened and closed), then merged.
    v.open(&[("dots", "3"), ("per_point", "1")]).await;
    v.cast("Anna", "0", &[(0, "1"), (1, "1")]).await;
    v.cast("Bram", "0", &[(1, "1")]).await;
    // Not while the vote is open.
    let res = v.app.post(&merge, &merge, &[("into", a.id.as_str())]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Tijdens de stemming kun je niet samenvoegen")
    );
    v.close().await;
    let res = v.app.post(&merge, &merge, &[("into", a.id.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let list = v.app.get(&points).await.body;
    assert!(list.contains("Samengevoegd uit:"));
    assert!(
        list.contains("Eén vast aanspreekpunt per gezin"),
        "kept as a source"
    );
    let id = v.s.id.clone();
    let (listed, kept) = v
        .app
        .db
        .run(move |c| {
            Ok::<_, db::DbError>((
                db::action_points::list(c, &id)?,
                db::votes::results(c, &id)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(listed.len(), 2, "the duplicate is no longer listed alone");
    assert_eq!(kept[&a.id].dots, 3, "its dots went along");
    let wall = v.app.get(&format!("/c/{}/wall", v.s.slug)).await.body;
    assert!(!wall.contains(&format!("punt-{}", b.id)));

    // Split off again: listed on its own.
    let res = v
        .app
        .post(&format!("{points}/{}/splitsen", b.id), &points, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = v.s.id.clone();
    let listed = v
        .app
        .db
        .run(move |c| db::action_points::list(c, &id))
        .await
        .unwrap();
    assert_eq!(listed.len(), 3);
}

#[tokio::test]
async fn the_harvest_filters_sets_status_and_exports() {
    let v = voting().await;
    let points = format!("{}/actiepunten", v.base());
    let p = &v.points[1];
    let res = v
        .app
        .post(
            &format!("{points}/{}/status", p.id),
            &points,
            &[("status", "pilot")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = v
        .app
        .post(
            &format!("{points}/{}/status", p.id),
            &points,
            &[("status", "verzonnen")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let pilots = v.app.get(&format!("{points}?status=pilot")).await.body;
    assert!(pilots.contains("1 punten getoond."));
    assert!(pilots.contains("Eén vast aanspreekpunt") && !pilots.contains("Warme overdracht"));
    let all = v.app.get(&points).await.body;
    assert!(all.contains("3 punten getoond."));
    let none = v
        .app
        .get(&format!("{points}?question=professional"))
        .await
        .body;
    assert!(none.contains("0 punten getoond."));

    let csv = v
        .app
        .get_raw(&format!("{}/actiepunten.csv?status=pilot", v.base()))
        .await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "header and the one pilot: {text}");
    assert!(lines[0].contains("Inzicht;Vraag;Ronde;Groep"));
    assert!(
        lines[1].contains("Eén vast aanspreekpunt per gezin") && lines[1].contains("wordt pilot")
    );

    let report = v.app.get(&format!("{}/opbrengst", v.base())).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("Opbrengst werkconferentie"));
    assert!(report.body.contains("Wat kunnen we samen anders doen? (3)"));
    assert!(report.body.contains("Actiepunten per inzicht en vraag"));

    let dashboard = v.app.get(&v.base()).await.body;
    assert!(dashboard.contains("Actiepunten per inzicht en vraag"));
    assert!(dashboard.contains("<svg"));
}
