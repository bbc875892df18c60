use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::api::registration::{form_for, register, registrations, seed_conference};
use crate::common::spawn_app;

#[tokio::test]
async fn organisers_filter_count_export_and_cancel() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 2, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna de Vries", "anna@example.org")).await;
    let mut bram = form_for(&s, "Bram Jansen", "bram@example.org");
    for f in bram.iter_mut() {
        match f.0 {
            "discipline" => f.1 = "kraamzorg",
            "organisation" => f.1 = "=HYPERLINK(\"http://x\")",
            "preference_1" => f.1 = s.insights[2].as_str(),
            _ => {}
        }
    }
    register(&app, &s, &bram).await;
    register(&app, &s, &form_for(&s, "Cees Bakker", "cees@example.org")).await;

    // Registering is public; the list is not.
    let base = format!("/beheer/conferenties/{}/deelnemers", s.id);
    assert_eq!(app.get_raw(&base).await.status(), StatusCode::SEE_OTHER);
    app.login().await;

    let page = app.get(&base).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2 / 2"), "confirmed of capacity");
    assert!(page.body.contains("3 van 3 aanmeldingen getoond."));
    assert!(page.body.contains("Wachtlijst (1)"));

    let filtered = app.get(&format!("{base}?discipline=kraamzorg")).await;
    assert!(filtered.body.contains("Bram Jansen"));
    assert!(!filtered.body.contains("Anna de Vries"));
    let by_insight = app.get(&format!("{base}?insight={}", s.insights[2])).await;
    assert!(by_insight.body.contains("1 van 3"));
    let searched = app.get(&format!("{base}?q=VRIES")).await;
    assert!(searched.body.contains("Anna de Vries") && searched.body.contains("1 van 3"));
    let waiting = app.get(&format!("{base}?status=waiting")).await;
    assert!(waiting.body.contains("Cees Bakker") && waiting.body.contains("1 van 3"));

    let res = app.get_raw(&format!("{}.csv", base)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 BOM for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("Naam;E-mailadres;Organisatie;"));
    assert!(
        lines[2].contains("'=HYPERLINK"),
        "formula defused: {}",
        lines[2]
    );
    assert!(lines[3].contains(";Wachtlijst;1;"));
    let date = lines[1].rsplit(';').next().unwrap();
    assert!(
        date.len() == 16 && &date[2..3] == "-" && &date[5..6] == "-",
        "dd-mm-yyyy hh:mm: {date}"
    );

    // Cancel Anna by hand: Cees moves up.
    let anna = registrations(&app, &s.id).await.remove(0);
    assert!(page.body.contains(&format!("{base}/{}/annuleren", anna.id)));
    let confirm = app.get(&format!("{base}/{}/annuleren", anna.id)).await;
    assert!(
        confirm
            .body
            .contains("De aanmelding van Anna de Vries (anna@example.org) annuleren?")
    );
    let res = app
        .post_with_token(
            &format!("{base}/{}/annuleren", anna.id),
            &confirm.csrf(),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let statuses: Vec<String> = registrations(&app, &s.id)
        .await
        .into_iter()
        .map(|r| r.status.as_str().to_owned())
        .collect();
    assert_eq!(statuses, ["cancelled", "confirmed", "confirmed"]);
}

#[tokio::test]
async fn organisers_add_participants_by_hand() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    app.login().await;
    let path = format!("/beheer/conferenties/{}/deelnemers/nieuw", s.id);
    let mut fields = form_for(&s, "Dirk de Boer", "dirk@example.org");
    fields.retain(|(k, _)| *k != "consent");
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let all = registrations(&app, &s.id).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status.as_str(), "confirmed");

    fields.retain(|(k, _)| *k != "email");
    fields.push(("email", "niet goed"));
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"f-email-error\""));
    assert_eq!(registrations(&app, &s.id).await.len(), 1);
}
