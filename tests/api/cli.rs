//! The binary's first run: a signing secret appears (mode 0600), `recourse token` mints a token
//! the server accepts, and `recourse migrate` prepares the database.

use std::process::Command;

use recourse::{auth::Verifier, cli::Cli};

fn recourse(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recourse"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RECOURSE_JWT_SECRET")
        .env_remove("RECOURSE_JWT_SECRET_FILE")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[test]
fn first_run_creates_a_private_secret_and_mints_tokens_the_server_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = recourse(
        dir.path(),
        &[
            "token", "--sub", "alice", "--name", "Alice", "--role", "agent", "--team", "north",
            "--ttl", "1h",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "the token alone is printed");
    let secret_path = dir.path().join("recourse.jwt-secret");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret_path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    let secret = std::fs::read_to_string(&secret_path).unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(secret.trim()),
        "the secret is never printed"
    );

    // The server's own configuration, from the same defaults, verifies it.
    use clap::Parser;
    let cli = Cli::parse_from([
        "recourse",
        "--jwt-secret-file",
        secret_path.to_str().unwrap(),
    ]);
    let config = cli.settings.into_config().unwrap();
    let claims = Verifier::from_config(&config.jwt)
        .unwrap()
        .verify(token)
        .unwrap();
    assert_eq!(claims.sub, "alice");
    assert_eq!(claims.team.as_deref(), Some("north"));
    assert!(claims.exp - chrono::Utc::now().timestamp() <= 3600);

    let out = recourse(dir.path(), &["token", "--sub", "x", "--role", "wizard"]);
    assert!(!out.status.success());
}

#[test]
fn migrate_prepares_the_default_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = recourse(dir.path(), &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("recourse.db").exists());
    let again = recourse(dir.path(), &["migrate"]);
    assert!(again.status.success(), "migrations are idempotent");
    let sweep = recourse(dir.path(), &["sweep", "--once"]);
    assert!(
        sweep.status.success(),
        "{}",
        String::from_utf8_lossy(&sweep.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&sweep.stdout),
        "checked 0 timers: 0 warnings, 0 breaches, 0 missed targets, 0 lapsed windows\n"
    );
}

#[test]
fn seed_demo_fills_a_fresh_database_and_recurrence_once_reports_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let out = recourse(dir.path(), &["seed", "--complaints", "5"]);
    assert!(!out.status.success(), "seeding needs --demo");
    let out = recourse(
        dir.path(),
        &["seed", "--demo", "--complaints", "25", "--seed", "3"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("25 demo complaints ("), "{stdout}");
    let out = recourse(dir.path(), &["recurrence", "--once"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("rule hits"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn token_refuses_a_team_key_the_server_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    for team in ["North", "north east", "-north", ""] {
        let team_arg = format!("--team={team}");
        let out = recourse(
            dir.path(),
            &["token", "--sub", "alice", "--role", "agent", &team_arg],
        );
        assert!(!out.status.success(), "{team:?} was minted");
        assert!(out.stdout.is_empty(), "no token is printed for {team:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("is not a team key the server accepts"),
            "{team:?}: {stderr}"
        );
    }
}
