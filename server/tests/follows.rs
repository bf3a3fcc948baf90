//! Following projects, fields of action and ideas (issue 13) against a real server: an
//! idempotent, private sync mutation, refused for what does not exist (any more); merging an
//! idea carries its project link and its followers over.

mod common;

use common::projects::*;
use common::staff::decide;
use common::Participant;
use serde_json::json;
use werkstadt_domain::projects::ProjectRecord;
use werkstadt_domain::sync::{Change, FollowTarget, Outcome};
use werkstadt_domain::ProjectId;

#[tokio::test]
async fn merging_an_idea_carries_its_project_link_and_its_followers_over() {
    let (app, admin, themes) = setup().await;
    let author = Participant::new();
    let dup = idea(&app, &author, &themes[0], "WLAN in Bussen").await;
    let keep = idea(&app, &author, &themes[0], "Freies WLAN im ÖPNV").await;
    let p = create_project(&app, &admin, themes[0].id, &[dup]).await;
    let (x, y) = (Participant::new(), Participant::new());
    assert_eq!(
        push(&app, &x, &[follow(json!({"idea": dup}), true)]).await,
        [Outcome::Applied]
    );
    let both = [
        follow(json!({"idea": dup}), true),
        follow(json!({"idea": keep}), true),
    ];
    assert_eq!(
        push(&app, &y, &both).await,
        [Outcome::Applied, Outcome::Applied]
    );

    let merge = decide(&dup.to_string(), json!({"merge": {"into": keep}}));
    assert_eq!(admin.decide(&app, vec![merge]).await, [Outcome::Applied]);

    let shown: ProjectRecord = app.get_json(&format!("/api/projects/{}", p.id)).await;
    assert_eq!(
        shown.source_ideas,
        [keep],
        "the link went to the idea it was merged into"
    );
    for who in [&x, &y] {
        let r = replica(&app, who).await;
        assert_eq!(
            r.follows,
            [FollowTarget::Idea(keep)],
            "each follows the merged idea once"
        );
        assert_eq!(r.idea(keep).and_then(|i| i.project_id), Some(p.id));
        assert!(r.follows_project(p.id), "and through it, the project");
    }
    // y's follow of the kept idea stays one follow: unfollowing once ends it.
    assert_eq!(
        push(&app, &y, &[follow(json!({"idea": keep}), false)]).await,
        [Outcome::Applied]
    );
    assert!(replica(&app, &y).await.follows.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn following_is_idempotent_private_and_refused_for_what_does_not_exist() {
    let (app, admin, themes) = setup().await;
    let citizen = Participant::new();
    let other = Participant::new();
    let i = idea(&app, &other, &themes[1], "Tablets für Schulen").await;
    let p = create_project(&app, &admin, themes[1].id, &[]).await;
    let on = follow(json!({"project": p.id}), true);
    let off = follow(json!({"project": p.id}), false);
    let theme = follow(json!({"theme": themes[1].id}), true);
    let first = push(
        &app,
        &citizen,
        &[on.clone(), off.clone(), on.clone(), theme.clone()],
    )
    .await;
    assert_eq!(first[0], Outcome::Applied);
    assert_eq!(first[1], Outcome::Applied);
    assert_eq!(
        first[2],
        Outcome::Duplicate,
        "the same mutation twice has one effect"
    );
    // Replayed in another order (an answer got lost): nothing changes, the last state stands.
    let again = push(&app, &citizen, &[theme, off, on]).await;
    assert!(again.iter().all(|o| *o == Outcome::Duplicate), "{again:?}");
    let r = replica(&app, &citizen).await;
    assert_eq!(r.follows, [FollowTarget::Theme(themes[1].id)]);
    assert!(!r.follows_project(p.id));
    // A new follow, then the state is the last one applied.
    assert_eq!(
        push(&app, &citizen, &[follow(json!({"project": p.id}), true)]).await,
        [Outcome::Applied]
    );
    let mut r = replica(&app, &citizen).await;
    r.follows.sort();
    let mut want = vec![
        FollowTarget::Project(p.id),
        FollowTarget::Theme(themes[1].id),
    ];
    want.sort();
    assert_eq!(r.follows, want);
    // Only the follower sees their follows (the other sees only the follow of their own idea).
    let others = pull(&app, &other).await;
    let follows: Vec<_> = others
        .iter()
        .filter_map(|c| match c {
            Change::MyFollow { target, .. } => Some(*target),
            _ => None,
        })
        .collect();
    assert_eq!(follows, [FollowTarget::Idea(i)], "{others:?}");
    // Unknown targets, and an idea hidden meanwhile, are refused with a stable code.
    let unknown = [
        follow(json!({"project": ProjectId(uuid::Uuid::now_v7())}), true),
        follow(json!({"theme": uuid::Uuid::now_v7()}), true),
        follow(json!({"idea": uuid::Uuid::now_v7()}), true),
    ];
    let out = push(&app, &citizen, &unknown).await;
    assert!(
        out.iter().all(|o| code(o) == Some("unknown_target")),
        "{out:?}"
    );
    let (queued_offline, followed) = (
        follow(json!({"idea": i}), true),
        follow(json!({"idea": i}), true),
    );
    let fan = Participant::new();
    assert_eq!(push(&app, &fan, &[followed]).await, [Outcome::Applied]);
    let hide = decide(&i.to_string(), json!({"hide": {"reason": "Doppelt"}}));
    assert_eq!(admin.decide(&app, vec![hide]).await, [Outcome::Applied]);
    let out = push(&app, &citizen, &[queued_offline]).await;
    assert_eq!(code(&out[0]), Some("unknown_target"));
    assert!(!replica(&app, &citizen)
        .await
        .follows
        .contains(&FollowTarget::Idea(i)));
    // Who followed it before can still stop following it.
    let stop = follow(json!({"idea": i}), false);
    assert_eq!(push(&app, &fan, &[stop]).await, [Outcome::Applied]);
    assert!(replica(&app, &fan).await.follows.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn an_author_follows_their_own_idea_from_the_start_and_may_stop() {
    let (app, _admin, themes) = setup().await;
    let author = Participant::new();
    let title = "Sensoren für freie Parkplätze";
    let i = idea(&app, &author, &themes[0], title).await;
    assert_eq!(
        replica(&app, &author).await.follows,
        [FollowTarget::Idea(i)],
        "the author follows the new idea (its answer, its project)"
    );
    assert!(
        replica(&app, &Participant::new()).await.follows.is_empty(),
        "nobody else does"
    );
    let stop = follow(json!({"idea": i}), false);
    assert_eq!(push(&app, &author, &[stop]).await, [Outcome::Applied]);
    // The same idea sent again (a retry) does not follow it again.
    let again = common::new_idea(i.0, &themes[0], title, "Ein Text.");
    assert!(author
        .post(&app, "/api/ideas", &again)
        .await
        .status()
        .is_success());
    assert!(replica(&app, &author).await.follows.is_empty());
    app.stop().await;
}
