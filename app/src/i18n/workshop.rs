//! The texts of joining a workshop and of the results wall, in German and English: a table of
//! their own, read only by those pages (in a lazily loaded chunk).

use super::{I18n, Lang};

macro_rules! texts {
    ($($field:ident: $de:literal, $en:literal;)*) => {
        pub struct WorkshopTexts { $(pub $field: &'static str,)* }
        static DE: WorkshopTexts = WorkshopTexts { $($field: $de,)* };
        static EN: WorkshopTexts = WorkshopTexts { $($field: $en,)* };
    };
}

texts! {
    join_title: "Bei einer Veranstaltung mitmachen", "Join a workshop";
    join_intro: "Geben Sie den Code ein, der in der Veranstaltung gezeigt wird (auf der Ergebniswand oder dem Aushang).", "Enter the code shown at the workshop (on the results wall or the poster).";
    join_code: "Beitrittscode (6 Zeichen)", "Join code (6 characters)";
    join_submit: "Mitmachen", "Join";
    joined: "Sie nehmen an „{t}“ teil.", "You are taking part in “{t}”.";
    joined_detail: "{p}, {w}. Was Sie jetzt einreichen oder bewerten, zählt für diese Veranstaltung – auch wenn das WLAN kurz weg ist.", "{p}, {w}. What you submit or vote now counts for this workshop – even if the Wi-Fi drops for a while.";
    open_now: "Während der Veranstaltung offen:", "Open during the workshop:";
    go_idea: "Idee einreichen", "Submit an idea";
    go_dots: "Punkte verteilen", "Place your dots";
    open_supports: "Ideen unterstützen (auf den Seiten der Ideen)", "Supporting ideas (on the ideas' pages)";
    open_comments: "Ideen kommentieren (auf den Seiten der Ideen)", "Commenting on ideas (on the ideas' pages)";
    open_nothing: "Diese Veranstaltung nimmt gerade nichts entgegen.", "This workshop takes no contributions right now.";
    dots_closed_here: "Bei dieser Veranstaltung nicht geöffnet.", "Not open at this workshop.";
    go_start: "Zu den Handlungsfeldern", "To the fields of action";
    leave: "Veranstaltung verlassen", "Leave the workshop";
    left: "Sie haben die Veranstaltung verlassen. Ihre Beiträge zählen jetzt wieder als Website-Beiträge.", "You left the workshop. Your contributions now count as website contributions again.";
    over: "Die Veranstaltung „{t}“ ist vorbei. Sie können weiter über die Website mitmachen.", "The workshop “{t}” is over. You can keep taking part through the website.";
    unknown: "Zu diesem Code gibt es keine Veranstaltung. Bitte prüfen Sie den Code.", "There is no workshop with this code. Please check the code.";
    offline: "Keine Verbindung zum Server. Zum Beitreten braucht es einmal eine Verbindung.", "No connection to the server. Joining needs a connection once.";
    banner_label: "Veranstaltung", "Workshop";
    wall_label: "Ergebniswand", "Results wall";
    wall_ranking: "Handlungsfelder nach Punkten", "Fields of action by dots";
    wall_points: "{n} Punkte", "{n} dots";
    wall_ideas: "Neueste Ideen", "Newest ideas";
    wall_no_ideas: "Noch keine veröffentlichten Ideen.", "No published ideas yet.";
    wall_here: "hier dabei", "taking part here";
    wall_total: "insgesamt dabei", "taking part in total";
    wall_join: "Mitmachen mit dem Handy", "Join with your phone";
    wall_qr_alt: "QR-Code zum Mitmachen", "QR code to join";
    wall_reconnecting: "Verbindung wird wiederhergestellt …", "Reconnecting …";
    wall_loading: "Die Ergebniswand lädt …", "The results wall is loading …";
}

/// The texts in the current language (reactive).
pub fn wt(i18n: I18n) -> &'static WorkshopTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
