//! Helpers shared by the tests and benchmarks, one for each thing: which `bitext` binary to run
//! and how (away from the developer's own config), reading a pipe and closing it, the project's
//! text files, a tmux server of our own, processes; and in submodules the reader on a test
//! backend ([`reader`]), the invariants every input must keep ([`invariants`], shared with the
//! fuzz targets) and random text for the property tests ([`text`]).

#![allow(dead_code)] // each test or benchmark uses a part

pub mod invariants;
pub mod reader;
pub mod text;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::SystemTime;

/// The newest modification time among the sources the binary is built from.
fn newest_source() -> Option<SystemTime> {
    fn walk(dir: &Path, newest: &mut Option<SystemTime>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, newest);
            } else if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                *newest = (*newest).max(Some(t));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut newest = None;
    walk(&root.join("src"), &mut newest);
    walk(&root.join("assets"), &mut newest);
    for f in ["Cargo.toml", "Cargo.lock"] {
        if let Ok(t) = std::fs::metadata(root.join(f)).and_then(|m| m.modified()) {
            newest = newest.max(Some(t));
        }
    }
    newest
}

/// The binary under test: `$BITEXT_TEST_BINARY` when set (to check that a test fails on an
/// older build); else the release build, as a user runs it (CI builds it before the tests),
/// when it is newer than every source file; otherwise the test profile's build.
pub fn bitext_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("BITEXT_TEST_BINARY").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let test_build = PathBuf::from(env!("CARGO_BIN_EXE_bitext"));
    let release = test_build
        .parent()
        .and_then(Path::parent)
        .map(|target| target.join("release").join("bitext"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match release {
        Some(r) if modified(&r).is_some() && modified(&r) >= newest_source() => r,
        _ => test_build,
    }
}

/// The repository: fixtures are found from here.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article (the ground truth of the alignment), as a full path.
pub fn seed_path() -> PathBuf {
    root()
        .join("tests/fixtures/seed/000_18ef8cb601dfb36a.txt")
        .canonicalize()
        .expect("the seed article in tests/fixtures/seed")
}

/// A fixture of `tests/fixtures/formats` (one per input format).
pub fn format_fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/formats").join(name)
}

/// Writes `bytes` to the file `name` in the temporary folder `dir`; returns its path.
pub fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("a file in the temporary folder");
    p
}

/// The binary under test as a word of a shell command line (for tmux).
pub fn bitext_arg() -> String {
    bitext_binary().display().to_string()
}

/// The column a paragraph of a fixture goes in: right to left when it has more Arabic letters
/// than Latin ones.
pub fn column_of(text: &str) -> bitext::layout::Direction {
    use bitext::document::script::is_arabic_letter;
    let arabic = text.chars().filter(|&c| is_arabic_letter(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if arabic > latin {
        bitext::layout::Direction::Rtl
    } else {
        bitext::layout::Direction::Ltr
    }
}

/// The binary under test ([`bitext_binary`]) as a command kept away from the developer's own
/// config and saved positions: `HOME` and the XDG directories point into an empty directory
/// under the target directory, `BITEXT_CONFIG` is unset, and `NO_COLOR` is set (a test that
/// wants colour says `--color always`). Every test that runs the binary outside tmux starts here.
pub fn bitext() -> Command {
    let mut c = Command::new(bitext_binary());
    isolate(&mut c);
    c
}

/// Runs `c` to its end and gives its standard output; fails the test, showing its standard
/// error, when it does not succeed.
pub fn stdout_of(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Sets the environment of [`bitext`] on `c` (for a command that runs the binary through
/// another program, such as `setpriv`).
pub fn isolate(c: &mut Command) -> &mut Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bitext-home");
    std::fs::create_dir_all(&home).expect("a home under the target directory");
    c.env_remove("BITEXT_CONFIG")
        .env("NO_COLOR", "1")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
}

/// Reads the first `lines` lines of a child's standard output (a pipe), then closes our end, so
/// that the child meets a closed pipe if it writes more; waits for it. Returns the lines read
/// and the child's status and remaining output (its standard error, when piped).
pub fn head_then_close(mut child: Child, lines: usize) -> (Vec<String>, Output) {
    let mut stdout = child.stdout.take().expect("a piped standard output");
    let mut got = Vec::new();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    while got.len() < lines {
        let n = stdout.read(&mut chunk).expect("the pipe reads");
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        while let Some(i) = buf.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = buf.drain(..=i).collect();
            got.push(
                String::from_utf8_lossy(&line)
                    .trim_end_matches('\n')
                    .to_owned(),
            );
        }
    }
    drop(stdout);
    got.truncate(lines);
    (got, child.wait_with_output().expect("the child ends"))
}

/// The property tests' configuration: `cases` cases, or `PROPTEST_CASES` when it is set (to run
/// more, or fewer, by hand), and failing cases kept beside the source file
/// ([`regressions_beside_source`]).
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: regressions_beside_source(),
        ..proptest::test_runner::Config::default()
    }
}

/// Where a property test keeps the cases it failed on: `NAME.proptest-regressions` beside its
/// source file (proptest's default would gather the modules of a test binary in one folder,
/// where two `props.rs` would share a file). Every `proptest_config` sets it.
#[allow(clippy::unnecessary_wraps)] // the type of `ProptestConfig::failure_persistence`
pub fn regressions_beside_source() -> Option<Box<dyn proptest::test_runner::FailurePersistence>> {
    Some(Box::new(
        proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
    ))
}

/// The files under `dir` (recursively, sorted by path within each folder) whose extension is one
/// of `extensions`; nothing when `dir` cannot be read.
pub fn text_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, extensions, out);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, extensions, &mut out);
    out
}

/// A tmux server of our own (its own socket, `HOME` and XDG directories in a temporary folder),
/// with one session `t` running `sh`; killed when dropped. The end-to-end tests drive the real
/// binary in it: they type, send keys and read the pane.
pub struct Tmux {
    socket: String,
    home: tempfile::TempDir,
    data: PathBuf,
}

/// How long a wait for the screen may take before the test fails with the last screen.
const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

impl Tmux {
    /// Whether tmux can be run here.
    pub fn available() -> bool {
        std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok()
    }

    /// Starts a server named after `name` with a `w`x`h` session whose shell is at its prompt;
    /// `data` is its `XDG_DATA_HOME` (by default a folder of the temporary home). Fails when tmux
    /// is not installed.
    pub fn start(name: &str, w: u16, h: u16, data: Option<&Path>) -> Tmux {
        let home = tempfile::tempdir().expect("a temporary home");
        let conf = home.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g default-terminal xterm-256color\n",
        )
        .expect("the tmux configuration");
        let data = data.map_or_else(|| home.path().join("data"), Path::to_path_buf);
        let socket = format!("bitext-test-{}-{name}", std::process::id());
        let t = Tmux { socket, home, data };
        let out = t
            .cmd()
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-s", "t", "-x", &w.to_string()])
            .args(["-y", &h.to_string(), "sh"])
            .output()
            .expect("tmux is needed for this test (apt-get install tmux)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Type nothing before the shell shows its prompt (input typed earlier may be lost).
        t.wait_for("the shell prompt", |s| s.iter().any(|l| is_prompt(l)));
        t
    }

    /// A tmux command for this server, with the test's environment.
    pub fn cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new("tmux");
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

    /// Runs a tmux command and returns its output; fails the test when tmux fails.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("tmux prints UTF-8")
    }

    /// Sends keys (tmux key names) to the pane `target`.
    pub fn keys_in(&self, target: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", target];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Sends keys to the session's pane.
    pub fn keys(&self, keys: &[&str]) {
        self.keys_in("t", keys);
    }

    /// Types `line` literally in the pane `target`, then Enter.
    pub fn type_line_in(&self, target: &str, line: &str) {
        self.run(&["send-keys", "-t", target, "-l", line]);
        self.keys_in(target, &["Enter"]);
    }

    /// Types `line` in the session's pane, then Enter.
    pub fn type_line(&self, line: &str) {
        self.type_line_in("t", line);
    }

    /// The rows of the pane `target` as text.
    pub fn capture_of(&self, target: &str) -> Vec<String> {
        self.run(&["capture-pane", "-p", "-t", target])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The rows of the session's pane.
    pub fn capture(&self) -> Vec<String> {
        self.capture_of("t")
    }

    /// A tmux format (`#{…}`) evaluated for the pane `target`.
    pub fn format_in(&self, target: &str, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", target, f])
            .trim()
            .to_string()
    }

    /// A tmux format evaluated for the session's pane.
    pub fn format(&self, f: &str) -> String {
        self.format_in("t", f)
    }

    /// Waits until the pane `target` satisfies `ok`, or fails with the last screen.
    pub fn wait_for_in(
        &self,
        target: &str,
        what: &str,
        ok: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let start = std::time::Instant::now();
        loop {
            let screen = self.capture_of(target);
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what}; screen:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Waits until the session's pane satisfies `ok`.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.wait_for_in("t", what, ok)
    }

    /// Waits until the format `f` of the pane `target` reads `want`.
    pub fn wait_for_format_in(&self, target: &str, f: &str, want: &str) {
        let start = std::time::Instant::now();
        while self.format_in(target, f) != want {
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {f} = {want}; screen:\n{}",
                self.capture_of(target).join("\n")
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Waits until the format `f` of the session's pane reads `want`.
    pub fn wait_for_format(&self, f: &str, want: &str) {
        self.wait_for_format_in("t", f, want);
    }

    /// The server's `XDG_DATA_HOME`.
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// The server's temporary home (for files a test writes beside it).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Copies every byte the program in the pane `target` writes to its terminal (before tmux
    /// interprets it) to `file`, from now on.
    pub fn record_output(&self, target: &str, file: &Path) {
        let cmd = format!("cat >> '{}'", file.display());
        self.run(&["pipe-pane", "-o", "-t", target, &cmd]);
    }

    /// The children of the shell in the pane `target`.
    pub fn shell_children_in(&self, target: &str) -> Vec<u32> {
        let shell: u32 = self
            .format_in(target, "#{pane_pid}")
            .parse()
            .expect("a pane pid");
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Waits until the reader in the session's pane has exited (the shell has no child left).
    pub fn wait_no_reader(&self) {
        let start = std::time::Instant::now();
        while !self.shell_children_in("t").is_empty() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "the reader did not exit"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// The reader's process: the child of the session pane's shell.
    pub fn reader_pid(&self) -> u32 {
        let start = std::time::Instant::now();
        loop {
            if let Some(&pid) = self.shell_children_in("t").first() {
                return pid;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "no reader process"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Whether process `pid` is still running (a zombie waiting for its parent has ended).
pub fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        // The state follows the command name in parentheses.
        s.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
}

/// Waits up to `limit` for process `pid` to end; returns whether it did.
pub fn ends_within(pid: u32, limit: std::time::Duration) -> bool {
    let start = std::time::Instant::now();
    while is_running(pid) {
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    true
}

/// The context switches of every thread of process `pid` so far: each time one of them woke
/// up. An idle process does not add any.
pub fn wakeups(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").output();
    }
}

/// An empty prompt line of the shell (`$`, or `#` for root).
pub fn is_prompt(line: &str) -> bool {
    matches!(line.trim(), "$" | "#")
}
