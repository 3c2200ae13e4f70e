//! The reader under hostile conditions in a real terminal (tmux): a storm of random resizes down
//! to 1x1, two instances saving the position of one file at once, and a data directory that is
//! missing, not a directory, or read-only. The terminal is restored each time (alternate screen
//! left, cursor shown, the shell usable) and no failure to save is fatal. Needs tmux.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
    home: tempfile::TempDir,
    data: PathBuf,
}

impl Tmux {
    fn start(name: &str, data: Option<&Path>) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let home = tempfile::tempdir().unwrap();
        let conf = home.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g default-terminal xterm-256color\n",
        )
        .unwrap();
        let data = data.map_or_else(|| home.path().join("data"), Path::to_path_buf);
        let socket = format!("bitext-hostile-{}-{name}", std::process::id());
        let t = Tmux { socket, home, data };
        let out = t
            .cmd()
            .arg("-f")
            .arg(&conf)
            .args([
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "120",
                "-y",
                "30",
                "sh",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.wait_for("the shell prompt", |s| {
            s.iter().any(|l| matches!(l.trim(), "$" | "#"))
        });
        Some(t)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        let home = self.home.path();
        c.args(["-L", &self.socket])
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", &self.data)
            .env_remove("BITEXT_CONFIG")
            .env_remove("NO_COLOR")
            .env("PS1", "$ ");
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn keys(&self, target: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", target];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn type_line(&self, target: &str, line: &str) {
        self.run(&["send-keys", "-t", target, "-l", line]);
        self.keys(target, &["Enter"]);
    }

    fn capture_of(&self, target: &str) -> Vec<String> {
        self.run(&["capture-pane", "-p", "-t", target])
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn format(&self, target: &str, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", target, f])
            .trim()
            .to_string()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.wait_for_in("t", what, ok)
    }

    fn wait_for_in(&self, target: &str, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = Instant::now();
        loop {
            let screen = self.capture_of(target);
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}; screen:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Quits the reader in `target` and checks the terminal is back: the alternate screen left,
    /// the cursor shown, and the shell running what is typed.
    fn quit_and_check_shell(&self, target: &str, tag: &str) -> Vec<String> {
        self.keys(target, &["q"]);
        self.check_shell(target, tag)
    }

    /// After the reader in `target` was told to quit: the terminal is back.
    fn check_shell(&self, target: &str, tag: &str) -> Vec<String> {
        let start = Instant::now();
        while self.format(target, "#{alternate_on}") != "0" {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "alternate screen not left"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(self.format(target, "#{cursor_flag}"), "1", "cursor hidden");
        self.type_line(target, &format!("echo status-$? {tag} | tr a-z A-Z"));
        let want = format!("STATUS-0 {}", tag.to_uppercase());
        self.wait_for_in(target, "the shell", |s| s.iter().any(|l| l.contains(&want)))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

fn bin() -> String {
    env!("CARGO_BIN_EXE_bitext").to_string()
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/000_18ef8cb601dfb36a.txt")
        .canonicalize()
        .unwrap()
}

fn open_seed(t: &Tmux, target: &str) {
    t.type_line(target, &format!("'{}' '{}'", bin(), seed().display()));
    t.wait_for_in(target, "the reader", |s| {
        s.iter().any(|l| l.contains("pair 1/18"))
    });
}

/// A small xorshift: the storm is random but the same on every run.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn a_storm_of_resizes_down_to_1x1_then_a_clean_exit() {
    let Some(t) = Tmux::start("storm", None) else {
        return;
    };
    open_seed(&t, "t");
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for i in 0..60 {
        let (w, h) = if i % 10 == 0 {
            (1, 1)
        } else {
            (1 + xorshift(&mut rng) % 200, 1 + xorshift(&mut rng) % 60)
        };
        t.run(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        if i % 7 == 0 {
            t.keys("t", &["}"]);
        }
    }
    t.run(&["resize-window", "-t", "t", "-x", "1", "-y", "1"]);
    std::thread::sleep(Duration::from_millis(300));
    t.run(&["resize-window", "-t", "t", "-x", "120", "-y", "30"]);
    // Still alive, and drawn for the final size: the status bar is back on the second-last row.
    let screen = t.wait_for("a redraw at 120x30", |s| {
        s.len() == 30 && s.iter().any(|l| l.contains("/18"))
    });
    assert!(!screen.join("\n").contains("panicked"));
    t.quit_and_check_shell("t", "storm");
}

#[test]
fn two_instances_on_one_file_leave_one_whole_state() {
    let Some(t) = Tmux::start("two", None) else {
        return;
    };
    t.run(&["new-window", "-t", "t:1", "sh"]);
    let (a, b) = ("t:0", "t:1");
    t.wait_for_in(b, "the second shell", |s| {
        s.iter().any(|l| matches!(l.trim(), "$" | "#"))
    });
    open_seed(&t, a);
    open_seed(&t, b);
    t.keys(a, &["}", "}", "}"]);
    t.keys(b, &["}", "}", "}", "}", "}", "}"]);
    t.wait_for_in(a, "pair 4", |s| s.iter().any(|l| l.contains("pair 4/18")));
    t.wait_for_in(b, "pair 7", |s| s.iter().any(|l| l.contains("pair 7/18")));
    // Both quit at once.
    t.keys(a, &["q"]);
    t.keys(b, &["q"]);
    t.check_shell(a, "first");
    t.check_shell(b, "second");
    let dir = t.data.join("bitext").join("positions");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "one state file, no temporary left: {names:?}"
    );
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(&names[0])).unwrap()).unwrap();
    let pair = state["pair"].as_u64().unwrap();
    assert!(pair == 3 || pair == 6, "{state}");
    assert_eq!(state["key"], seed().display().to_string());
}

#[test]
fn a_missing_data_directory_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not").join("yet");
    let Some(t) = Tmux::start("missing", Some(&data)) else {
        return;
    };
    open_seed(&t, "t");
    t.keys("t", &["}"]);
    t.wait_for("pair 2", |s| s.iter().any(|l| l.contains("pair 2/18")));
    t.quit_and_check_shell("t", "missing");
    let positions = data.join("bitext").join("positions");
    assert_eq!(std::fs::read_dir(positions).unwrap().count(), 1);
}

#[test]
fn a_data_directory_that_cannot_be_written_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data directory should be: neither root nor anyone can create in it.
    let data = dir.path().join("data");
    std::fs::write(&data, "not a directory").unwrap();
    let Some(t) = Tmux::start("unwritable", Some(&data)) else {
        return;
    };
    open_seed(&t, "t");
    // The problem is in the status bar from the start...
    t.wait_for("the warning in the status bar", |s| {
        s.iter().any(|l| l.contains("reading position"))
    });
    t.keys("t", &["}"]);
    t.wait_for("pair 2", |s| s.iter().any(|l| l.contains("pair 2/18")));
    // ... and on standard error after the terminal is restored; the exit status is 0.
    let screen = t.quit_and_check_shell("t", "unwritable");
    let text = screen.join("\n");
    assert!(text.contains("bitext: warning: reading position"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "not a directory");
}

/// A read-only directory, for a user the permissions apply to: `nobody`, when the tests run as
/// root (`setpriv`), else the current user.
#[test]
fn a_read_only_data_directory_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("bitext")).unwrap();
    for p in [dir.path(), data.as_path(), data.join("bitext").as_path()] {
        let mut perms = std::fs::metadata(p).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(p, perms).unwrap();
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let prefix = if is_root {
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin())
            .arg("--version")
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!("skipped: cannot run the binary as nobody");
            return;
        }
        "setpriv --reuid=65534 --regid=65534 --clear-groups "
    } else {
        ""
    };
    let Some(t) = Tmux::start("readonly", Some(&data)) else {
        return;
    };
    t.type_line("t", &format!("{prefix}'{}' '{}'", bin(), seed().display()));
    t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
    let screen = t.quit_and_check_shell("t", "readonly");
    let text = screen.join("\n");
    assert!(text.contains("bitext: warning: reading position"), "{text}");
    assert_eq!(std::fs::read_dir(data.join("bitext")).unwrap().count(), 0);
}
