//! Capturing action points through a facilitator's link: plain forms without
//! JavaScript, one point per submission however often it is sent, a clear message at
//! the field for bad input, a link that reaches only its own groups, and capture that
//! the organiser can close.

use reqwest::StatusCode;
use werkconf::db;
use werkconf::db::action_points::ActionPoint;

use crate::api::assignment::{add_groups, registered};
use crate::common::TestApp;
use crate::common::fixtures::Seeded;

const FATIMA: (&str, &str) = ("Fatima El Amrani", "fatima@example.org");
const JORIS: (&str, &str) = ("Joris", "joris@example.org");

/// A published assignment with Fatima leading two groups and Joris one; returns their
/// links, each opened in a browser of its own (not logged in).
async fn published() -> (TestApp, Seeded, (TestApp, String), (TestApp, String)) {
    let (app, s) = registered(&[("Anna", "anna@example.org"), ("Bram", "bram@example.org")]).await;
    add_groups(
        &app,
        &s,
        &[(0, 0, "Zaal 1", "5"), (1, 1, "Zaal 2", "5")],
        FATIMA,
    )
    .await;
    add_groups(&app, &s, &[(0, 2, "Zaal 3", "5")], JORIS).await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    let res = app
        .post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = s.id.clone();
    let link = |email: &str| format!("/f/{}", app.link_key().facilitator_token(&id, email));
    let fatima = (app.another_browser(), link(FATIMA.1));
    let joris = (app.another_browser(), link(JORIS.1));
    (app, s, fatima, joris)
}

async fn points(app: &TestApp, s: &Seeded) -> Vec<ActionPoint> {
    let id = s.id.clone();
    app.db
        .run(move |c| db::action_points::list(c, &id))
        .await
        .unwrap()
}

/// The group ids on a facilitator's page, in the order shown.
fn groups_on(page: &str) -> Vec<String> {
    page.match_indices("name=\"group\" value=\"")
        .map(|(i, m)| page[i + m.len()..].split('"').next().unwrap().to_owned())
        .fold(Vec::new(), |mut v, g| {
            if !v.contains(&g) {
                v.push(g);
            }
            v
        })
}

/// The fresh submission key of the first capture form on the page.
fn key_on(page: &str) -> String {
    let (i, m) = page.match_indices("name=\"key\" value=\"").next().unwrap();
    page[i + m.len()..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_facilitator_adds_points_under_both_questions_without_javascript() {
    let (app, s, (browser, link), _) = published().await;
    let page = browser.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nog geen actiepunten."));
    let groups = groups_on(&page.body);
    assert_eq!(groups.len(), 2, "her two groups, each with two forms");
    let key = key_on(&page.body);
    let add = format!("{link}/punten");
    let fields = [
        ("group", groups[0].as_str()),
        ("question", "professional"),
        ("text", "Bij elke intake vragen naar steun in het netwerk."),
        ("taker_name", "Anna"),
        ("taker_organisation", "Verloskundigenpraktijk De Wieg"),
        ("with_whom", "kraamzorg"),
        ("first_step", "Vanaf maandag"),
        ("key", key.as_str()),
    ];
    let res = browser.post(&add, &link, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("{link}#groep-{}", groups[0]));

    // A double tap, a refresh of the POST, or a phone resending: the same key again.
    for _ in 0..2 {
        let res = browser.post(&add, &link, &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let together = [
        ("group", groups[1].as_str()),
        ("question", "together"),
        ("text", "Samen één aanspreekpunt per wijk."),
        ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000002"),
    ];
    browser.post(&add, &link, &together).await;

    let stored = points(&app, &s).await;
    assert_eq!(
        stored.len(),
        2,
        "three sends of one submission made one point"
    );
    assert_eq!(
        stored[0].taker_organisation,
        "Verloskundigenpraktijk De Wieg"
    );
    assert_eq!(stored[0].submission_key, key);
    let page = browser.get(&link).await;
    assert!(page.body.contains("Actiepunt opgeslagen."));
    assert!(
        page.body
            .contains("Bij elke intake vragen naar steun in het netwerk.")
    );
    assert!(
        page.body
            .contains("Wie: Anna, Verloskundigenpraktijk De Wieg")
    );
    assert!(page.body.contains("Samen één aanspreekpunt per wijk."));
}

#[tokio::test]
async fn bad_points_get_a_message_at_the_field_and_keep_what_was_typed() {
    let (app, s, (browser, link), _) = published().await;
    let page = browser.get(&link).await;
    let group = groups_on(&page.body)[0].clone();
    let add = format!("{link}/punten");
    let empty = browser
        .post(
            &add,
            &link,
            &[
                ("group", &group),
                ("question", "together"),
                ("text", "   "),
                ("with_whom", "de huisarts"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000010"),
            ],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = empty.text().await.unwrap();
    assert!(body.contains("Schrijf het actiepunt op."));
    assert!(
        body.contains("value=\"de huisarts\""),
        "what was typed stays"
    );
    let prefix = format!("f-{group}-together");
    assert!(
        body.contains(&format!("id=\"{prefix}-text-error\"")),
        "the message sits at the field of that form"
    );

    let long = "Lang verhaal. ".repeat(1_500);
    let res = browser
        .post(
            &add,
            &link,
            &[
                ("group", &group),
                ("question", "professional"),
                ("text", &long),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000011"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Dit is te lang: maximaal 1000 tekens."));
    assert!(
        body.contains("Lang verhaal. Lang verhaal."),
        "kept to shorten"
    );

    let markup = "<script>alert('x')</script> & <b>vet</b>";
    browser
        .post(
            &add,
            &link,
            &[
                ("group", &group),
                ("question", "professional"),
                ("text", markup),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000012"),
            ],
        )
        .await;
    let page = browser.get(&link).await;
    assert!(!page.body.contains("<script>alert"), "never run");
    assert!(
        page.body
            .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;")
    );
    assert_eq!(
        points(&app, &s).await.len(),
        1,
        "only the good one is stored"
    );
}

#[tokio::test]
async fn a_link_reaches_its_own_groups_and_points_and_nothing_else() {
    let (app, s, (fatima, fatima_link), (joris, joris_link)) = published().await;
    let joris_group = groups_on(&joris.get(&joris_link).await.body)[0].clone();
    let fatima_group = groups_on(&fatima.get(&fatima_link).await.body)[0].clone();

    // Fatima writing into Joris's group: refused at the field, nothing stored.
    let res = fatima
        .post(
            &format!("{fatima_link}/punten"),
            &fatima_link,
            &[
                ("group", &joris_group),
                ("question", "together"),
                ("text", "Niet mijn groep"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000020"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(points(&app, &s).await.is_empty());

    joris
        .post(
            &format!("{joris_link}/punten"),
            &joris_link,
            &[
                ("group", &joris_group),
                ("question", "together"),
                ("text", "Van Joris"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000021"),
            ],
        )
        .await;
    let his = points(&app, &s).await[0].clone();
    // Fatima cannot open, change or delete his point, nor replay his submission.
    for path in ["bewerken", "verwijderen"] {
        let url = format!("{fatima_link}/punten/{}/{path}", his.id);
        assert_eq!(fatima.get(&url).await.status, StatusCode::NOT_FOUND);
        let res = fatima
            .post(
                &url,
                &fatima_link,
                &[
                    ("place", &format!("{fatima_group}|together")),
                    ("text", "Overgenomen"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let replay = fatima
        .post(
            &format!("{fatima_link}/punten"),
            &fatima_link,
            &[
                ("group", &fatima_group),
                ("question", "together"),
                ("text", "Eigen punt met zijn sleutel"),
                ("key", &his.submission_key),
            ],
        )
        .await;
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    let stored = points(&app, &s).await;
    assert_eq!(
        stored.len(),
        2,
        "her point is stored under a key of its own"
    );
    assert_eq!(stored[0].body, "Van Joris", "his point is untouched");
    assert_ne!(stored[1].submission_key, his.submission_key);
    assert!(!fatima.get(&fatima_link).await.body.contains("Van Joris"));
}

#[tokio::test]
async fn a_facilitator_changes_moves_and_deletes_a_point_after_being_asked() {
    let (app, s, (browser, link), _) = published().await;
    let groups = groups_on(&browser.get(&link).await.body);
    browser
        .post(
            &format!("{link}/punten"),
            &link,
            &[
                ("group", &groups[0]),
                ("question", "professional"),
                ("text", "Eerste versie"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000030"),
            ],
        )
        .await;
    let point = points(&app, &s).await[0].clone();
    let edit = format!("{link}/punten/{}/bewerken", point.id);
    let form = browser.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Eerste versie"));

    let bad = browser
        .post(
            &edit,
            &edit,
            &[("place", &format!("{}|together", groups[1])), ("text", "")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        points(&app, &s).await[0].body,
        "Eerste versie",
        "nothing half"
    );

    let res = browser
        .post(
            &edit,
            &edit,
            &[
                ("place", &format!("{}|together", groups[1])),
                ("text", "Tweede versie"),
                ("taker_name", "Bram"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let changed = points(&app, &s).await[0].clone();
    assert_eq!(changed.body, "Tweede versie");
    assert_eq!(
        changed.group_id.as_str(),
        groups[1],
        "moved to her other group"
    );
    assert_eq!(changed.question.as_str(), "together");
    assert_eq!(changed.submission_key, point.submission_key);

    let delete = format!("{link}/punten/{}/verwijderen", point.id);
    let ask = browser.get(&delete).await;
    assert!(ask.body.contains("Dit actiepunt van de groep over"));
    assert!(ask.body.contains("Tweede versie"), "says what goes");
    assert_eq!(points(&app, &s).await.len(), 1, "asking deletes nothing");
    let res = browser.post(&delete, &delete, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(points(&app, &s).await.is_empty());
    assert!(!browser.get(&link).await.body.contains("Tweede versie"));
    assert_eq!(browser.get(&edit).await.status, StatusCode::NOT_FOUND);

    // The row is kept, so the group it was captured in cannot be deleted.
    let group = changed.group_id.clone();
    let kept = app
        .db
        .run(move |c| db::action_points::count_in_group(c, &group))
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn the_organiser_closes_capture_and_points_can_be_read_but_not_changed() {
    let (app, s, (browser, link), _) = published().await;
    let group = groups_on(&browser.get(&link).await.body)[0].clone();
    let add = format!("{link}/punten");
    let fields = [
        ("group", group.as_str()),
        ("question", "together"),
        ("text", "Voor het sluiten"),
        ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000040"),
    ];
    browser.post(&add, &link, &fields).await;

    let detail = format!("/beheer/conferenties/{}", s.id);
    let page = app.get(&detail).await;
    assert!(page.body.contains("1 actiepunten vastgelegd."));
    let res = app
        .post(&format!("{detail}/actiepunten/sluiten"), &detail, &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.get(&detail)
            .await
            .body
            .contains("Vastleggen van actiepunten gesloten sinds")
    );

    let page = browser.get(&link).await;
    assert!(
        page.body
            .contains("De organisatie heeft het vastleggen van actiepunten gesloten.")
    );
    assert!(page.body.contains("Voor het sluiten"), "still readable");
    assert!(!page.body.contains("Actiepunt toevoegen"), "no forms");

    let late = [
        ("group", group.as_str()),
        ("question", "together"),
        ("text", "Na het sluiten"),
        ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000041"),
    ];
    let stored = points(&app, &s).await;
    let edit = format!("{link}/punten/{}/bewerken", stored[0].id);
    // The page has no forms now; the edit page still shows the point (and a token).
    let token = browser.get(&edit).await.csrf();
    let res = browser.post_with_token(&add, &token, &late).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // The submission made before closing, sent again, is still found, not refused.
    let res = browser.post_with_token(&add, &token, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(points(&app, &s).await.len(), 1);
    let res = browser
        .post_with_token(
            &edit,
            &token,
            &[
                ("place", &format!("{group}|together")),
                ("text", "Gewijzigd"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let delete = format!("{link}/punten/{}/verwijderen", stored[0].id);
    let res = browser.post_with_token(&delete, &token, &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(points(&app, &s).await[0].body, "Voor het sluiten");

    app.post(&format!("{detail}/actiepunten/openen"), &detail, &[])
        .await;
    assert!(
        browser
            .get(&link)
            .await
            .body
            .contains("Actiepunt toevoegen")
    );
}

/// Participants at a group's table add points through its short link (printed with a QR
/// code on the table card); the facilitator sees them marked and can change them.
#[tokio::test]
async fn participants_add_points_through_their_tables_link() {
    let (app, s, (fatima, fatima_link), (_, joris_link)) = published().await;
    let joris_group = {
        let page = app.another_browser().get(&joris_link).await;
        groups_on(&page.body)[0].clone()
    };
    let group = werkconf::domain::ids::GroupId::parse(&joris_group).unwrap();
    let table = format!("/c/{}/g/{}", s.slug, app.link_key().table_code(&group));

    let cards = app
        .get(&format!(
            "/beheer/conferenties/{}/indeling/tafelkaarten",
            s.id
        ))
        .await;
    assert_eq!(cards.status, StatusCode::OK);
    assert!(cards.body.contains(&table), "the card carries the link");
    assert!(cards.body.contains("<svg"), "and its QR code");

    let phone = app.another_browser();
    let page = phone.get(&table).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Actiepunten van jullie groep"));
    assert!(page.body.contains("Wat kunnen we samen anders doen?"));
    assert!(!page.body.contains("Deelnemers ("), "no names of who comes");
    assert_eq!(
        groups_on(&page.body),
        vec![joris_group.clone()],
        "that group only"
    );
    let res = phone
        .post(
            &format!("{table}/punten"),
            &table,
            &[
                ("group", joris_group.as_str()),
                ("question", "together"),
                ("text", "Van de tafel"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000050"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = phone.get(&table).await;
    assert!(page.body.contains("Van de tafel"));
    assert!(
        !page.body.contains("/bewerken"),
        "participants add, not change"
    );

    // Into another group through this table's link: refused at the field.
    let other = groups_on(&fatima.get(&fatima_link).await.body)[0].clone();
    let res = phone
        .post(
            &format!("{table}/punten"),
            &table,
            &[
                ("group", other.as_str()),
                ("question", "together"),
                ("text", "Elders"),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000051"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stored = points(&app, &s).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].source.as_str(), "participant");

    // The facilitator (Joris) sees it marked, and may change it.
    let joris = app.another_browser();
    let page = joris.get(&joris_link).await;
    assert!(page.body.contains("Van de tafel") && page.body.contains("door een deelnemer"));
    let edit = format!("{joris_link}/punten/{}/bewerken", stored[0].id);
    let res = joris
        .post(
            &edit,
            &edit,
            &[
                ("place", &format!("{joris_group}|together")),
                ("text", "Van de tafel, aangescherpt"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // A wrong code, or the right code under another conference's address: not found.
    assert_eq!(
        phone.get(&format!("{table}x")).await.status,
        StatusCode::NOT_FOUND
    );
    let code = app.link_key().table_code(&group);
    assert_eq!(
        phone.get(&format!("/c/bestaat-niet/g/{code}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// What the page's script gets when it sends a point itself (`Accept: application/json`):
/// the point as the page lists it, the problems per field, or why capture is refused.
#[tokio::test]
async fn the_script_gets_json_answers() {
    let (app, s, (browser, link), _) = published().await;
    let page = browser.get(&link).await;
    let (group, token) = (groups_on(&page.body)[0].clone(), page.csrf());
    let send = |text: &'static str, key: &'static str| {
        let (browser, link, group, token) = (&browser, &link, group.clone(), token.clone());
        async move {
            browser
                .client
                .post(browser.url(&format!("{link}/punten")))
                .header("accept", "application/json")
                .form(&[
                    ("csrf", token.as_str()),
                    ("group", group.as_str()),
                    ("question", "together"),
                    ("text", text),
                    ("key", key),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let res = send("Via het script <b>", "0192f3a4-aaaa-7bbb-8ccc-000000000060").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json_of(res).await;
    assert_eq!(body["new"], true);
    assert_eq!(body["list"], format!("{group}-together"));
    let html = body["html"].as_str().unwrap();
    assert!(html.contains("Via het script &lt;b&gt;") && html.contains("/bewerken"));
    // Sent again (the network dropped the answer): the same point, not a new one.
    let again =
        json_of(send("Via het script <b>", "0192f3a4-aaaa-7bbb-8ccc-000000000060").await).await;
    assert_eq!(
        (again["id"].clone(), again["new"].clone()),
        (body["id"].clone(), false.into())
    );

    let res = send("  ", "0192f3a4-aaaa-7bbb-8ccc-000000000061").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(res).await;
    assert_eq!(body["errors"]["text"], "Schrijf het actiepunt op.");

    let detail = format!("/beheer/conferenties/{}", s.id);
    app.post(&format!("{detail}/actiepunten/sluiten"), &detail, &[])
        .await;
    let res = send("Te laat", "0192f3a4-aaaa-7bbb-8ccc-000000000062").await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body = json_of(res).await;
    assert!(body["error"].as_str().unwrap().contains("gesloten"));
    assert_eq!(points(&app, &s).await.len(), 1);
}

/// The JSON body of an answer (reqwest's `json` feature is not built here).
async fn json_of(res: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}
