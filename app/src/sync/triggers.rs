//! When the app syncs by itself: when the device comes online, when the page becomes visible,
//! when the server announces a change that is not here yet, and every minute without any
//! exchange (in case a proxy buffers the event stream).

use super::Sync;
use crate::platform;
use leptos::prelude::*;

/// How often to look for news when nothing else happened.
const POLL_MS: i32 = 60_000;
const POLL_SECS: u32 = 60;

impl Sync {
    pub(super) fn listen(self) {
        platform::on_window_event("online", move || self.sync_now());
        platform::on_visible(move || self.sync_now());
        // The event says the feed's head: nothing to do when that is already here, or is the
        // echo of this device's own push (the pull after the push brings it). During a run the
        // head is only noted: the run pulls once more at its end if the head is still ahead
        // (the echo of a push usually arrives before the push's answer).
        platform::on_server_event("/api/sync/events", "changed", move |head| {
            let Ok(head) = head.parse::<u64>() else {
                // An event without a head (an older server): just sync.
                return self.sync_now();
            };
            self.heard_head
                .set_value(self.heard_head.get_value().max(head));
            let known = self.cursor.get_value().max(self.pushed_head.get_value());
            if head > known && !self.running.get_value() {
                self.sync_now();
            }
        });
        // Only after a minute without any exchange: right after one there is nothing new.
        platform::every(POLL_MS, move || {
            let now = (js_sys::Date::now() / 1000.0) as u32;
            if now.saturating_sub(self.last_sync.get_untracked()) >= POLL_SECS {
                self.sync_now();
            }
        });
    }
}
