//! The reader under hostile conditions in a real terminal (tmux): a storm of random resizes down
//! to 1x1, two instances saving the position of one file at once, and a data directory that is
//! missing, not a directory, or read-only. The terminal is restored each time (alternate screen
//! left, cursor shown, the shell usable) and no failure to save is fatal. Then the terminal's
//! end: a killed tmux server (the terminal gone) leaves no reader behind and the position is
//! saved; the end of input alone (no SIGHUP) ends it with the status of SIGHUP; SIGTERM ends a
//! reader whose terminal is gone or takes no more output; an idle reader never wakes up.
//! Needs tmux.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly by design

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support;

use support::{Tmux, bitext_arg as bin, ends_within, is_running, seed_path as seed, wakeups};

/// A tmux server for the test `name` at 120x30, or `None` (the test skips) without tmux.
fn start(name: &str, data: Option<&Path>) -> Option<Tmux> {
    if !Tmux::available() {
        eprintln!("skipped: tmux is not installed");
        return None;
    }
    Some(Tmux::start(&format!("hostile-{name}"), 120, 30, data))
}

/// Quits the reader in `target` and checks the terminal is back (see [`check_shell`]).
fn quit_and_check_shell(t: &Tmux, target: &str, tag: &str) -> Vec<String> {
    t.keys_in(target, &["q"]);
    check_shell(t, target, tag)
}

/// After the reader in `target` was told to quit: the terminal is back: the alternate screen
/// left, the cursor shown, and the shell running what is typed.
fn check_shell(t: &Tmux, target: &str, tag: &str) -> Vec<String> {
    t.wait_for_format_in(target, "#{alternate_on}", "0");
    assert_eq!(t.format_in(target, "#{cursor_flag}"), "1", "cursor hidden");
    t.type_line_in(target, &format!("echo status-$? {tag} | tr a-z A-Z"));
    let want = format!("STATUS-0 {}", tag.to_uppercase());
    t.wait_for_in(target, "the shell", |s| s.iter().any(|l| l.contains(&want)))
}

fn open_seed(t: &Tmux, target: &str) {
    t.type_line_in(target, &format!("'{}' '{}'", bin(), seed().display()));
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
    let Some(t) = start("storm", None) else {
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
            t.keys_in("t", &["}"]);
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
    quit_and_check_shell(&t, "t", "storm");
}

#[test]
fn two_instances_on_one_file_leave_one_whole_state() {
    let Some(t) = start("two", None) else {
        return;
    };
    t.run(&["new-window", "-t", "t:1", "sh"]);
    let (a, b) = ("t:0", "t:1");
    t.wait_for_in(b, "the second shell", |s| {
        s.iter().any(|l| matches!(l.trim(), "$" | "#"))
    });
    open_seed(&t, a);
    open_seed(&t, b);
    t.keys_in(a, &["}", "}", "}"]);
    t.keys_in(b, &["}", "}", "}", "}", "}", "}"]);
    t.wait_for_in(a, "pair 4", |s| s.iter().any(|l| l.contains("pair 4/18")));
    t.wait_for_in(b, "pair 7", |s| s.iter().any(|l| l.contains("pair 7/18")));
    // Both quit at once.
    t.keys_in(a, &["q"]);
    t.keys_in(b, &["q"]);
    check_shell(&t, a, "first");
    check_shell(&t, b, "second");
    let dir = t.data_dir().join("bitext").join("positions");
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
    let Some(t) = start("missing", Some(&data)) else {
        return;
    };
    open_seed(&t, "t");
    t.keys_in("t", &["}"]);
    t.wait_for("pair 2", |s| s.iter().any(|l| l.contains("pair 2/18")));
    quit_and_check_shell(&t, "t", "missing");
    let positions = data.join("bitext").join("positions");
    assert_eq!(std::fs::read_dir(positions).unwrap().count(), 1);
}

#[test]
fn a_data_directory_that_cannot_be_written_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data directory should be: neither root nor anyone can create in it.
    let data = dir.path().join("data");
    std::fs::write(&data, "not a directory").unwrap();
    let Some(t) = start("unwritable", Some(&data)) else {
        return;
    };
    open_seed(&t, "t");
    // The problem is in the status bar from the start...
    t.wait_for("the warning in the status bar", |s| {
        s.iter().any(|l| l.contains("reading position"))
    });
    t.keys_in("t", &["}"]);
    t.wait_for("pair 2", |s| s.iter().any(|l| l.contains("pair 2/18")));
    // ... and on standard error after the terminal is restored; the exit status is 0.
    let screen = quit_and_check_shell(&t, "t", "unwritable");
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
    let Some(t) = start("readonly", Some(&data)) else {
        return;
    };
    t.type_line_in("t", &format!("{prefix}'{}' '{}'", bin(), seed().display()));
    t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
    let screen = quit_and_check_shell(&t, "t", "readonly");
    let text = screen.join("\n");
    assert!(text.contains("bitext: warning: reading position"), "{text}");
    assert_eq!(std::fs::read_dir(data.join("bitext")).unwrap().count(), 0);
}

/// The pair saved for the seed, waiting up to 3 s for the file.
fn saved_pair(t: &Tmux) -> Option<u64> {
    let dir = t.data_dir().join("bitext").join("positions");
    let start = std::time::Instant::now();
    loop {
        let state = std::fs::read_dir(&dir)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| std::fs::read(e.ok()?.path()).ok())
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if let Some(s) = state {
            return s["pair"].as_u64();
        }
        if start.elapsed() > Duration::from_secs(3) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Ends a reader a test could not end (so no failed run leaves one behind), then fails.
fn fail_and_kill(pid: u32, what: &str) -> ! {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
    panic!("{what}; /proc/{pid}/stat: {stat}");
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    // A process that has already ended (on the hangup of its terminal, say) cannot be signalled.
    assert!(ok.success() || !is_running(pid), "kill -{sig} {pid} failed");
}

/// The children of process `pid`.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Moves the reader in the pane to pair 3.
fn to_pair_3(t: &Tmux) {
    t.keys(&["}", "}"]);
    t.wait_for("pair 3", |s| s.iter().any(|l| l.contains("pair 3/18")));
}

#[test]
fn killing_the_terminal_ends_the_reader_and_saves_its_position() {
    let Some(t) = start("killed", None) else {
        return;
    };
    open_seed(&t, "t");
    to_pair_3(&t);
    let pid = t.reader_pid();
    t.run(&["kill-server"]);
    if !ends_within(pid, Duration::from_secs(3)) {
        fail_and_kill(pid, "the reader outlived its terminal by 3 s");
    }
    assert_eq!(saved_pair(&t), Some(2), "the position is saved");
}

/// The reader in a session of its own (`setsid`): when the terminal goes, no SIGHUP is sent to
/// it; it only reads the end of its input. It must end, as SIGHUP would end it (status 129).
#[test]
fn the_end_of_input_alone_ends_the_reader_as_sighup_would() {
    let Some(t) = start("eof", None) else {
        return;
    };
    let status = t.home().join("status");
    t.type_line(&format!(
        "setsid -w sh -c \"'{}' '{}'; echo \\$? > '{}'\"",
        bin(),
        seed().display(),
        status.display()
    ));
    t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/18")));
    to_pair_3(&t);
    // shell → setsid → sh → the reader.
    let mut pid = t.reader_pid();
    while let Some(child) = children(pid).first() {
        pid = *child;
    }
    t.run(&["kill-server"]);
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&status).map_or(true, |s| s.trim().is_empty()) {
        if start.elapsed() > Duration::from_secs(3) {
            fail_and_kill(
                pid,
                "the reader did not end within 3 s of the end of its input",
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "129");
    assert_eq!(saved_pair(&t), Some(2), "the position is saved");
}

#[test]
fn sigterm_ends_a_reader_whose_terminal_is_gone() {
    let Some(t) = start("gone", None) else {
        return;
    };
    open_seed(&t, "t");
    let pid = t.reader_pid();
    t.run(&["kill-server"]);
    signal(pid, "TERM");
    if !ends_within(pid, Duration::from_secs(3)) {
        fail_and_kill(pid, "SIGTERM did not end a reader whose terminal is gone");
    }
}

/// The terminal stops reading (its program, the tmux server, is stopped) and its output queue
/// is full: every write of the reader blocks. SIGTERM still ends it, and the position is saved.
#[test]
fn sigterm_ends_a_reader_whose_terminal_takes_no_more_output() {
    let Some(t) = start("stuck", None) else {
        return;
    };
    open_seed(&t, "t");
    to_pair_3(&t);
    let pid = t.reader_pid();
    let tty = t.format("#{pane_tty}");
    let server = t.format("#{pid}");
    let stop = |sig: &str| {
        let _ = Command::new("kill").args([sig, &server]).status();
    };
    stop("-STOP");
    // Fill the terminal's output queue: this writer blocks once it is full.
    let mut filler = Command::new("sh")
        .args(["-c", &format!("exec cat /dev/zero > '{tty}'")])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    signal(pid, "TERM");
    let ended = ends_within(pid, Duration::from_secs(3));
    let _ = filler.kill();
    let _ = filler.wait();
    stop("-CONT");
    if !ended {
        fail_and_kill(
            pid,
            "SIGTERM did not end a reader stuck writing to its terminal",
        );
    }
    assert_eq!(saved_pair(&t), Some(2), "the position is saved");
}

/// Once its background work is done, a reader waiting for a key does not wake up at all: no
/// thread of the process is scheduled in three seconds.
#[test]
fn an_idle_reader_does_not_wake_up() {
    let Some(t) = start("idle", None) else {
        return;
    };
    open_seed(&t, "t");
    let pid = t.reader_pid();
    // The background work (entities of 18 pairs) is long done after a second.
    std::thread::sleep(Duration::from_millis(1500));
    let before = wakeups(pid);
    std::thread::sleep(Duration::from_secs(3));
    let after = wakeups(pid);
    assert!(is_running(pid));
    if after.saturating_sub(before) > 2 {
        fail_and_kill(
            pid,
            &format!("the idle reader woke up {} times in 3 s", after - before),
        );
    }
    quit_and_check_shell(&t, "t", "idle");
}

/// A long document keeps the background thread busy (alignment, then entities) for seconds;
/// the reader still ends with its terminal: the background work never keeps it alive.
#[test]
fn background_work_does_not_keep_a_reader_alive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let (ar, en): (Vec<String>, Vec<String>) = (0..40_000)
        .map(|i| {
            (
                format!("زار وفد من بغداد مدينة البصرة في اليوم {i} وناقش مشاريع المياه."),
                format!("A delegation from Baghdad visited Basra on day {i} and discussed water."),
            )
        })
        .unzip();
    std::fs::write(&path, format!("{}\n\n{}\n", ar.join("\n"), en.join("\n"))).unwrap();
    let Some(t) = start("busy", None) else {
        return;
    };
    t.type_line(&format!("'{}' '{}'", bin(), path.display()));
    t.wait_for("the reader", |s| s.iter().any(|l| l.contains("pair 1/")));
    let pid = t.reader_pid();
    let threads = std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .count();
    // The main thread, the signal watcher and the background work.
    assert!(
        threads >= 3,
        "the background work is still running: {threads} threads"
    );
    t.run(&["kill-server"]);
    if !ends_within(pid, Duration::from_secs(3)) {
        fail_and_kill(
            pid,
            &format!("a reader with {threads} threads outlived its terminal by 3 s"),
        );
    }
}
