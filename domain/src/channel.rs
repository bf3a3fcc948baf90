//! The channel a contribution came through: the results show participation per channel, so
//! the office sees whom a workshop or a kiosk reached that the website did not.

use serde::{Deserialize, Serialize};

/// How a participant took part (the apps say "Website", "Beteiligungscode", "Kiosk",
/// "Veranstaltung (Handy)").
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The citizen app on the participant's own device.
    #[default]
    Web,
    /// A participant who redeemed a printed participation code.
    Code,
    /// The shared touch kiosk at a workshop; every visitor is a participant of their own.
    Kiosk,
    /// A phone that joined a workshop by its QR or join code.
    Workshop,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Web,
        Channel::Code,
        Channel::Kiosk,
        Channel::Workshop,
    ];

    /// The wire and database name (`web`, `code`, `kiosk`, `workshop`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Code => "code",
            Channel::Kiosk => "kiosk",
            Channel::Workshop => "workshop",
        }
    }

    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
            let json = serde_json::to_string(&channel).expect("serialises");
            assert_eq!(json, format!("\"{}\"", channel.as_str()));
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
