//! The texts. Dutch first; English must say the same.

super::define_messages! {
    // Layout
    SkipToContent => "Naar de inhoud", "Skip to content";
    MainMenu => "Hoofdmenu", "Main menu";
    NavBeheer => "Beheer", "Manage";
    NavLogin => "Inloggen organisatoren", "Organiser login";
    Logout => "Uitloggen", "Log out";
    LogoutEverywhere => "Overal uitloggen", "Log out everywhere";
    LogoutEverywhereHint => "Beëindigt je login op alle apparaten, ook op een computer die je niet meer bij de hand hebt.", "Ends your login on every device, also on a computer you no longer have at hand.";
    OtherLanguage => "English", "Nederlands";
    FooterText => "werkconf – werkconferenties voor een kansrijke start",
        "werkconf – working conferences for a promising start";
    Required => "verplicht", "required";
    ErrorPrefix => "Fout:", "Error:";
    ErrorSummaryTitle => "Controleer het formulier", "Please check the form";
    Save => "Opslaan", "Save";
    Cancel => "Annuleren", "Cancel";
    Edit => "Bewerken", "Edit";
    Delete => "Verwijderen", "Delete";
    Actions => "Acties", "Actions";
    Saved => "Opgeslagen.", "Saved.";
    BackHome => "Naar de startpagina", "Go to the home page";

    // Public pages
    HomeTitle => "Werkconferenties", "Working conferences";
    HomeIntro => "Werkconferenties van het programma Kansrijke Start: professionals rond jonge \
        gezinnen werken samen aan een goede start voor ieder kind.",
        "Working conferences of the Kansrijke Start (Promising Start) programme: professionals \
        around young families work together on a good start for every child.";
    HomeNone => "Er zijn nu geen werkconferenties gepland.", "No working conferences are planned right now.";
    When => "Wanneer", "When";
    Where => "Waar", "Where";
    Time => "Tijd", "Time";
    Contact => "Contact", "Contact";
    VenueFollows => "Locatie volgt", "Venue to be announced";
    Registration => "Aanmelden", "Registration";
    RegistrationOpen => "Aanmelden is mogelijk.", "Registration is open.";
    RegistrationOpenUntil => "Aanmelden kan tot {0}.", "You can register until {0}.";
    RegistrationOpensAt => "Aanmelden kan vanaf {0}.", "Registration opens {0}.";
    RegistrationClosed => "Aanmelden is gesloten.", "Registration is closed.";
    RegistrationNotYet => "Aanmelden is nog niet open.", "Registration is not open yet.";
    ConceptPreview => "Voorbeeld: deze werkconferentie is een concept en nog niet openbaar.",
        "Preview: this working conference is a draft and not yet public.";
    Programme => "Programma", "Programme";
    ProgrammeFollows => "Het programma volgt.", "The programme will follow.";
    Insights => "Inzichten", "Insights";
    InsightsIntro => "In de breakoutgroepen werk je aan één van deze inzichten uit de gesprekken \
        met (aanstaande) moeders, steeds met twee vragen.",
        "In the breakout groups you work on one of these insights from the interviews with \
        (expecting) mothers, each with two questions.";
    InsightsFollow => "De inzichten volgen.", "The insights will follow.";
    GuidingQuestions => "Gespreksvragen", "Guiding questions";
    KindPlenary => "Plenair", "Plenary";
    KindRound => "Breakoutronde", "Breakout round";
    KindBreak => "Pauze", "Break";
    StatusConcept => "Concept", "Draft";
    StatusOpen => "Open voor aanmelding", "Open for registration";
    StatusClosed => "Aanmelding gesloten", "Registration closed";
    StatusFinished => "Afgelopen", "Finished";

    // Login
    LoginTitle => "Inloggen voor organisatoren", "Organiser login";
    LoginButton => "Inloggen", "Log in";
    LoginFailed => "Het e-mailadres of wachtwoord klopt niet.", "The email address or password is incorrect.";
    LoginBlocked => "Te veel mislukte pogingen. Probeer het over {0} minuten opnieuw.",
        "Too many failed attempts. Please try again in {0} minutes.";
    FirstRunNotice => "Er is nog geen organisator. Maak het eerste account aan op de server met:",
        "There is no organiser yet. Create the first account on the server with:";
    FieldEmail => "E-mailadres", "Email address";
    FieldPassword => "Wachtwoord", "Password";

    // Organiser pages
    DashboardTitle => "Werkconferenties beheren", "Manage working conferences";
    DashboardEmpty => "Er zijn nog geen werkconferenties. Maak de eerste aan.",
        "There are no working conferences yet. Create the first one.";
    ArchiveTitle => "Archief", "Archive";
    ArchiveEmpty => "Het archief is leeg.", "The archive is empty.";
    ShowArchive => "Toon archief", "Show archive";
    ShowCurrent => "Toon actuele werkconferenties", "Show current working conferences";
    NewConference => "Nieuwe werkconferentie", "New working conference";
    EditConference => "Werkconferentie bewerken", "Edit working conference";
    ConferenceCreated => "De werkconferentie is aangemaakt.", "The working conference has been created.";
    ConferenceArchived => "De werkconferentie staat in het archief.", "The working conference has been archived.";
    ConferenceRestored => "De werkconferentie is teruggezet uit het archief.",
        "The working conference has been restored from the archive.";
    Archived => "Gearchiveerd", "Archived";
    ArchiveAction => "Archiveren", "Archive";
    Restore => "Terugzetten", "Restore";
    ViewPublicPage => "Bekijk openbare pagina", "View public page";
    PublicAddress => "Openbaar adres", "Public address";
    WhenPublished => "zodra de status open is", "as soon as the status is open";
    AtStart => "bij de start", "at the start";
    WhenAndWhere => "Wanneer en waar", "When and where";
    ProgrammeEmpty => "Nog geen programma-onderdelen.", "No programme items yet.";
    NewProgrammeItem => "Programma-onderdeel toevoegen", "Add programme item";
    EditProgrammeItem => "Programma-onderdeel bewerken", "Edit programme item";
    ProgrammeSaved => "Het programma-onderdeel is opgeslagen.", "The programme item has been saved.";
    ProgrammeDeleted => "Het programma-onderdeel is verwijderd.", "The programme item has been deleted.";
    InsightsEmpty => "Nog geen inzichten.", "No insights yet.";
    NewInsight => "Inzicht toevoegen", "Add insight";
    EditInsight => "Inzicht bewerken", "Edit insight";
    InsightSaved => "Het inzicht is opgeslagen.", "The insight has been saved.";
    InsightDeleted => "Het inzicht is verwijderd.", "The insight has been deleted.";
    InsightChosenBy => "{0} deelnemers kozen dit inzicht. Met het inzicht verdwijnt hun keuze; de rest van hun volgorde blijft, zonder gat.",
        "{0} participants chose this insight. Their choice goes with it; the rest of their ranking stays, without a gap.";
    InsightChosenByOne => "1 deelnemer koos dit inzicht. Met het inzicht verdwijnt die keuze; de rest van de volgorde blijft, zonder gat.",
        "1 participant chose this insight. That choice goes with it; the rest of the ranking stays, without a gap.";
    RoundAttendedByOne => "1 deelnemer volgt dit onderdeel. Met het onderdeel verdwijnt die aanmelding ervoor.",
        "1 participant attends this item. That sign-up for it goes with it.";
    RoundAttendedBy => "{0} deelnemers volgen dit onderdeel. Met het onderdeel verdwijnt hun aanmelding ervoor.",
        "{0} participants attend this item. Their sign-up for it goes with it.";
    InsightInUse => "Dit inzicht kan nog niet weg: {0} groepen werken eraan. Geef die groepen eerst een ander inzicht of verwijder ze.",
        "This insight cannot go yet: {0} groups work on it. Give those groups another insight or delete them first.";
    RoundInUse => "Dit onderdeel kan nog niet weg: {0} groepen komen erin bijeen. Verplaats of verwijder die groepen eerst.",
        "This item cannot go yet: {0} groups meet in it. Move or delete those groups first.";
    AssignGroupFull => "Deze groep is vol.", "This group is full.";
    AssignInsightTwice => "Deze deelnemer werkt in een andere ronde al aan dit inzicht.", "This participant already works on this insight in another round.";
    AssignMove => "Verplaatsen", "Move";
    AssignMoveTitle => "{0} verplaatsen in {1}", "Move {0} in {1}";
    AssignMoveCheck => "Bekijk het effect", "See the effect";
    AssignMoveSave => "Verplaatsen en vastzetten", "Move and pin";
    AssignMoveCost => "Kosten nu {0}, na verplaatsen {1} ({2}).", "Cost now {0}, after moving {1} ({2}).";
    AssignMoved => "De deelnemer is verplaatst en vastgezet: opnieuw verdelen houdt deze plaats.", "The participant has been moved and pinned: assigning again keeps this place.";
    AssignPinned => "vastgezet", "pinned";
    AssignPin => "Vastzetten", "Pin";
    AssignUnpin => "Losmaken", "Unpin";
    FieldGroup => "Groep", "Group";
    MailSubjectProgramme => "Je programma: {0}", "Your programme: {0}";
    MailSubjectFacilitator => "Jouw groep als gespreksleider: {0}", "Your group as facilitator: {0}";
    MailFacilitator => "Beste {0},\n\nDank je wel dat je een breakoutgroep leidt. De deelnemers zijn ingedeeld. Per groep: het inzicht, de twee vragen, de zaal, de tijd en wie er komt.",
        "Dear {0},\n\nThank you for leading a breakout group. The participants have been assigned. Per group: the insight, the two questions, the room, the time and who is coming.";
    MailFacilitatorPeople => "Deelnemers ({0}):", "Participants ({0}):";
    MailFacilitatorLink => "Jouw groepen, altijd actueel (op de dag vul je hier ook de actiepunten in)", "Your groups, always up to date (on the day you also enter the action points here)";
    FacilitatorTitle => "Jouw groepen", "Your groups";
    FacilitatorIntro => "Je leidt deze groep(en). Elke groep werkt aan één inzicht en twee vragen. Op de dag leg je hier de actiepunten van je groep vast.",
        "You lead these group(s). Each group works on one insight and two questions. On the day you record your group's action points here.";
    FacilitatorNobody => "Nog niemand ingedeeld: de organisatie publiceert de indeling nog.", "Nobody assigned yet: the organisers have not published the assignment yet.";
    MailProgramme => "Beste {0},\n\nJe indeling voor de breakoutrondes staat vast. Per ronde werk je met een groep aan één inzicht en zijn twee vragen:",
        "Dear {0},\n\nYour breakout groups are set. In each round you work with a group on one insight and its two questions:";
    AssignPublish => "Publiceren en mailen", "Publish and mail";
    AssignPublishAgain => "Wijzigingen publiceren", "Publish changes";
    AssignPublished => "Gepubliceerd: {0} deelnemers kregen hun programma per e-mail, {1} gespreksleiders hun groepen.", "Published: {0} participants were mailed their programme, {1} facilitators their groups.";
    AssignPublishedAt => "Gepubliceerd op {0}.", "Published on {0}.";
    AssignNotRun => "Verdeel eerst de deelnemers.", "Assign the participants first.";
    ProgrammeYours => "Jouw programma", "Your programme";
    ProgrammeFeed => "Je programma in je agenda (.ics)", "Your programme in your calendar (.ics)";
    AssignTitle => "Indeling", "Assignment";
    AssignIntro => "werkconf verdeelt de bevestigde deelnemers over de groepen: ieder krijgt per ronde die ze volgen één groep, nooit twee keer hetzelfde inzicht, zo veel mogelijk hun voorkeur, en per groep een mix van disciplines en organisaties. Dit is een voorbeeld: niemand ziet het tot je het publiceert.",
        "werkconf divides the confirmed participants over the groups: each gets one group per round they attend, never the same insight twice, their preferences as far as possible, and a mix of disciplines and organisations in every group. This is a preview: nobody sees it until you publish it.";
    AssignRun => "Verdeel deelnemers", "Assign participants";
    AssignRunAgain => "Opnieuw verdelen", "Assign again";
    AssignNone => "Er is nog geen indeling.", "There is no assignment yet.";
    AssignDone => "De deelnemers zijn verdeeld.", "The participants have been assigned.";
    AssignNobody => "Er zijn nog geen bevestigde deelnemers om te verdelen.", "There are no confirmed participants to assign yet.";
    AssignNoGroups => "Er zijn nog geen groepen. Maak eerst groepen aan voor de rondes.", "There are no groups yet. Create groups for the rounds first.";
    AssignImpossible => "Met deze groepen is geen indeling mogelijk. Kijk of er in elke ronde genoeg plaatsen zijn.", "No assignment is possible with these groups. Check that every round has enough places.";
    AssignChoices => "Gekregen keuze", "Choice received";
    AssignFirst => "1e keuze", "1st choice";
    AssignSecond => "2e keuze", "2nd choice";
    AssignThird => "3e keuze", "3rd choice";
    AssignNoChoice => "geen van hun keuzes", "none of their choices";
    AssignNoChoiceList => "Kregen geen van hun keuzes", "Got none of their choices";
    AssignCost => "Kosten {0}: voorkeur {1}, zelfde discipline {2}, zelfde organisatie {3}. Lager is beter.",
        "Cost {0}: preference {1}, same discipline {2}, same organisation {3}. Lower is better.";
    AssignSeats => "{0} van {1} plaatsen", "{0} of {1} places";
    AssignOptimal => "Dit is bewezen de best mogelijke indeling: geen indeling die aan de regels voldoet kost minder.",
        "This is proven the best possible assignment: no assignment that meets the rules costs less.";
    AssignGap => "Hoogstens {0}% boven de best mogelijke indeling: geen indeling die aan de regels voldoet kost minder dan {1}.",
        "At most {0}% above the best possible assignment: no assignment that meets the rules costs less than {1}.";
    AssignColleagues => "Collega's samen", "Colleagues together";
    AssignDisciplines => "Disciplines", "Disciplines";
    AssignExportCsv => "Indeling als CSV (Excel)", "Assignment as CSV (Excel)";
    AssignRoomLists => "Lijsten per zaal afdrukken", "Print lists per room";
    AssignBusy => "Tijdens het verdelen veranderden de aanmeldingen of groepen steeds. Probeer het zo nog eens.",
        "Registrations or groups kept changing while the participants were being assigned. Please try again shortly.";
    AssignDoorSigns => "Deurbordjes afdrukken", "Print door signs";
    AssignPrintHint => "Druk deze pagina af met Ctrl+P (Cmd+P op een Mac): elke groep komt op een eigen A4.",
        "Print this page with Ctrl+P (Cmd+P on a Mac): every group gets an A4 of its own.";
    AssignRoomListsTitle => "Lijsten per zaal", "Lists per room";
    AssignDoorSignsTitle => "Deurbordjes", "Door signs";
    AssignEmptyGroup => "Nog niemand in deze groep.", "Nobody in this group yet.";
    AssignPrintNone => "Er is nog geen indeling om af te drukken. Verdeel eerst de deelnemers.",
        "There is no assignment to print yet. Assign the participants first.";
    AssignPinnedColumn => "Vastgezet", "Pinned";
    Yes => "ja", "yes";
    No => "nee", "no";
    GroupsTitle => "Groepen", "Groups";
    GroupsIntro => "Elke groep werkt in één ronde aan één inzicht, in een eigen zaal. Een populair inzicht kan in een ronde twee groepen hebben; een inzicht mag in een ronde ook ontbreken.",
        "Each group works on one insight in one round, in a room of its own. A popular insight may have two groups in a round; an insight may also be left out of a round.";
    GroupsNoRounds => "Er zijn nog geen rondes. Voeg eerst in het programma een onderdeel van het soort ronde toe.",
        "There are no rounds yet. First add a programme item of the kind round.";
    GroupsNone => "Nog geen groepen in deze ronde.", "No groups in this round yet.";
    GroupsPlaces => "{0} plaatsen voor {1} bevestigde deelnemers in deze ronde.", "{0} places for {1} confirmed participants in this round.";
    GroupsShort => "Plaatsen tekort: {0}. Voeg een groep toe of maak groepen groter voordat je deelnemers verdeelt.",
        "Places short: {0}. Add a group or make groups larger before assigning participants.";
    NewGroup => "Nieuwe groep", "New group";
    GroupsCopyTitle => "Groepen overnemen van een eerdere conferentie", "Copy groups from an earlier conference";
    GroupsCopyHint => "Neemt de inzichten met hun vragen, de rondes, de zalen en de plaatsen over, niet de gespreksleiders. Wat hier al staat, blijft staan: een inzicht of ronde met dezelfde naam wordt gebruikt zoals hij is.",
        "Copies the insights with their questions, the rounds, the rooms and the places, not the facilitators. What is here stays: an insight or round with the same name is used as it is.";
    FieldCopySource => "Conferentie", "Conference";
    GroupsCopyButton => "Groepen overnemen", "Copy groups";
    GroupsCopied => "{0} groepen overgenomen; {1} inzichten en {2} rondes toegevoegd.", "{0} groups copied; {1} insights and {2} rounds added.";
    GroupsCopySkipped => "{0} groepen niet overgenomen: hun zaal is in die ronde al bezet.", "{0} groups not copied: their room is already taken in that round.";
    ErrCopySame => "Kies een andere conferentie dan deze.", "Choose a conference other than this one.";
    ErrCopyNoGroups => "Die conferentie heeft geen groepen om over te nemen.", "That conference has no groups to copy.";
    EditGroup => "Groep bewerken", "Edit group";
    GroupSaved => "De groep is opgeslagen.", "The group has been saved.";
    GroupDeleted => "De groep is verwijderd.", "The group has been deleted.";
    GroupPlacedIn => "{0} deelnemers zijn in deze groep ingedeeld.", "{0} participants are placed in this group.";
    GroupPlacedInOne => "1 deelnemer is in deze groep ingedeeld.", "1 participant is placed in this group.";
    GroupHasPoints => "Deze groep kan niet weg: er zijn {0} actiepunten in vastgelegd.", "This group cannot go: {0} action points were captured in it.";
    GroupInUse => "Deze groep kan nog niet weg: {0} deelnemers zijn erin ingedeeld.", "This group cannot go yet: {0} participants are placed in it.";
    FieldRound => "Ronde", "Round";
    FieldInsight => "Inzicht", "Insight";
    FieldRoom => "Zaal", "Room";
    FieldGroupPlaces => "Plaatsen", "Places";
    FieldFacilitatorName => "Gespreksleider", "Facilitator";
    FieldFacilitatorEmail => "E-mail gespreksleider", "Facilitator's email";
    HintRoom => "Zoals op de deur of in de bewegwijzering staat, bijvoorbeeld Zaal 2.14.", "As on the door or the signs, for example Room 2.14.";
    HintFacilitatorEmail => "Mag leeg blijven tot je weet wie de groep leidt.", "May stay empty until you know who leads the group.";
    ErrRoomTaken => "In deze ronde zit al een groep in deze zaal.", "A group already meets in this room in this round.";
    ErrGroupHasPlaced => "Er zijn al {0} deelnemers in deze groep ingedeeld. Verplaats hen eerst, of maak een nieuwe groep.",
        "{0} participants are already placed in this group. Move them first, or create a new group.";
    ErrGroupBelowPlaced => "Er zijn al {0} deelnemers in deze groep ingedeeld: geef minstens zoveel plaatsen, of verplaats eerst deelnemers.",
        "{0} participants are already placed in this group: give at least as many places, or move participants first.";
    NobodyTouched => "Dit raakt geen keuzes van deelnemers.", "This touches no participant's choices.";
    DeleteQuestion => "{0} verwijderen?", "Delete {0}?";
    DeleteConfirm => "Ja, verwijderen", "Yes, delete";
    DeleteWhose => "Wie het raakt", "Whom it touches";
    MoveUp => "{0} omhoog", "Move {0} up";
    MoveDown => "{0} omlaag", "Move {0} down";

    // Fields
    FieldTitle => "Titel", "Title";
    FieldSlug => "Webadres", "Web address";
    FieldDescription => "Beschrijving", "Description";
    FieldVenueName => "Locatie", "Venue";
    FieldVenueAddress => "Adres", "Address";
    FieldStartsAt => "Begint op", "Starts";
    FieldEndsAt => "Eindigt op", "Ends";
    FieldCapacity => "Aantal plaatsen", "Number of places";
    FieldRegistrationOpens => "Aanmelden opent", "Registration opens";
    FieldRegistrationCloses => "Aanmelden sluit", "Registration closes";
    FieldContactEmail => "Contactadres (e-mail)", "Contact address (email)";
    FieldStatus => "Status", "Status";
    FieldKind => "Soort", "Kind";
    FieldInsightDescription => "Het verhaal achter het inzicht", "The story behind the insight";
    FieldQuestionProfessional => "Vraag 1 (als professional)", "Question 1 (as a professional)";
    FieldQuestionTogether => "Vraag 2 (samen)", "Question 2 (together)";
    FieldUnknown => "Veld", "Field";
    HintSlug => "Voor het adres /c/…: kleine letters, cijfers en streepjes. Leeg laten maakt er \
        een van de titel.",
        "For the address /c/…: lower-case letters, digits and hyphens. Leave empty to make one \
        from the title.";
    HintSlugEdit => "Let op: wie het oude adres heeft (mail, QR-code), komt dan niet meer op de pagina.",
        "Note: anyone with the old address (mail, QR code) will no longer reach the page.";
    HintDescription => "Een lege regel begint een nieuwe alinea.", "An empty line starts a new paragraph.";
    HintInsightDescription => "Wat vertelden moeders en professionals in de interviews?",
        "What did mothers and professionals say in the interviews?";
    HintDateTime => "Tijd in Nederland, bijvoorbeeld 2027-03-11 09:30.",
        "Time in the Netherlands, for example 2027-03-11 09:30.";
    HintOpens => "Leeg: aanmelden kan zodra de status open is.",
        "Empty: registration opens as soon as the status is open.";
    HintCloses => "Leeg: aanmelden kan tot de start.", "Empty: registration is possible until the start.";
    HintStatus => "Een concept is alleen voor organisatoren zichtbaar.", "A draft is only visible to organisers.";
    HintKind => "Groepen worden ingedeeld per breakoutronde.", "Groups are assigned per breakout round.";

    // Validation
    ErrRequired => "Vul dit veld in.", "Please fill in this field.";
    ErrTooLong => "Dit is te lang: maximaal {0} tekens.", "This is too long: at most {0} characters.";
    ErrEmail => "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.",
        "Enter a valid email address, such as name@organisation.nl.";
    ErrSlug => "Gebruik alleen kleine letters, cijfers en losse streepjes (bijvoorbeeld utrecht-2027).",
        "Use only lower-case letters, digits and single hyphens (for example utrecht-2027).";
    ErrSlugTaken => "Dit webadres is al in gebruik door een andere werkconferentie.",
        "This web address is already used by another working conference.";
    ErrDateTime => "Vul een geldige datum en tijd in, zoals 2027-03-11 09:30.",
        "Enter a valid date and time, such as 2027-03-11 09:30.";
    ErrDateTimeGap => "Dit tijdstip bestaat niet: de klok gaat dan een uur vooruit (zomertijd).",
        "This time does not exist: the clocks go forward an hour then (summer time).";
    ErrEndBeforeStart => "Het einde moet na het begin liggen.", "The end must be after the start.";
    ErrClosesAfterStart => "Aanmelden moet sluiten vóór de werkconferentie begint.",
        "Registration must close before the working conference starts.";
    ErrClosesBeforeOpens => "Aanmelden moet sluiten nadat het opent.", "Registration must close after it opens.";
    ErrOpensAfterStart => "Aanmelden moet openen vóór de werkconferentie begint.",
        "Registration must open before the working conference starts.";
    ErrOutsideConference => "Dit moet binnen de tijden van de werkconferentie vallen.",
        "This must fall within the times of the working conference.";
    ErrWholeNumber => "Vul een heel getal in.", "Enter a whole number.";
    ErrCapacityRange => "Vul een aantal van 1 tot en met {0} in.", "Enter a number from 1 to {0}.";
    ErrChoice => "Kies een van de mogelijkheden.", "Choose one of the options.";
    ErrPasswordShort => "Het wachtwoord moet minstens {0} tekens hebben.",
        "The password must have at least {0} characters.";

    // Error pages
    Err400Title => "Dit verzoek klopt niet", "This request is not valid";
    Err400Text => "Het formulier of adres bevat iets wat werkconf niet begrijpt. Ga terug en probeer het opnieuw.",
        "The form or address contains something werkconf does not understand. Go back and try again.";
    Err403Title => "Formulier verlopen", "Form expired";
    Err403Text => "Dit formulier is verlopen of niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
        "This form has expired or did not come from this site. Go back, reload the page and try again.";
    Err404Title => "Pagina niet gevonden", "Page not found";
    Err404Text => "Deze pagina bestaat niet (meer). Controleer het adres.",
        "This page does not exist (any more). Please check the address.";
    Err405Title => "Dit kan hier niet", "Not possible here";
    Err413Title => "Te veel tekst", "Too much text";
    Err413Text => "Het formulier bevat meer tekst dan werkconf aanneemt. Maak de tekst korter en probeer het opnieuw.",
        "The form contains more text than werkconf accepts. Shorten the text and try again.";
    Err429Title => "Even geduld", "Please wait";
    Err429Text => "Te veel pogingen kort na elkaar. Probeer het later opnieuw.",
        "Too many attempts in a short time. Please try again later.";
    Err500Title => "Er ging iets mis", "Something went wrong";
    Err500Text => "Er ging aan onze kant iets mis. Er is niets half opgeslagen; probeer het over een paar minuten opnieuw.",
        "Something went wrong on our side. Nothing was half saved; please try again in a few minutes.";
    Err503Title => "Tijdelijk niet beschikbaar", "Temporarily unavailable";

    // Registration
    RegConfirmed => "Bevestigd", "Confirmed";
    RegWaiting => "Wachtlijst", "Waiting list";
    RegCancelled => "Geannuleerd", "Cancelled";
    RegisterFor => "Aanmelden: {0}", "Register: {0}";
    RegisterButton => "Aanmelden", "Register";
    RegisterWaitingButton => "Aanmelden voor de wachtlijst", "Join the waiting list";
    FullNotice => "Deze werkconferentie is vol. Als je je nu aanmeldt, kom je op de wachtlijst. \
        Komt er een plaats vrij, dan krijg je die automatisch en hoor je het per e-mail.",
        "This working conference is full. If you register now, you join the waiting list. \
        When a place becomes free, it is yours automatically and you will hear by email.";
    BackToConference => "Terug naar de werkconferentie", "Back to the working conference";
    ChooseOne => "Kies…", "Choose…";
    NoPreference => "Geen voorkeur", "No preference";
    FieldName => "Naam", "Name";
    FieldOrganisation => "Organisatie", "Organisation";
    FieldDiscipline => "Beroep of rol", "Profession or role";
    FieldMunicipality => "Gemeente waar je werkt", "Municipality where you work";
    FieldPreference1 => "Eerste keus", "First choice";
    FieldPreference2 => "Tweede keus", "Second choice";
    FieldPreference3 => "Derde keus", "Third choice";
    FieldRounds => "Rondes waarbij je bent", "Rounds you attend";
    FieldDiet => "Dieetwensen", "Dietary needs";
    FieldAccessibility => "Toegankelijkheid of andere wensen", "Accessibility or other needs";
    FieldConsent => "Toestemming", "Consent";
    HintRegistrationEmail => "Hierheen sturen we je bevestiging, agenda-uitnodiging en een link om je aanmelding te wijzigen.",
        "We send your confirmation, calendar invite and a link to change your registration here.";
    HintMunicipality => "Kies de gemeente waar je vooral werkt.", "Choose the municipality where you mostly work.";
    PreferencesLegend => "Aan welk inzicht werk je het liefst?", "Which insight would you most like to work on?";
    HintPreferences => "Kies tot drie inzichten, je favoriet eerst. We delen iedereen zo goed mogelijk in \
        en mengen beroepen en organisaties aan elke tafel.",
        "Choose up to three insights, your favourite first. We assign everyone as well as we can \
        and mix professions and organisations at every table.";
    ReadAboutInsights => "Lees meer over de inzichten.", "Read more about the insights.";
    NeedsLegend => "Wensen (niet verplicht)", "Needs (optional)";
    ConsentText => "Ik geef toestemming om mijn gegevens te gebruiken voor deze werkconferentie, zoals beschreven in de",
        "I consent to my details being used for this working conference, as described in the";
    PrivacyStatement => "privacyverklaring", "privacy statement";
    DefaultPrivacyStatement => "Je gegevens (naam, e-mailadres, organisatie, beroep, gemeente, voorkeuren en wensen) \
        gebruiken we alleen om deze werkconferentie te organiseren: je aanmelding, de indeling in groepen, \
        berichten over de werkconferentie en de opvolging van actiepunten en pilots.\n\n\
        We delen je gegevens niet met anderen buiten de organisatie. Deelnemers van je groep zien je naam, \
        organisatie en beroep. We bewaren je gegevens tot een jaar na de werkconferentie.\n\n\
        Je kunt je gegevens altijd inzien, wijzigen of je aanmelding annuleren via de link in je bevestiging. \
        Vragen? Mail naar {0}.",
        "We use your details (name, email address, organisation, profession, municipality, preferences and needs) \
        only to organise this working conference: your registration, the assignment to groups, messages \
        about the conference and the follow-up of action points and pilots.\n\n\
        We do not share your details with anyone outside the organisation. Members of your group see your \
        name, organisation and profession. We keep your details until one year after the conference.\n\n\
        You can view or change your details, or cancel your registration, at any time through the link in \
        your confirmation. Questions? Write to {0}.";
    ErrConsent => "Geef toestemming om je aan te melden.", "Please give your consent to register.";
    ErrPreferenceTwice => "Dit inzicht heb je al gekozen.", "You have chosen this insight already.";
    ErrNoRound => "Kies minstens één ronde.", "Choose at least one round.";
    ThanksTitle => "Bedankt voor je aanmelding", "Thank you for registering";
    ThanksText => "Kijk in je mail: we hebben je een bevestiging gestuurd (of je plaats op de wachtlijst), \
        met een link om je aanmelding te bekijken, te wijzigen of te annuleren.",
        "Please check your mail: we have sent you a confirmation (or your place on the waiting list), \
        with a link to view, change or cancel your registration.";
    ThanksNoMail => "Geen mail gekregen? Kijk ook in je spam, of mail naar",
        "No mail? Please check your spam folder too, or write to";
    YourRegistration => "Je aanmelding", "Your registration";
    WaitingPosition => "plaats {0} op de wachtlijst", "number {0} on the waiting list";
    DownloadIcs => "Zet in je agenda (.ics)", "Add to your calendar (.ics)";
    CancelledText => "Je aanmelding is geannuleerd.", "Your registration has been cancelled.";
    RegisterAgain => "Opnieuw aanmelden", "Register again";
    ChangeRegistration => "Gegevens en voorkeuren wijzigen", "Change details and preferences";
    SaveChanges => "Wijzigingen opslaan", "Save changes";
    ChangesClosed => "Wijzigen kan niet meer via deze pagina. Neem contact op met", "Changes are no longer possible on this page. Please contact";
    CancelRegistration => "Aanmelding annuleren", "Cancel registration";
    CancelQuestion => "Weet je zeker dat je je aanmelding voor {0} wilt annuleren? Je plaats gaat dan naar de eerste op de wachtlijst.",
        "Are you sure you want to cancel your registration for {0}? Your place then goes to the first person on the waiting list.";
    CancelConfirm => "Ja, annuleer mijn aanmelding", "Yes, cancel my registration";
    CancelKeep => "Nee, ik blijf aangemeld", "No, keep my registration";
    RegistrationChanged => "Je wijzigingen zijn opgeslagen.", "Your changes have been saved.";
    RegistrationCancelled => "Je aanmelding is geannuleerd. Je krijgt een bevestiging per e-mail.",
        "Your registration has been cancelled. You will receive a confirmation by email.";
    UnknownLinkTitle => "Deze link werkt niet (meer)", "This link does not work (any more)";
    UnknownLinkText => "We kunnen geen aanmelding bij deze link vinden. Controleer of je de hele link uit je e-mail hebt gebruikt, \
        of neem contact op met de organisatie van de werkconferentie.",
        "We cannot find a registration for this link. Check that you used the whole link from your email, \
        or contact the organisers of the working conference.";

    // Participant list
    Participants => "Deelnemers", "Participants";
    All => "Alle", "All";
    PerDiscipline => "Aantal per beroep", "Number per profession";
    Number => "Aantal", "Number";
    AddParticipant => "Deelnemer toevoegen", "Add participant";
    AddParticipantHint => "Dezelfde regels als bij aanmelden: is de werkconferentie vol, dan komt de deelnemer op de wachtlijst. \
        De deelnemer krijgt dezelfde e-mail als bij een eigen aanmelding.",
        "The same rules as for registering: when the conference is full, the participant joins the waiting list. \
        The participant gets the same email as when registering themselves.";
    ExportCsv => "Exporteer naar Excel (CSV)", "Export to Excel (CSV)";
    Filter => "Filteren", "Filter";
    ClearFilter => "Filter wissen", "Clear filter";
    Search => "Zoek op naam, e-mail of organisatie", "Search by name, email or organisation";
    InsightPreference => "Voorkeur voor inzicht", "Preference for insight";
    ShowingCount => "{0} van {1} aanmeldingen getoond.", "Showing {0} of {1} registrations.";
    CancelAction => "Annuleer", "Cancel";
    ParticipantAdded => "De deelnemer is toegevoegd.", "The participant has been added.";
    ParticipantExists => "Dit e-mailadres was al aangemeld; er is niets veranderd.", "This email address was already registered; nothing changed.";
    ParticipantCancelled => "De aanmelding is geannuleerd.", "The registration has been cancelled.";
    WaitingListPlace => "Plaats wachtlijst", "Waiting list place";
    RegisteredAt => "Aangemeld op", "Registered at";
    ManageParticipants => "Deelnemers beheren", "Manage participants";

    // Mail
    DefaultConfirmationText => "Beste {{naam}},\n\nBedankt voor je aanmelding voor {{conferentie}} op {{datum}}. \
        Je aanmelding is {{status}}.\n\nIn de werkconferentie werk je in kleine groepen aan één inzicht uit de \
        gesprekken met (aanstaande) moeders. Vooraf hoor je in welke groep je zit.",
        "Dear {{naam}},\n\nThank you for registering for {{conferentie}} on {{datum}}. Your registration is \
        {{status}}.\n\nAt the working conference you work in small groups on one insight from the interviews \
        with (expecting) mothers. You will hear beforehand which group you are in.";
    MailStatusWaiting => "op de wachtlijst (plaats {0})", "on the waiting list (number {0})";
    MailYourStatus => "Je aanmelding", "Your registration";
    MailManageLink => "Bekijk, wijzig of annuleer je aanmelding", "View, change or cancel your registration";
    MailClosing => "Vragen? Beantwoord deze e-mail, dan komt je vraag bij de organisatie.\n\nMet vriendelijke groet,\nde organisatie",
        "Questions? Reply to this email and it reaches the organisers.\n\nKind regards,\nthe organisers";
    MailSubjectConfirmed => "Bevestiging: {0}", "Confirmation: {0}";
    MailSubjectWaiting => "Wachtlijst: {0}", "Waiting list: {0}";
    MailSubjectLinkAgain => "Je aanmelding voor {0}", "Your registration for {0}";
    MailLinkAgain => "Beste {0},\n\nJe bent al aangemeld voor deze werkconferentie; er is niets veranderd. \
        Met de link hieronder bekijk, wijzig of annuleer je je aanmelding.",
        "Dear {0},\n\nYou are already registered for this working conference; nothing has changed. \
        Use the link below to view, change or cancel your registration.";
    MailSubjectPromoted => "Er is een plaats voor je: {0}", "A place for you: {0}";
    MailPromoted => "Beste {0},\n\nGoed nieuws: er is een plaats vrijgekomen en die is voor jou. Je aanmelding is nu bevestigd. \
        De agenda-uitnodiging zit bij deze e-mail.",
        "Dear {0},\n\nGood news: a place has become free and it is yours. Your registration is now confirmed. \
        The calendar invite is attached to this email.";
    MailSubjectCancelled => "Annulering: {0}", "Cancellation: {0}";
    MailCancelled => "Beste {0},\n\nJe aanmelding is geannuleerd. Jammer dat je er niet bij bent. \
        Wil je toch komen? Meld je dan opnieuw aan via de pagina van de werkconferentie.",
        "Dear {0},\n\nYour registration has been cancelled. We are sorry you cannot come. \
        Changed your mind? Register again on the page of the working conference.";
    MailSubjectChanged => "Gewijzigd: {0}", "Changed: {0}";
    MailChanged => "Beste {0},\n\nDe tijd of de locatie van de werkconferentie is gewijzigd. Hieronder staan de nieuwe gegevens; \
        de bijgewerkte agenda-uitnodiging zit bij deze e-mail.",
        "Dear {0},\n\nThe time or venue of the working conference has changed. The new details are below; \
        the updated calendar invite is attached to this email.";
    PlaceholderName => "naam van de deelnemer", "participant's name";
    PlaceholderConference => "titel van de werkconferentie", "title of the working conference";
    PlaceholderDate => "datum en tijd", "date and time";
    PlaceholderVenue => "locatie en adres", "venue and address";
    PlaceholderStatus => "bevestigd, of plaats op de wachtlijst", "confirmed, or place on the waiting list";
    PlaceholderManageLink => "persoonlijke link om te wijzigen of annuleren", "personal link to change or cancel";
    ErrPlaceholderUnknown => "Onbekende plaatshouder {0}. Gebruik alleen de plaatshouders uit de lijst.",
        "Unknown placeholder {0}. Use only the placeholders from the list.";
    ErrPlaceholderOpen => "Een plaatshouder is niet afgesloten met }}.", "A placeholder is not closed with }}.";

    // Texts
    TextsTitle => "Teksten en e-mail", "Texts and email";
    TextsSaved => "De teksten zijn opgeslagen.", "The texts have been saved.";
    FieldPrivacyStatement => "Privacyverklaring", "Privacy statement";
    HintPrivacyStatement => "Leeg: werkconf toont een standaardverklaring met het contactadres.",
        "Empty: werkconf shows a standard statement with the contact address.";
    ConfirmationMail => "Bevestigingsmail", "Confirmation email";
    HintConfirmationText => "Deze tekst staat bovenaan de bevestiging. Daaronder volgen altijd de gegevens van de \
        aanmelding en de persoonlijke link. Leeg: de standaardtekst. Je kunt deze plaatshouders gebruiken:",
        "This text opens the confirmation. Below it always follow the registration details and the personal \
        link. Empty: the standard text. You can use these placeholders:";
    FieldConfirmationText => "Tekst (Nederlands)", "Text (Dutch)";
    FieldConfirmationTextEn => "Tekst (Engels, voor wie in het Engels aanmeldt)", "Text (English, for those who register in English)";
    Preview => "Voorbeeld bekijken", "Preview";
    Subject => "Onderwerp", "Subject";

    Calendar => "Agenda", "Calendar";
    CalendarFeed => "Zet in je agenda (.ics)", "Add to your calendar (.ics)";

    // Messages and outbox
    MessageTitle => "Bericht aan deelnemers", "Message to participants";
    MessageBody => "Bericht", "Message";
    Recipients => "Ontvangers", "Recipients";
    RecipientsActive => "Bevestigd en wachtlijst", "Confirmed and waiting list";
    RecipientCount => "{0} ontvangers met dit filter (na bekijken bijgewerkt).", "{0} recipients with this filter (updated on preview).";
    PlaceholdersSummary => "Plaatshouders die je kunt gebruiken", "Placeholders you can use";
    SendToCount => "Verstuur naar {0} ontvangers", "Send to {0} recipients";
    PreviewFor => "Zo ziet het bericht eruit voor {0}:", "This is how the message looks for {0}:";
    ErrNoRecipients => "Er zijn geen ontvangers met dit filter.", "There are no recipients with this filter.";
    ProgressTitle => "Bericht wordt verstuurd", "Message being sent";
    ProgressText => "{0} van {1} verstuurd; {2} in de wachtrij; {3} mislukt.", "{0} of {1} sent; {2} queued; {3} failed.";
    Refresh => "Vernieuwen", "Refresh";
    OutboxTitle => "Verzonden e-mail", "Sent email";
    OutboxEmpty => "Er is nog geen e-mail voor deze werkconferentie.", "There is no email for this working conference yet.";
    Recipient => "Ontvanger", "Recipient";
    MailQueued => "In de wachtrij", "Queued";
    MailSending => "Wordt verstuurd", "Sending";
    MailSent => "Verstuurd", "Sent";
    MailRetrying => "Opnieuw proberen", "Retrying";
    MailFailed => "Mislukt", "Failed";
    Attempts => "{0} pogingen", "{0} attempts";
    RetryAction => "Opnieuw versturen:", "Send again:";
    MailRetried => "Het bericht staat weer in de wachtrij.", "The message is queued again.";

    ChangeRefused => "Je wijziging is niet opgeslagen: wijzigen kan niet meer via deze pagina.",
        "Your change was not saved: changes are no longer possible on this page.";
    CancelRefused => "Annuleren kan niet meer via deze pagina: de werkconferentie is begonnen.",
        "Cancelling is no longer possible on this page: the working conference has started.";

    FormExpired => "Je gegevens zijn nog niet verstuurd: de pagina stond te lang open. Controleer ze en klik nogmaals.",
        "Your details have not been sent yet: the page was open for too long. Please check them and submit again.";

    OrganiserCancelQuestion => "De aanmelding van {0} ({1}) annuleren? Deze deelnemer krijgt daarover een e-mail, en de plaats gaat naar de eerste op de wachtlijst.",
        "Cancel the registration of {0} ({1})? This participant gets an email about it, and the place goes to the first person on the waiting list.";

    Pages => "Pagina's", "Pages";
    PageOf => "Pagina {0} van {1}.", "Page {0} of {1}.";
    PreviousPage => "Vorige pagina", "Previous page";
    NextPage => "Volgende pagina", "Next page";
    FormChanged => "Het formulier is intussen gewijzigd: controleer je keuzes en verstuur het opnieuw.", "The form changed in the meantime: check your choices and send it again.";

    // Capture of action points
    ErrPointEmpty => "Schrijf het actiepunt op.", "Write down the action point.";
    PointsNone => "Nog geen actiepunten.", "No action points yet.";
    FieldPointText => "Nieuw actiepunt", "New action point";
    FieldPointTextEdit => "Actiepunt", "Action point";
    FieldTakerName => "Wie pakt het op?", "Who takes it up?";
    FieldTakerOrganisation => "Organisatie van wie het oppakt", "Organisation of who takes it up";
    FieldWithWhom => "Met wie?", "With whom?";
    FieldFirstStep => "Eerste stap of datum", "First step or date";
    FieldPointPlace => "Bij welke groep en vraag", "For which group and question";
    PointMore => "Wie pakt het op, met wie, eerste stap (mag leeg blijven)",
        "Who takes it up, with whom, first step (may stay empty)";
    AddPoint => "Actiepunt toevoegen", "Add action point";
    PointAdded => "Actiepunt opgeslagen.", "Action point saved.";
    PointChanged => "Actiepunt gewijzigd.", "Action point changed.";
    PointDeleted => "Actiepunt verwijderd.", "Action point deleted.";
    PointByParticipant => "door een deelnemer", "by a participant";
    PointByOrganiser => "door de organisatie", "by the organisers";
    PointTaker => "Wie: {0}", "Who: {0}";
    PointWithWhom => "Met: {0}", "With: {0}";
    PointFirstStep => "Eerste stap: {0}", "First step: {0}";
    EditPointTitle => "Actiepunt bewerken", "Edit action point";
    DeletePointTitle => "Actiepunt verwijderen", "Delete action point";
    DeletePointQuestion => "Dit actiepunt van de groep over ‘{0}’ verwijderen? Het verdwijnt ook van de wall.",
        "Delete this action point of the group on ‘{0}’? It also disappears from the wall.";
    CaptureLocked => "De organisatie heeft het vastleggen van actiepunten gesloten. Je kunt ze nog lezen.",
        "The organisers have closed the capture of action points. You can still read them.";
    CaptureLockedAt => "Vastleggen van actiepunten gesloten sinds {0}.", "Capture of action points closed since {0}.";
    CaptureOpen => "Gespreksleiders kunnen actiepunten vastleggen.", "Facilitators can capture action points.";
    CaptureLock => "Vastleggen sluiten", "Close capture";
    CaptureUnlock => "Vastleggen weer openen", "Open capture again";
    CaptureLockedDone => "Vastleggen gesloten: actiepunten kunnen niet meer worden toegevoegd of gewijzigd.",
        "Capture closed: action points can no longer be added or changed.";
    CaptureOpenedDone => "Vastleggen weer geopend.", "Capture opened again.";
    ActionPointsTitle => "Actiepunten", "Action points";
    WallTitle => "Wall", "Wall";
    TableTitle => "Actiepunten van jullie groep", "Your group's action points";
    TableIntro => "Leg hier de actiepunten van jullie groep vast. De gespreksleider ziet ze meteen en kan ze aanpassen.",
        "Capture your group's action points here. The facilitator sees them at once and can change them.";
    TableCards => "Tafelkaarten afdrukken", "Print table cards";
    TableCardsTitle => "Tafelkaarten", "Table cards";
    TableCardLink => "Leg jullie actiepunten vast op je telefoon:", "Capture your action points on your phone:";
    Pinned => "Vastgezet", "Pinned";
    HiddenPoint => "Verborgen op de wall", "Hidden on the wall";
    MarkHide => "Verbergen", "Hide";
    MarkShow => "Tonen", "Show";
    MarkPin => "Vastzetten", "Pin";
    MarkUnpin => "Losmaken", "Unpin";
    WallOnlyPinned => "Wall met alleen vastgezette punten", "Wall with pinned points only";
    PointsIntro => "Alle actiepunten per inzicht en vraag. Verberg een punt voor de wall, of zet het vast: vastgezette punten staan bovenaan.",
        "All action points by insight and question. Hide a point from the wall, or pin it: pinned points come first.";
    PointGroup => "Groep: {0}, {1}", "Group: {0}, {1}";
    WallOpen => "Wall openen", "Open the wall";
    WallLink => "Link voor het scherm in de zaal (toont alleen de actiepunten):", "Link for the screen in the room (shows only the action points):";
    PointsCaptured => "{0} actiepunten vastgelegd.", "{0} action points captured.";
    PointsWaiting => "Wacht op verbinding: {0} nog niet verstuurd", "Waiting for a connection: {0} not sent yet";
    PointPending => "wacht op verzending", "waiting to be sent";
    PointsWaitingHint => "Deze blijven op dit apparaat bewaard en gaan vanzelf mee zodra er weer verbinding is.",
        "These are kept on this device and are sent as soon as there is a connection again.";

    // Dot voting, merging and the harvest
    ErrVoteDots => "Kies een aantal stippen van 1 tot en met {0}.", "Choose a number of dots from 1 to {0}.";
    ErrVotePerPoint => "Kies 1 tot en met {0}: niet meer dan het aantal stippen.", "Choose 1 to {0}: no more than the number of dots.";
    ErrBallotNumber => "Vul bij elk punt een heel aantal stippen in (0 of meer).", "Enter a whole number of dots (0 or more) for each point.";
    ErrBallotPoint => "Een punt waarop je stemde doet niet (meer) mee. Bekijk de lijst en stem opnieuw.", "A point you voted for no longer takes part. Look at the list and vote again.";
    ErrBallotPerPoint => "Je mag hoogstens {0} stip(pen) op één punt zetten.", "You may put at most {0} dot(s) on one point.";
    ErrBallotTooMany => "Je hebt maar {0} stippen. Haal er een paar weg en stem opnieuw.", "You only have {0} dots. Take some away and vote again.";
    ErrBallotStale => "Je stemmen zijn intussen gewijzigd, in een ander venster of op een ander apparaat. Hieronder staan ze zoals ze nu zijn; pas ze aan en stem opnieuw.", "Your votes were changed meanwhile, in another window or on another device. Below they are as they are now; adjust them and vote again.";
    ErrVoteClosed => "De stemming is gesloten; je stemmen kunnen niet meer veranderen.", "The vote is closed; your votes can no longer change.";
    ErrVoteNotOpen => "De stemming is nog niet geopend.", "The vote has not been opened yet.";
    ErrVoteNotConfirmed => "Alleen deelnemers met een bevestigde plaats kunnen stemmen.", "Only participants with a confirmed place can vote.";
    ErrVoteCode => "Deze code klopt niet of is verlopen. Vraag een nieuwe code aan.", "This code is wrong or has expired. Ask for a new code.";
    ErrVoteCodeFormat => "Vul de 6 cijfers uit de mail in.", "Enter the 6 digits from the email.";
    ErrMergeSelf => "Kies een ander punt om mee samen te voegen.", "Choose another point to merge with.";
    ErrMergeDuringVote => "Tijdens de stemming kun je niet samenvoegen: de stippen staan op de punten zoals ze zijn. Voeg samen vóór of na de stemming.", "You cannot merge during the vote: the dots are on the points as they are. Merge before or after the vote.";
    VoteTitle => "Stemmen", "Vote";
    VoteIntro => "Kies samen waar we mee beginnen. Je hebt {0} stippen.", "Choose together what we start with. You have {0} dots.";
    VotePerPointHint => "Hoogstens {0} per punt.", "At most {0} per point.";
    VoteLeft => "Nog {0} stippen over.", "{0} dots left.";
    VoteSave => "Stemmen opslaan", "Save my votes";
    VoteSaved => "Je stemmen zijn opgeslagen. Je kunt ze veranderen tot de stemming sluit.", "Your votes are saved. You can change them until the vote closes.";
    VoteNotOpenYet => "De stemming is nog niet geopend. Kom terug als de organisatie de stemming opent in de plenaire zaal.", "The vote has not been opened yet. Come back when the organisers open it in the plenary.";
    VoteClosedText => "De stemming is gesloten. Dit is de uitslag.", "The vote is closed. These are the results.";
    VoteYourDots => "Jouw stippen op dit punt", "Your dots on this point";
    VoteOpenAction => "Stemming openen", "Open the vote";
    VoteCloseAction => "Stemming sluiten", "Close the vote";
    VoteReopenAction => "Stemming heropenen", "Reopen the vote";
    VoteOpened => "De stemming is geopend.", "The vote is open.";
    VoteClosedDone => "De stemming is gesloten; de uitslag is bewaard bij de punten.", "The vote is closed; the results are kept with the points.";
    VoteDotsLabel => "Stippen per deelnemer", "Dots per participant";
    VotePerPointLabel => "Hoogstens per punt", "At most per point";
    VoteHideLabel => "Uitslag pas tonen na het sluiten", "Show the results only after closing";
    VoteStateOpen => "De stemming is open: {0} deelnemers hebben gestemd.", "The vote is open: {0} participants have voted.";
    VoteStateClosed => "De stemming is gesloten: {0} deelnemers hebben gestemd.", "The vote is closed: {0} participants voted.";
    VoteStateNone => "Er is nog niet gestemd.", "There has been no vote yet.";
    VoteJoin => "Stem mee: scan de code of ga naar", "Vote: scan the code or go to";
    VoteRanking => "Ranglijst", "Ranking";
    VoteResultsHidden => "De uitslag verschijnt als de stemming sluit.", "The results appear when the vote closes.";
    VoteDotsCount => "{0} stippen", "{0} dots";
    VoteCloseConfirm => "Stemming sluiten? Daarna kan niemand zijn stippen nog veranderen; de uitslag wordt bewaard bij de punten.", "Close the vote? After that nobody can change their dots; the results are kept with the points.";
    DomainMedical => "medisch", "medical";
    DomainSocial => "sociaal", "social";
    DomainParents => "ouders en ervaringsdeskundigen", "parents and experts by experience";
    DomainOthers => "overig", "others";
    VoteDomainsCarried => "gedragen door {0} van de 4 domeinen", "carried by {0} of 4 domains";
    VoteByCodeTitle => "Stemmen met je e-mailadres", "Vote with your email address";
    VoteByCodeIntro => "Vul het e-mailadres in waarmee je je hebt aangemeld. Je krijgt een mail met een code van 6 cijfers.", "Enter the email address you registered with. You will get an email with a 6-digit code.";
    VoteByCodeSend => "Stuur mij een code", "Send me a code";
    VoteByCodeSent => "Als dit adres bij een bevestigde aanmelding hoort, is er nu een mail met een code onderweg. Vul de code hieronder in.", "If this address belongs to a confirmed registration, an email with a code is on its way. Enter the code below.";
    VoteCodeLabel => "Code uit de mail", "Code from the email";
    VoteCodeGo => "Naar mijn stembiljet", "Go to my ballot";
    VoteLinkOnOwnPage => "Stemmen", "Vote";
    MailSubjectVoteCode => "Je stemcode voor {0}", "Your voting code for {0}";
    MailVoteCode => "Beste {0},\n\nJe code om te stemmen is: {1}\n\nDe code is 30 minuten geldig. Je kunt ook direct naar je eigen stembiljet met de link hieronder.", "Dear {0},\n\nYour code to vote is: {1}\n\nThe code is valid for 30 minutes. You can also go straight to your own ballot with the link below.";
    MailVoteLink => "Naar je stembiljet", "Go to your ballot";
    StatusNew => "nieuw", "new";
    StatusPilot => "wordt pilot", "becomes a pilot";
    StatusParked => "geparkeerd", "parked";
    StatusLabel => "Status", "Status";
    StatusSet => "Status zetten", "Set status";
    MergeAction => "Samenvoegen", "Merge";
    MergeTitle => "Actiepunt samenvoegen", "Merge an action point";
    MergeIntro => "Kies het punt dat blijft staan. Het punt hieronder wordt er onderdeel van: de tekst van het gekozen punt blijft, dit punt en zijn groep worden als bron bewaard. Stippen gaan mee. Je kunt het later weer apart zetten.", "Choose the point that stays. The point below becomes part of it: the chosen point's text stays, this point and its group are kept as a source. Dots go along. You can split it off again later.";
    MergeInto => "Samenvoegen met", "Merge with";
    MergeDone => "Samengevoegd.", "Merged.";
    MergeSources => "Samengevoegd uit:", "Merged from:";
    MergeSplit => "Weer apart zetten", "Split off";
    MergeSplitDone => "Losgemaakt: het punt staat weer op zichzelf.", "Split off: the point stands on its own again.";
    FilterInsight => "Inzicht", "Insight";
    FilterQuestion => "Vraag", "Question";
    FilterRound => "Ronde", "Round";
    FilterGroup => "Groep", "Group";
    FilterAll => "alle", "all";
    FilterApply => "Filteren", "Filter";
    FilterShown => "{0} punten getoond.", "{0} points shown.";
    HarvestCsv => "CSV downloaden", "Download CSV";
    HarvestReport => "Opbrengst afdrukken", "Print the harvest";
    HarvestTitle => "Opbrengst werkconferentie", "Harvest of the working conference";
    HarvestTop => "Meeste stippen", "Most dots";
    HarvestCounts => "{0} actiepunten, {1}", "{0} action points, {1}";
    ChartPointsTitle => "Actiepunten per inzicht en vraag", "Action points by insight and question";
    ChartVoteTitle => "Uitslag van de stemming", "Results of the vote";
    QuestionProfessionalShort => "als professional", "as a professional";
    QuestionTogetherShort => "samen", "together";

    // Pilots
    PilotIdea => "idee", "idea";
    PilotPreparing => "in voorbereiding", "in preparation";
    PilotRunning => "lopend", "running";
    PilotEvaluating => "evalueren", "evaluating";
    PilotFinished => "afgerond", "finished";
    PilotStopped => "gestopt", "stopped";
    PilotScaledUp => "opgeschaald", "scaled up";
    ErrPilotMove => "Deze stap kan niet vanuit de huidige status. Kies een van de mogelijke stappen.", "This step is not possible from the current status. Choose one of the possible steps.";
    ErrPilotDate => "Vul een datum in, zoals 11-03-2027.", "Enter a date, such as 11-03-2027.";
    ErrEvaluationPast => "Deze datum ligt in het verleden. Kies vandaag of later.", "This date is in the past. Choose today or later.";
    ErrEvaluationHappened => "Schrijf op wat er gebeurde.", "Write down what happened.";
    ErrEvaluationLearned => "Schrijf op wat jullie leerden, ook als het experiment mislukte.", "Write down what you learned, also if the experiment failed.";
    ErrEvaluationDecision => "Kies wat jullie nu doen.", "Choose what you do now.";
    ErrEvaluationNext => "Kies de datum van de volgende evaluatie.", "Choose the date of the next evaluation.";
    ErrUpdateEmpty => "Schrijf op wat jullie deden.", "Write down what you did.";
    DecisionContinue => "doorgaan", "continue";
    DecisionAdjust => "bijsturen", "adjust";
    DecisionStop => "stoppen", "stop";
    DecisionScaleUp => "opschalen", "scale up";
    MailSubjectPilotOwner => "Jouw pilot: {0}", "Your pilot: {0}";
    MailPilotOwner => "Beste {0},\n\nJij bent eigenaar van de pilot \u{201c}{1}\u{201d}. Ga aan de slag, evalueer steeds hoe het gaat en stuur bij waar nodig. Met de link hieronder schrijf je op wat jullie deden en wat jullie leerden; je krijgt een herinnering voor elke evaluatie.", "Dear {0},\n\nYou own the pilot \u{201c}{1}\u{201d}. Get going, keep evaluating how it goes and adjust where needed. With the link below you write down what you did and what you learned; you get a reminder before every evaluation.";
    MailPilotLink => "Naar jouw pilot", "Go to your pilot";
    ErrPointTaken => "Een van de gekozen actiepunten hoort al bij een pilot.", "One of the chosen action points already belongs to a pilot.";
    ErrPilotEnded => "Deze pilot is afgelopen; een evaluatie kan niet meer.", "This pilot has ended; an evaluation is no longer possible.";
    PilotMadeFrom => "Pilot gemaakt van {0} actiepunt(en).", "Pilot made from {0} action point(s).";
    PilotEvaluationMove => "Evaluatie: {0}", "Evaluation: {0}";
    PilotsTitle => "Pilots", "Pilots";
    PilotNew => "Nieuwe pilot", "New pilot";
    PilotNone => "Nog geen pilots. Maak er een van een actiepunt (bij de actiepunten van een conferentie) of begin hier.", "No pilots yet. Make one from an action point (with a conference's action points) or start here.";
    PilotOverdue => "Evaluatie te laat", "Evaluation overdue";
    PilotNextEvaluation => "Volgende evaluatie: {0}", "Next evaluation: {0}";
    PilotPointsTitle => "Waar deze pilot uit voortkomt", "Where this pilot comes from";
    PilotFrom => "Werkconferentie: {0}", "Working conference: {0}";
    PilotMoveTitle => "Status veranderen", "Change the status";
    PilotTimeline => "Tijdlijn", "Timeline";
    PilotNoteAdd => "Notitie toevoegen", "Add a note";
    PilotMake => "Pilot maken", "Make a pilot";
    PilotBecame => "Werd pilot: {0}", "Became a pilot: {0}";
    PilotSaved => "Pilot opgeslagen. De eigenaar krijgt een mail met de link om voortgang bij te houden.", "Pilot saved. The owner gets an email with the link to keep track of progress.";
    PilotMoved => "Status veranderd.", "Status changed.";
    FieldPilotTitle => "Titel", "Title";
    FieldAim => "Doel", "Aim";
    HintAim => "Wat moet er anders zijn voor ouders en kind?", "What should be different for parents and child?";
    FieldOwnerName => "Eigenaar", "Owner";
    FieldOwnerEmail => "E-mailadres van de eigenaar", "Owner's email address";
    HintOwnerEmail => "De eigenaar krijgt hier een persoonlijke link om voortgang en evaluaties bij te houden.", "The owner gets a personal link here to keep track of progress and evaluations.";
    FieldOwnerOrganisation => "Organisatie van de eigenaar", "Owner's organisation";
    FieldPartners => "Partnerorganisaties", "Partner organisations";
    FieldActionLine => "Actielijn", "Action line";
    FieldNeighbourhood => "Wijk", "Neighbourhood";
    FieldStartsOn => "Startdatum", "Start date";
    FieldNextEvaluation => "Volgende evaluatie", "Next evaluation";
    FieldShowOwner => "De eigenaar vindt het goed dat de naam op het openbare overzicht staat", "The owner agrees to their name on the public overview";
    FieldMoveTo => "Nieuwe status", "New status";
    FieldReason => "Waarom?", "Why?";
    FieldUpdateKind => "Wat leg je vast?", "What are you recording?";
    FieldDid => "Wat deden jullie?", "What did you do?";
    FieldExpected => "Wat verwachtten jullie?", "What did you expect?";
    FieldHappened => "Wat gebeurde er?", "What happened?";
    FieldLearned => "Wat leerden jullie?", "What did you learn?";
    FieldDecision => "Wat doen jullie nu?", "What do you do now?";
    FieldNote => "Notitie", "Note";
    UpdateTitle => "Voortgang of evaluatie vastleggen", "Record progress or an evaluation";
    UpdateProgress => "Voortgang", "Progress";
    UpdateEvaluation => "Evaluatie", "Evaluation";
    UpdateNote => "Notitie van de organisatie", "Note from the organisers";
    UpdateSaved => "Opgeslagen in de tijdlijn.", "Saved in the timeline.";
    LearningCounts => "Bij een evaluatie: ook een experiment dat mislukte levert een les op. Schrijf die op; daar leren de anderen van.", "At an evaluation: an experiment that failed still teaches something. Write it down; the others learn from it.";
    TimelineMove => "Status: {0} → {1}", "Status: {0} → {1}";
    MailSubjectPilotReminder => "Evaluatie van je pilot \u{201c}{0}\u{201d} op {1}", "Evaluation of your pilot \u{201c}{0}\u{201d} on {1}";
    MailPilotReminder => "Beste {0},\n\nOp {2} is de evaluatie van de pilot \u{201c}{1}\u{201d}. In de bijlage staat een uitnodiging voor je agenda. Bespreek met je partners: wat verwachtten jullie, wat gebeurde er, wat leerden jullie, en wat doen jullie nu (doorgaan, bijsturen, stoppen of opschalen)? Leg het daarna vast met de link hieronder; ook een experiment dat mislukte levert een les op.", "Dear {0},\n\nOn {2} the pilot \u{201c}{1}\u{201d} is evaluated. An invitation for your calendar is attached. Discuss with your partners: what did you expect, what happened, what did you learn, and what do you do now (continue, adjust, stop or scale up)? Then record it with the link below; an experiment that failed still teaches something.";
    MailSubjectPilotSummary => "Pilots deze week: {0} evaluatie(s) te laat", "Pilots this week: {0} evaluation(s) overdue";
    MailPilotSummary => "Beste {0},\n\nDit is het weekoverzicht van de pilots.", "Dear {0},\n\nThis is the weekly overview of the pilots.";
    MailPilotSummaryOverdue => "Evaluatie te laat:", "Evaluation overdue:";
    MailPilotSummaryComing => "Evaluatie deze week:", "Evaluation this week:";
    PilotEvaluationEvent => "Evaluatie pilot: {0}", "Evaluation of the pilot: {0}";
    PilotReport => "Voortgangsrapport afdrukken", "Print the progress report";
    PilotPublicOpen => "Openbaar overzicht bekijken", "View the public overview";
    PilotPublicTitle => "Samen leren: openbaar overzicht", "Learning together: public overview";
    PilotPublicIntro => "Publiceer een overzicht van de pilots dat iedereen kan lezen, zodat andere lokale coalities ervan leren. Het toont geen e-mailadressen, en namen van eigenaren alleen als zij dat goedvonden.", "Publish an overview of the pilots anyone can read, so that other local coalitions learn from them. It shows no email addresses, and owners' names only where they agreed.";
    PilotPublish => "Overzicht publiceren", "Publish the overview";
    PilotUnpublish => "Overzicht niet meer publiceren", "Stop publishing the overview";
    PilotPublished => "Het overzicht is gepubliceerd op /samen-leren.", "The overview is published at /samen-leren.";
    PilotUnpublished => "Het overzicht is niet meer openbaar.", "The overview is no longer public.";
    FilterConference => "Werkconferentie", "Working conference";
    FilterSearch => "Zoeken", "Search";
    PilotsShown => "{0} pilots getoond.", "{0} pilots shown.";
    PilotCharts => "In cijfers", "In figures";
    ChartPilotsPerLine => "Pilots per actielijn en status", "Pilots per action line and status";
    ChartPilotsRunning => "Lopende pilots per maand", "Running pilots per month";
    ChartEvaluations => "Evaluaties: op tijd, te laat gedaan, nu te laat", "Evaluations: on time, done late, overdue now";
    PilotEvalOnTime => "Op tijd geëvalueerd", "Evaluated on time";
    PilotEvalLate => "Te laat geëvalueerd", "Evaluated late";
    PilotSheet => "Pilotblad afdrukken", "Print the pilot sheet";
    PilotReportTitle => "Voortgang van de pilots", "Progress of the pilots";
    PilotReportIntro => "Per actielijn: wat loopt, wat is geëvalueerd, wat is geleerd en bijgestuurd.", "Per action line: what runs, what was evaluated, what was learned and adjusted.";
    PilotNoLine => "Zonder actielijn", "Without an action line";
    PilotLastLearning => "Laatst geleerd ({0}):", "Last learned ({0}):";
    PilotFeedbackTitle => "Terugkoppeling op een werkconferentie", "Report back at a working conference";
    PilotFeedbackIntro => "Zet de pilot op het programma van een latere werkconferentie: de eigenaar krijgt een uitnodiging, en de deelnemers zien het verhaal van de pilot.", "Put the pilot on the programme of a later working conference: the owner gets an invitation, and the participants see the pilot's story.";
    PilotFeedbackAdd => "Op het programma zetten", "Put on the programme";
    PilotFeedbackDone => "De pilot staat op het programma; de eigenaar is uitgenodigd.", "The pilot is on the programme; the owner is invited.";
    PilotFeedbackAt => "Koppelt terug op: {0}", "Reports back at: {0}";
    PilotsAtConference => "Pilots die terugkoppelen", "Pilots reporting back";
    MailSubjectPilotFeedback => "Vertel over je pilot op {0}", "Tell about your pilot at {0}";
    MailPilotFeedback => "Beste {0},\n\nDe pilot \u{201c}{1}\u{201d} staat op het programma van {2}. We nodigen je uit om te vertellen wat jullie deden en leerden. Meld je aan via de link hieronder.", "Dear {0},\n\nThe pilot \u{201c}{1}\u{201d} is on the programme of {2}. We invite you to tell what you did and learned. Register with the link below.";
    MailPilotFeedbackLink => "Naar de werkconferentie", "Go to the working conference";
    PublicPilotsIntro => "Pilots uit de werkconferenties Kansrijke Start: wat ze willen bereiken, hoe ver ze zijn en wat ze leerden.", "Pilots from the Kansrijke Start working conferences: what they aim for, how far they are and what they learned.";
}
