//! An organiser at a desk: logs in, creates a conference through the form, edits it, adds
//! a programme round and an insight, looks at the texts and the participant list, and
//! opens the public page. Every organiser page passes axe, its error states included.

use fantoccini::key::Key;

use crate::browser::harness::{Browser, DESKTOP, journey};
use crate::browser::seed::conference_day;
use crate::common::{PASSWORD, spawn_app};

/// Types a date and time into a `datetime-local` field as a person does. Headless Chromium
/// lays the field out as mm/dd/yyyy, hh:mm AM/PM whatever the page's language (it follows
/// the browser's own locale), so the keys go in that order: month, day, year, then to the
/// time part. The field's value says whether it took.
async fn type_datetime(b: &Browser, css: &str, value: &str) {
    let (date, time) = value.split_once('T').unwrap();
    let mut ymd = date.split('-');
    let (y, m, d) = (
        ymd.next().unwrap(),
        ymd.next().unwrap(),
        ymd.next().unwrap(),
    );
    let (hour, minute) = time.split_once(':').unwrap();
    let hour: u32 = hour.parse().unwrap();
    let (h12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    let keys = format!(
        "{m}{d}{y}{right}{h12:02}{minute}{half}",
        right = char::from(Key::Right)
    );
    b.find(css).await.send_keys(&keys).await.expect("type date");
    assert_eq!(b.value(css).await, value, "{css} as typed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organiser_logs_in_and_creates_a_conference() {
    journey("organiser", DESKTOP, |b| async move {
        let app = spawn_app().await;
        app.create_organiser("eline@example.org").await;
        let day = conference_day();

        // The organiser home sends a visitor to the login page first.
        b.goto(&app.url("/beheer")).await;
        assert!(b.path().await.starts_with("/login"));
        b.step("login").await;
        b.fill("#f-email", "eline@example.org").await;
        b.fill("#f-password", "niet het wachtwoord").await;
        b.click_text("Inloggen").await;
        assert!(b.exists(".error-summary").await);
        b.step("login-failed").await;
        b.fill("#f-email", "eline@example.org").await;
        b.fill("#f-password", PASSWORD).await;
        b.click_text("Inloggen").await;
        assert_eq!(b.path().await, "/beheer");
        b.step("dashboard-empty").await;

        b.click_text("Nieuwe werkconferentie").await;
        b.step("new-conference").await;
        b.click_text("Opslaan").await;
        assert!(b.exists(".error-summary").await, "an empty form is refused");
        b.step("new-conference-errors").await;

        b.fill("#f-title", "Werkconferentie Kansrijke Start Amersfoort").await;
        b.fill(
            "#f-description",
            "Professionals rond jonge gezinnen werken samen aan de inzichten uit de gesprekken met moeders.",
        )
        .await;
        type_datetime(&b, "#f-starts_at", &format!("{day}T09:00")).await;
        type_datetime(&b, "#f-ends_at", &format!("{day}T16:30")).await;
        b.fill("#f-venue_name", "De Observant").await;
        b.fill("#f-venue_address", "Stadhuisplein 7\n3811 LM Amersfoort").await;
        b.fill("#f-capacity", "80").await;
        b.fill("#f-contact_email", "kansrijkestart@amersfoort.example").await;
        b.select("#f-status", "Open voor aanmelding").await;
        b.step("new-conference-filled").await;
        b.click_text("Opslaan").await;
        assert_eq!(b.text("h1").await, "Werkconferentie Kansrijke Start Amersfoort");
        let detail = b.path().await;
        assert!(detail.starts_with("/beheer/conferenties/"), "{detail}");
        b.step("conference-created").await;

        b.click_text("Werkconferentie bewerken").await;
        b.step("edit-conference").await;
        b.fill("#f-capacity", "90").await;
        b.click_text("Opslaan").await;
        assert_eq!(b.path().await, detail);
        assert!(b.text("dl.facts").await.contains("90"));

        b.click_text("Programma-onderdeel toevoegen").await;
        b.step("new-programme-item").await;
        b.select("#f-kind", "Breakoutronde").await;
        b.fill("#f-title", "Ronde 1").await;
        type_datetime(&b, "#f-starts_at", &format!("{day}T10:00")).await;
        type_datetime(&b, "#f-ends_at", &format!("{day}T11:00")).await;
        b.click_text("Opslaan").await;
        assert_eq!(b.path().await, detail);
        assert!(b.text("#programma + table").await.contains("Ronde 1"));

        b.click_text("Inzicht toevoegen").await;
        assert!(
            b.value("#f-question_professional").await.contains("morgen anders"),
            "the guiding questions come prefilled"
        );
        b.step("new-insight").await;
        b.fill("#f-title", "Vertrouwen in eigen kracht").await;
        b.fill(
            "#f-description",
            "Moeders willen dat professionals hun eigen kracht zien en benutten.",
        )
        .await;
        b.click_text("Opslaan").await;
        assert_eq!(b.path().await, detail);
        assert_eq!(b.text("ol.insights h3").await, "Vertrouwen in eigen kracht");
        b.step("insight-added").await;

        b.click_text("Teksten en e-mail").await;
        b.step("texts").await;
        b.click_text("Voorbeeld bekijken").await;
        assert!(b.exists(".mail-preview").await);
        b.step("texts-preview").await;

        b.goto(&app.url(&detail)).await;
        b.click_text("Deelnemers beheren").await;
        b.step("participants-empty").await;
        b.click_text("Deelnemer toevoegen").await;
        b.step("add-participant").await;
        b.fill("#f-name", "Fatima el Amrani").await;
        b.fill("#f-email", "fatima@example.org").await;
        b.fill("#f-organisation", "JGZ Amersfoort").await;
        b.select("#f-discipline", "jeugdverpleegkundige").await;
        b.select("#f-municipality", "Amersfoort").await;
        b.select("#f-preference_1", "Vertrouwen in eigen kracht").await;
        b.set_checked("input[name=rounds]", true).await;
        b.click_text("Deelnemer toevoegen").await;
        assert!(b.text("div.wrap > table.list").await.contains("Fatima el Amrani"));
        b.step("participants").await;

        // A group for the round: the participant just added has no place yet.
        b.goto(&app.url(&detail)).await;
        b.click_text("Groepen").await;
        assert!(b.text("main").await.contains("Plaatsen tekort: 1."));
        b.step("groups-empty").await;
        b.click_text("Nieuwe groep").await;
        b.step("new-group").await;
        b.fill("#f-room", "Zaal 2.14").await;
        b.fill("#f-capacity", "12").await;
        b.fill("#f-facilitator_name", "Joris van Dijk").await;
        b.click_text("Opslaan").await;
        assert!(b.path().await.ends_with("/groepen"));
        assert!(b.text("main").await.contains("12 plaatsen voor 1 bevestigde deelnemers"));
        b.step("groups").await;
        // An earlier edition without groups: copying from it is refused at the field.
        crate::browser::seed::open_conference(&app).await;
        b.goto(&app.url(&format!("{detail}/groepen"))).await;
        b.js("document.querySelector('#f-bron').selectedIndex = 1; return true;").await;
        b.click_text("Groepen overnemen").await;
        assert!(b.text("#f-bron-error").await.contains("geen groepen om over te nemen"));
        b.step("groups-copy-refused").await;
        b.click_text("Indeling").await;
        b.click_text("Verdeel deelnemers").await;
        assert!(b.text("main").await.contains("Fatima el Amrani"));
        b.step("assignment").await;
        b.click_text("Verplaatsen: Fatima el Amrani").await;
        b.step("move").await;
        b.click_text("Bekijk het effect").await;
        assert!(b.text("main").await.contains("Kosten nu 0"));
        b.step("move-checked").await;
        b.goto(&app.url(&format!("{detail}/indeling"))).await;
        b.click_text("Lijsten per zaal afdrukken").await;
        assert!(b.text("section.sheet").await.contains("Fatima el Amrani"));
        b.step("room-lists").await;
        b.goto(&app.url(&format!("{detail}/indeling"))).await;
        b.click_text("Deurbordjes afdrukken").await;
        assert!(b.text("section.sheet").await.contains("Zaal 2.14"));
        b.step("door-signs").await;

        b.goto(&app.url(&detail)).await;
        b.click_text("Bekijk openbare pagina").await;
        assert_eq!(b.text("ol.insights h3").await, "Vertrouwen in eigen kracht");
        b.step("public-page").await;

        b.click_text("Beheer").await;
        assert!(b.text("div.wrap > table.list").await.contains("Amersfoort"));
        b.step("dashboard").await;

        b.goto(&app.url("/bestaat-niet")).await;
        assert_eq!(b.text("h1").await, "Pagina niet gevonden");
        b.step("not-found").await;
    })
    .await;
}
