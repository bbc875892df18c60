//! "Verdeel deelnemers" in the app: the solver on the confirmed registrations and the
//! groups, stored as a preview that meets every hard rule.

use std::collections::HashMap;

use reqwest::StatusCode;
use werkconf::db;

use crate::api::registration::{form_for, register, registrations};
use crate::common::TestApp;

/// Creates groups as the organiser does: (round, insight, room, places) each.
pub(crate) async fn add_groups(
    app: &TestApp,
    s: &crate::common::fixtures::Seeded,
    groups: &[(usize, usize, &str, &str)],
    (facilitator, email): (&str, &str),
) {
    let new = format!("/beheer/conferenties/{}/groepen/nieuw", s.id);
    for (round, insight, room, places) in groups {
        let fields = [
            ("round", s.rounds[*round].as_str()),
            ("insight", s.insights[*insight].as_str()),
            ("room", room),
            ("capacity", places),
            ("facilitator_name", facilitator),
            ("facilitator_email", email),
        ];
        let res = app.post(&new, &new, &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{room} is stored");
    }
}

/// A conference of 20 places with these people (name, email) registered and confirmed.
pub(crate) async fn registered(
    people: &[(&str, &str)],
) -> (TestApp, crate::common::fixtures::Seeded) {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(20)
        .await;
    for (name, email) in people {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    (app, s)
}

/// What is stored: the conference's placements and groups.
async fn placements_and_groups(
    app: &TestApp,
    s: &crate::common::fixtures::Seeded,
) -> (Vec<db::placements::Placement>, Vec<db::groups::Group>) {
    let id = s.id.clone();
    app.db
        .run(move |c| {
            Ok::<_, db::DbError>((db::placements::list(c, &id)?, db::groups::list(c, &id)?))
        })
        .await
        .unwrap()
}

/// Two groups in each round: insights 0 and 1 in round 1, 1 and 2 in round 2.
fn two_per_round(places: &str) -> [(usize, usize, &'static str, &str); 4] {
    [
        (0, 0, "Zaal 1", places),
        (0, 1, "Zaal 2", places),
        (1, 1, "Zaal 1", places),
        (1, 2, "Zaal 2", places),
    ]
}

#[tokio::test]
async fn the_assignment_places_everyone_once_per_round_within_the_places() {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(20)
        .await;
    let run = format!("/beheer/conferenties/{}/indeling/verdelen", s.id);
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);

    // Nobody yet: a clear refusal, nothing stored.
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Er zijn nog geen bevestigde deelnemers")
    );

    let people = [
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
        ("Dina", "dina@example.org"),
        ("Eva", "eva@example.org"),
    ];
    for (name, email) in people {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no groups yet"
    );
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Er zijn nog geen groepen")
    );

    // Two groups in each round, three places each: room for five.
    add_groups(&app, &s, &two_per_round("3"), ("", "")).await;
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.get(&preview).await.body;
    assert!(page.contains("De deelnemers zijn verdeeld."));
    assert!(page.contains("Kosten "));
    assert!(
        page.contains("Dit is bewezen de best mogelijke indeling"),
        "ten places: the exact search proves it"
    );
    assert!(page.contains("<svg"), "the chart needs no script");
    assert!(page.contains("Zaal 1") && page.contains("Anna"));

    let (placements, groups) = placements_and_groups(&app, &s).await;
    let registered = registrations(&app, &s.id).await;
    assert_eq!(
        placements.len(),
        registered.len() * 2,
        "everyone in both rounds they attend"
    );
    let mut load: HashMap<_, i32> = HashMap::new();
    let mut seen: HashMap<_, Vec<_>> = HashMap::new();
    for p in &placements {
        let g = groups.iter().find(|g| g.id == p.group_id).unwrap();
        assert_eq!(g.round_id, p.round_id, "a group of the right round");
        *load.entry(g.id.clone()).or_default() += 1;
        seen.entry(p.registration_id.clone())
            .or_default()
            .push(g.insight_id.clone());
    }
    for g in &groups {
        assert!(
            load.get(&g.id).copied().unwrap_or(0) <= g.capacity,
            "within the places"
        );
    }
    for insights in seen.values() {
        assert_ne!(insights[0], insights[1], "never the same insight twice");
    }
}

/// For the day itself: the assignment as CSV, a list per room and a door sign per group.
#[tokio::test]
async fn the_assignment_exports_as_csv_room_lists_and_door_signs() {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(20)
        .await;
    let base = format!("/beheer/conferenties/{}", s.id);
    let lists = app.get(&format!("{base}/indeling/lijsten")).await;
    assert_eq!(lists.status, StatusCode::OK);
    assert!(
        lists
            .body
            .contains("Er is nog geen indeling om af te drukken")
    );

    for (name, email) in [
        ("Anna de Vries", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("=Cees", "cees@example.org"),
    ] {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    add_groups(
        &app,
        &s,
        &[(0, 1, "Zaal 2.14", "5"), (1, 0, "Zaal 3.01", "5")],
        ("Fatima Gespreksleider", ""),
    )
    .await;
    let preview = format!("{base}/indeling");
    let res = app
        .post(&format!("{base}/indeling/verdelen"), &preview, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // CSV: Excel's Dutch dialect, one row per person per round, the choice each got.
    let res = app.get_raw(&format!("{base}/indeling.csv")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("indeling-")
    );
    let body = res.text().await.unwrap();
    let body = body.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "Ronde;Tijd;Zaal;Inzicht;Gespreksleider;Naam;E-mailadres;Organisatie;Beroep of rol;Gekregen keuze;Vastgezet"
    );
    assert_eq!(lines.len(), 1 + 3 * 2, "three people in two rounds");
    assert!(lines.contains(
        &"Ronde 1;11-03-2083 10:00–11:00;Zaal 2.14;Schaamte en vertrouwen;Fatima Gespreksleider;Anna de Vries;anna@example.org;Verloskundigenpraktijk De Wieg;verloskundige;1e keuze;nee"
    ), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(";Zaal 3.01;Vertrouwen in eigen kracht;")
                && l.contains(";Bram;")
                && l.ends_with(";2e keuze;nee")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains(";'=Cees;")),
        "a name that starts a formula is defused: {lines:#?}"
    );

    // Room lists: per group its room, time and facilitator, and who sits there.
    let lists = app.get(&format!("{base}/indeling/lijsten")).await.body;
    let sheets: Vec<&str> = lists.split("class=\"sheet\"").skip(1).collect();
    assert_eq!(sheets.len(), 2, "one sheet per group");
    assert!(sheets[0].contains("Zaal 2.14") && sheets[0].contains("Schaamte en vertrouwen"));
    assert!(sheets[0].contains("10:00–11:00") && sheets[0].contains("Fatima Gespreksleider"));
    for name in ["Anna de Vries", "Bram", "=Cees"] {
        assert!(sheets[0].contains(name) && sheets[1].contains(name));
    }
    assert!(
        sheets[0].find("Anna de Vries") < sheets[0].find("Bram"),
        "by name"
    );
    let css = app.get("/static/werkconf.css").await.body;
    assert!(
        css.contains("@media print") && css.contains("break-after: page"),
        "an A4 per group"
    );

    // Door signs: room, insight and its two questions.
    let signs = app.get(&format!("{base}/indeling/deurbordjes")).await.body;
    let sheets: Vec<&str> = signs.split("class=\"sheet door-sign\"").skip(1).collect();
    assert_eq!(sheets.len(), 2);
    assert!(sheets[1].contains("Zaal 3.01") && sheets[1].contains("Vertrouwen in eigen kracht"));
    assert!(sheets[1].contains("Wat kan jij morgen anders doen als professional?"));
    assert!(sheets[1].contains("Wat kunnen we samen anders doen?"));
    assert!(
        !sheets[1].contains("Bram"),
        "a door sign names no participants"
    );
}

/// Moving a participant: the rules are checked, the cost change shown before saving, and
/// a moved place is pinned, so a new run keeps it.
#[tokio::test]
async fn a_move_is_checked_priced_and_kept_by_a_new_run() {
    let (app, s) = registered(&[("Anna", "anna@example.org"), ("Bram", "bram@example.org")]).await;
    // Round 1: insight 0 with one place, insight 1; round 2: insights 1 and 2.
    add_groups(
        &app,
        &s,
        &[
            (0, 0, "A", "1"),
            (0, 1, "B", "5"),
            (1, 1, "C", "5"),
            (1, 2, "D", "5"),
        ],
        ("", ""),
    )
    .await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    let res = app
        .post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let state = || placements_and_groups(&app, &s);
    let (placements, groups) = state().await;
    let group = |room: &str| groups.iter().find(|g| g.room == room).unwrap().id.clone();
    let in_room = |who: &werkconf::domain::ids::RegistrationId, round: usize| {
        let g = placements
            .iter()
            .find(|p| p.registration_id == *who && p.round_id == s.rounds[round])
            .unwrap()
            .group_id
            .clone();
        groups.iter().find(|x| x.id == g).unwrap().room.clone()
    };
    let people = registrations(&app, &s.id).await;
    let (x, y) = if in_room(&people[0].id, 0) == "B" {
        (&people[0], &people[1])
    } else {
        (&people[1], &people[0])
    };
    assert_eq!(in_room(&y.id, 0), "A", "one sits in A, the other in B");
    let mover = format!("{preview}/verplaatsen");
    let check =
        |who: &werkconf::domain::ids::RegistrationId, round: usize, room: &str, action: &str| {
            let fields = [
                ("deelnemer".to_owned(), who.to_string()),
                ("ronde".to_owned(), s.rounds[round].to_string()),
                ("groep".to_owned(), group(room).to_string()),
                ("action".to_owned(), action.to_owned()),
            ];
            let app = &app;
            let preview = preview.clone();
            let mover = mover.clone();
            async move {
                let csrf = app.get(&preview).await.csrf();
                let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
                form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                let res = app
                    .client
                    .post(app.url(&mover))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                (res.status(), res.text().await.unwrap())
            }
        };
    // A is full.
    let (status, body) = check(&x.id, 0, "A", "check").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Deze groep is vol."));
    // X has insight 1 in round 1 already (room B), so not C in round 2.
    let (status, body) = check(&x.id, 1, "C", "save").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("werkt in een andere ronde al aan dit inzicht"));
    // Y in round 2 to the other group: allowed, priced, then saved and pinned.
    let other = if in_room(&y.id, 1) == "C" { "D" } else { "C" };
    let (status, body) = check(&y.id, 1, other, "check").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Kosten nu "), "the cost change is shown");
    assert!(body.contains("Verplaatsen en vastzetten"));
    let (status, _) = check(&y.id, 1, other, "save").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (placements, _) = state().await;
    let moved = placements
        .iter()
        .find(|p| p.registration_id == y.id && p.round_id == s.rounds[1])
        .unwrap();
    assert_eq!(moved.group_id, group(other));
    assert!(moved.pinned);
    // A new run keeps the pinned place.
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    let (placements, _) = state().await;
    let kept = placements
        .iter()
        .find(|p| p.registration_id == y.id && p.round_id == s.rounds[1])
        .unwrap();
    assert_eq!(kept.group_id, group(other));
}

/// Publishing mails every placed participant their programme with an updated invite, shows
/// it on their own page and in a feed; publishing again mails only who changed.
#[tokio::test]
async fn publishing_mails_programmes_and_again_only_the_changed() {
    let (app, s) = registered(&[
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
    ])
    .await;
    add_groups(&app, &s, &two_per_round("5"), ("", "")).await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    let publish = format!("{preview}/publiceren");
    // Nothing to publish before a run.
    let res = app.post(&publish, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Verdeel eerst de deelnemers.")
    );

    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    assert_eq!(
        app.outbox_count("programme").await,
        0,
        "a preview mails nobody"
    );
    let res = app.post(&publish, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.get(&preview)
            .await
            .body
            .contains("Gepubliceerd: 3 deelnemers")
    );
    assert_eq!(app.outbox_count("programme").await, 3);
    app.deliver_mail().await;
    let anna = crate::api::registration_mail::parse(
        &app.mailbox.to("anna@example.org").last().unwrap().raw,
    );
    assert!(anna.subject.starts_with("Je programma"));
    assert!(anna.text.contains("Zaal "));
    assert!(
        anna.text
            .contains("Wat kan jij morgen anders doen als professional?")
    );
    let (method, ics) = anna.calendar.as_ref().expect("an updated invite");
    assert_eq!(method.to_uppercase(), "REQUEST");
    assert!(ics.contains("SEQUENCE:1"), "{ics}");

    // Her own page and her feed show it.
    let people = registrations(&app, &s.id).await;
    let token = app.token_of(&people[0]);
    let page = app.get(&format!("/r/{token}")).await.body;
    assert!(page.contains("Jouw programma") && page.contains("Zaal "));
    let feed = app.get(&format!("/r/{token}/programma.ics")).await.body;
    assert_eq!(
        feed.matches("BEGIN:VEVENT").count(),
        2,
        "one event per session"
    );

    // Nothing changed: nobody is mailed again.
    app.post(&publish, &preview, &[]).await;
    assert_eq!(app.outbox_count("programme").await, 3);

    // One person moves: only they are mailed.
    let (placements, groups) = placements_and_groups(&app, &s).await;
    let p = placements
        .iter()
        .find(|p| p.round_id == s.rounds[1])
        .unwrap();
    let other = groups
        .iter()
        .find(|g| g.round_id == s.rounds[1] && g.id != p.group_id)
        .unwrap();
    let id = s.id.clone();
    let (who, round, to) = (
        p.registration_id.clone(),
        p.round_id.clone(),
        other.id.clone(),
    );
    app.db
        .run(move |c| db::placements::move_to(c, &id, &who, &round, &to))
        .await
        .unwrap();
    app.post(&publish, &preview, &[]).await;
    assert_eq!(
        app.outbox_count("programme").await,
        4,
        "only the one who moved"
    );
}

/// After publishing, a late registration and someone moved up from the waiting list get
/// free seats and their programme, nobody else moves; a cancellation frees its seats.
#[tokio::test]
async fn after_publishing_late_arrivals_are_seated_and_cancellations_free_seats() {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(4)
        .await;
    for (name, email) in [
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
    ] {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    add_groups(&app, &s, &two_per_round("5"), ("", "")).await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(app.outbox_count("programme").await, 3);
    let id = s.id.clone();
    let placements = || {
        let id = id.clone();
        let app = &app;
        async move {
            app.db
                .run(move |c| db::placements::list(c, &id))
                .await
                .unwrap()
        }
    };
    let before = placements().await;

    // Dina registers late and gets a place: seated in both rounds, mailed, nobody moved.
    register(&app, &s, &form_for(&s, "Dina", "dina@example.org")).await;
    let people = registrations(&app, &s.id).await;
    let dina = people.iter().find(|r| r.name == "Dina").unwrap();
    let now = placements().await;
    assert_eq!(
        now.iter().filter(|p| p.registration_id == dina.id).count(),
        2
    );
    for p in &before {
        let same = now
            .iter()
            .find(|q| q.registration_id == p.registration_id && q.round_id == p.round_id)
            .unwrap();
        assert_eq!(same.group_id, p.group_id, "nobody already published moves");
    }
    assert_eq!(app.outbox_count("programme").await, 4);

    // Eva waits; Anna cancels: her seats are free, and Eva, moved up, is seated and mailed.
    register(&app, &s, &form_for(&s, "Eva", "eva@example.org")).await;
    let anna = people.iter().find(|r| r.name == "Anna").unwrap();
    let path = format!("/r/{}/annuleren", app.token_of(anna));
    let confirm = app.get(&path).await;
    app.post_with_token(&path, &confirm.csrf(), &[]).await;
    let after = placements().await;
    assert!(
        after.iter().all(|p| p.registration_id != anna.id),
        "Anna's seats are free"
    );
    let eva = registrations(&app, &s.id)
        .await
        .into_iter()
        .find(|r| r.name == "Eva")
        .unwrap();
    assert_eq!(eva.status.as_str(), "confirmed");
    assert_eq!(
        after.iter().filter(|p| p.registration_id == eva.id).count(),
        2
    );
    assert_eq!(app.outbox_count("programme").await, 5);
}

/// Publishing mails each facilitator their groups with who comes and one personal link;
/// the link shows the groups as published; a new facilitator replaces the old one's access.
#[tokio::test]
async fn facilitators_get_their_groups_and_a_link_that_shows_them() {
    let (app, s) = registered(&[("Anna", "anna@example.org"), ("Bram", "bram@example.org")]).await;
    let fatima = ("Fatima El Amrani", "Fatima@Example.org");
    add_groups(&app, &s, &[(0, 1, "Zaal 1", "5")], fatima).await;
    add_groups(&app, &s, &[(1, 0, "Zaal 2", "5")], fatima).await;
    add_groups(
        &app,
        &s,
        &[(0, 2, "Zaal 3", "1")],
        ("Joris", "joris@example.org"),
    )
    .await;
    add_groups(&app, &s, &[(1, 2, "Zaal 4", "1")], ("", "")).await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    assert_eq!(
        app.outbox_count("facilitator").await,
        0,
        "a preview mails nobody"
    );
    let res = app
        .post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.get(&preview).await.body.contains(
            "2 deelnemers kregen hun programma per e-mail, 2 gespreksleiders hun groepen."
        )
    );
    assert_eq!(
        app.outbox_count("facilitator").await,
        2,
        "Fatima once, Joris once"
    );
    app.deliver_mail().await;

    let mails = app.mailbox.to("Fatima@Example.org");
    assert_eq!(mails.len(), 1, "one mail for both her groups");
    let mail = crate::api::registration_mail::parse(&mails[0].raw);
    assert!(mail.subject.starts_with("Jouw groep als gespreksleider"));
    for expected in [
        "Zaal 1",
        "Zaal 2",
        "Schaamte en vertrouwen",
        "Vertrouwen in eigen kracht",
        "Wat kunnen we samen anders doen?",
        "Deelnemers (",
        "verloskundige, Verloskundigenpraktijk De Wieg",
    ] {
        assert!(mail.text.contains(expected), "{expected}: {}", mail.text);
    }
    let link = mail
        .text
        .lines()
        .find_map(|l| l.split_once("/f/").map(|(_, t)| format!("/f/{}", t.trim())))
        .expect("a personal link");

    // The link shows her groups, in the order of the day, with who comes.
    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    let first = page.body.find("Schaamte en vertrouwen").unwrap();
    let second = page.body.find("Vertrouwen in eigen kracht").unwrap();
    assert!(first < second, "round 1 first");
    assert!(
        page.body
            .contains("Wat kan jij morgen anders doen als professional?")
    );
    assert!(!page.body.contains("Zaal 3"), "only her own groups");
    let seated: usize = page.body.matches("Verloskundigenpraktijk De Wieg").count();
    assert!(seated >= 1, "{}", page.body);
    assert_eq!(
        app.get(&format!("{link}x")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/f/").await.status, StatusCode::NOT_FOUND);

    // Publishing again without changes mails no facilitator.
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(app.outbox_count("facilitator").await, 2);

    // Joris hands Zaal 3 to Sanne: his link stops opening it, and she is mailed.
    let joris = crate::api::registration_mail::parse(&app.mailbox.to("joris@example.org")[0].raw);
    let joris_link = joris
        .text
        .lines()
        .find_map(|l| l.split_once("/f/").map(|(_, t)| format!("/f/{}", t.trim())))
        .unwrap();
    assert_eq!(app.get(&joris_link).await.status, StatusCode::OK);
    let id = s.id.clone();
    let groups = app.db.run(move |c| db::groups::list(c, &id)).await.unwrap();
    let room3 = groups.iter().find(|g| g.room == "Zaal 3").unwrap();
    let edit = format!(
        "/beheer/conferenties/{}/groepen/{}/bewerken",
        s.id, room3.id
    );
    let res = app
        .post(
            &edit,
            &edit,
            &[
                ("round", s.rounds[0].as_str()),
                ("insight", s.insights[2].as_str()),
                ("room", "Zaal 3"),
                ("capacity", "1"),
                ("facilitator_name", "Sanne"),
                ("facilitator_email", "sanne@example.org"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&joris_link).await.status, StatusCode::NOT_FOUND);
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(
        app.outbox_count("facilitator").await,
        3,
        "only Sanne is new"
    );
    app.deliver_mail().await;
    assert_eq!(app.mailbox.to("sanne@example.org").len(), 1);
}

/// Editing after a run: a group with people in it keeps its round and insight and enough
/// places; a new room reaches its people at the next publication; a group whose people
/// were told they sit there cannot be deleted until they are moved.
#[tokio::test]
async fn groups_with_people_in_them_are_edited_with_care() {
    let (app, s) = registered(&[
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
    ])
    .await;
    add_groups(
        &app,
        &s,
        &[(0, 0, "Zaal 1", "5"), (1, 1, "Zaal 2", "5")],
        ("", ""),
    )
    .await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    let id = s.id.clone();
    let groups = app.db.run(move |c| db::groups::list(c, &id)).await.unwrap();
    let first = groups.iter().find(|g| g.room == "Zaal 1").unwrap().clone();
    let edit = format!(
        "/beheer/conferenties/{}/groepen/{}/bewerken",
        s.id, first.id
    );
    let form = |insight: &str, room: &str, places: &str| {
        vec![
            ("round".to_owned(), s.rounds[0].to_string()),
            ("insight".to_owned(), insight.to_owned()),
            ("room".to_owned(), room.to_owned()),
            ("capacity".to_owned(), places.to_owned()),
        ]
    };
    let post = |fields: Vec<(String, String)>| {
        let (app, edit) = (&app, edit.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post(&edit, &edit, &fields).await
        }
    };
    for (fields, says) in [
        (
            form(s.insights[2].as_str(), "Zaal 1", "5"),
            "Er zijn al 3 deelnemers in deze groep ingedeeld. Verplaats hen eerst",
        ),
        (
            form(s.insights[0].as_str(), "Zaal 1", "2"),
            "Er zijn al 3 deelnemers in deze groep ingedeeld: geef minstens zoveel plaatsen",
        ),
    ] {
        let res = post(fields).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains(says), "{says}");
    }
    // Before publishing, deleting it says whose place goes.
    let delete = format!(
        "/beheer/conferenties/{}/groepen/{}/verwijderen",
        s.id, first.id
    );
    let page = app.get(&delete).await.body;
    assert!(page.contains("3 deelnemers zijn in deze groep ingedeeld."));
    assert!(page.contains("Anna") && page.contains("Cees"));

    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(app.outbox_count("programme").await, 3);
    // A new room: its people are mailed again at the next publication, once.
    let res = post(form(s.insights[0].as_str(), "Zaal 9", "5")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(app.outbox_count("programme").await, 6);
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(app.outbox_count("programme").await, 6);
    app.deliver_mail().await;
    let last = crate::api::registration_mail::parse(
        &app.mailbox.to("anna@example.org").last().unwrap().raw,
    );
    assert!(last.text.contains("Zaal 9"), "{}", last.text);

    // Now they were told they sit there: it cannot go.
    let page = app.get(&delete).await.body;
    assert!(page.contains("Deze groep kan nog niet weg: 3 deelnemers zijn erin ingedeeld."));
    let res = app.post(&delete, &delete, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = s.id.clone();
    assert_eq!(
        app.db
            .run(move |c| db::groups::list(c, &id))
            .await
            .unwrap()
            .len(),
        2,
        "nothing deleted"
    );
}
