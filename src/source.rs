//! Reading input: files named on the command line, standard input, and the bundled sample.
//!
//! The only I/O below the binary. Turns the bytes into a [`crate::document::Document`] and every
//! failure into an error that names the file and the problem.

use crate::document::decode::DecodeError;
use crate::document::{self, Document, Lang};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The bundled sample article: an original news article in Arabic and its English translation.
pub const SAMPLE: &str = include_str!("../assets/sample.txt");

/// Files larger than this are refused rather than read into memory.
pub const MAX_BYTES: u64 = 2 << 30;

/// Something to read a document from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file path.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// The bundled sample article.
    Sample,
}

impl Input {
    /// Interpret a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The name shown to the user.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_owned(),
            Input::Sample => "sample".to_owned(),
        }
    }
}

/// What to read when no file is named: standard input when something is piped or redirected
/// into it (as `less` and `bat` do), else the bundled sample. A terminal, or a device such as
/// `/dev/null`, is not read.
pub fn default_input() -> Input {
    if stdin_is_data() {
        Input::Stdin
    } else {
        Input::Sample
    }
}

#[cfg(unix)]
fn stdin_is_data() -> bool {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
        return false;
    };
    fs::File::from(fd).metadata().is_ok_and(|m| {
        let t = m.file_type();
        t.is_fifo() || t.is_file() || t.is_socket()
    })
}

#[cfg(not(unix))]
fn stdin_is_data() -> bool {
    use std::io::IsTerminal;
    !io::stdin().is_terminal()
}

/// Why an input could not be opened. Every variant names the input.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The path does not exist.
    #[error("{name}: no such file")]
    Missing {
        /// The input's name.
        name: String,
    },
    /// The path is a directory.
    #[error("{name}: is a directory, not a file")]
    Directory {
        /// The input's name.
        name: String,
    },
    /// Permission denied.
    #[error("{name}: permission denied")]
    PermissionDenied {
        /// The input's name.
        name: String,
    },
    /// A device or socket, which cannot be read as a document.
    #[error("{name}: not a regular file ({what})")]
    NotAFile {
        /// The input's name.
        name: String,
        /// What it is instead.
        what: &'static str,
    },
    /// Larger than [`MAX_BYTES`].
    #[error("{name}: too large ({size} bytes; the limit is {MAX_BYTES})")]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size.
        size: u64,
    },
    /// The bytes are not a text bitext can read. (The message holds the problem; it is not
    /// also given as the error's source, so a printer of the error chain says it once.)
    #[error("{name}: {problem}")]
    Decode {
        /// The input's name.
        name: String,
        /// The problem.
        problem: DecodeError,
    },
    /// Any other I/O error (its message included, as for [`LoadError::Decode`]).
    #[error("{name}: {}", io_problem(.error))]
    Io {
        /// The input's name.
        name: String,
        /// The error.
        error: io::Error,
    },
    /// Two files, both in one language: not a bitext.
    #[error(
        "{first} and {second} are both {}; open an Arabic file with its English translation",
        .lang.name()
    )]
    SameLanguage {
        /// The first file's name.
        first: String,
        /// The second file's name.
        second: String,
        /// Their language.
        lang: Lang,
    },
    /// A language asked for (`--only`) that the input does not have.
    #[error("{names}: no {} found (the text is {})", .lang.name(), .lang.other().name())]
    NoSuchLanguage {
        /// The inputs' names.
        names: String,
        /// The language asked for.
        lang: Lang,
    },
    /// More than two inputs.
    #[error("at most two files can be opened (one per language); got {0}")]
    TooMany(usize),
}

/// An I/O error in words of our own where there are some, else the system's (without its
/// "(os error N)" suffix).
pub fn io_problem(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".into(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ").and_then(|i| text.get(..i)) {
                Some(short) if text.ends_with(')') => short.to_owned(),
                _ => text,
            }
        }
    }
}

/// An error unless the loaded document has paragraphs in `lang` (for `--only`).
pub fn require_language(parsed: &document::Parsed, lang: Lang) -> Result<(), LoadError> {
    let doc = &parsed.doc;
    if doc.paragraphs.of(lang).is_empty() && !doc.paragraphs.of(lang.other()).is_empty() {
        let names: Vec<&str> = doc.sources.iter().map(|s| s.name.as_str()).collect();
        return Err(LoadError::NoSuchLanguage {
            names: names.join(", "),
            lang,
        });
    }
    Ok(())
}

/// How to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Replace invalid UTF-8 instead of refusing the file.
    pub lossy: bool,
}

/// Read and decode one input; returns its name and its text, with any decoding warnings.
pub fn read(input: &Input, opts: LoadOptions) -> Result<(String, String, Vec<String>), LoadError> {
    let name = input.name();
    let bytes = match input {
        Input::Sample => SAMPLE.as_bytes().to_vec(),
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .take(MAX_BYTES + 1)
                .read_to_end(&mut buf)
                .map_err(|error| LoadError::Io {
                    name: name.clone(),
                    error,
                })?;
            buf
        }
        Input::Path(path) => read_file(path, &name)?,
    };
    if bytes.len() as u64 > MAX_BYTES {
        return Err(LoadError::TooLarge {
            name,
            size: bytes.len() as u64,
        });
    }
    let decoded =
        document::decode::decode_owned(bytes, opts.lossy).map_err(|problem| LoadError::Decode {
            name: name.clone(),
            problem,
        })?;
    let warnings = decoded
        .warnings
        .into_iter()
        .map(|w| format!("{name}: {w}"))
        .collect();
    Ok((name, decoded.text, warnings))
}

fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let name = name.to_owned();
    let meta = fs::metadata(path).map_err(|e| classify(e, &name))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(LoadError::Directory { name });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_block_device() {
            Some("a block device")
        } else if kind.is_char_device() {
            Some("a character device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(LoadError::NotAFile { name, what });
        }
    }
    if meta.is_file() && meta.len() > MAX_BYTES {
        return Err(LoadError::TooLarge {
            name,
            size: meta.len(),
        });
    }
    // Regular files and pipes (`bitext <(cmd)`) are read to the end, into one allocation of
    // the size the file has (a large file in two halves at once, then whatever follows).
    let mut file = fs::File::open(path).map_err(|e| classify(e, &name))?;
    let len = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = None;
    #[cfg(unix)]
    if meta.is_file() && meta.len() >= PARALLEL_READ_MIN {
        bytes = read_halves(&file, len).map_err(|e| classify(e, &name))?;
    }
    let mut bytes = match bytes {
        Some(bytes) => {
            io::Seek::seek(&mut file, io::SeekFrom::Start(meta.len()))
                .map_err(|e| classify(e, &name))?;
            bytes
        }
        None => Vec::with_capacity(len),
    };
    let left = (MAX_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(left)
        .read_to_end(&mut bytes)
        .map_err(|e| classify(e, &name))?;
    Ok(bytes)
}

/// Regular files at least this large are read in two halves at once: copying a file out of the
/// page cache, and faulting in the memory it goes to, costs about as much as checking that it
/// is UTF-8, and two cores do it in half the time.
#[cfg(unix)]
const PARALLEL_READ_MIN: u64 = 4 << 20;

/// The first `len` bytes of `file`, its first half read on this thread while another reads the
/// second; `None` when the file turned out shorter (it changed meanwhile), to be read again in
/// one piece.
#[cfg(unix)]
fn read_halves(file: &fs::File, len: usize) -> io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    let read = |buf: &mut [u8], at: usize| match file.read_exact_at(buf, at as u64) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    };
    // Zeroed memory comes straight from the system, so nothing is written twice.
    let mut bytes = vec![0; len];
    let (head, tail) = bytes.split_at_mut(len / 2);
    let (head_read, tail_read) = std::thread::scope(|scope| {
        let tail_read = scope.spawn(|| read(tail, len / 2));
        let head_read = read(head, 0);
        let tail_read = tail_read
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reading thread failed")));
        (head_read, tail_read)
    });
    Ok((head_read? && tail_read?).then_some(bytes))
}

/// The error for an I/O failure `e` on the input `name`: a missing file, a permission problem
/// and a directory get their own messages; anything else keeps the system's words.
pub fn classify(e: io::Error, name: &str) -> LoadError {
    let name = name.to_owned();
    match e.kind() {
        io::ErrorKind::NotFound => LoadError::Missing { name },
        io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { name },
        io::ErrorKind::IsADirectory => LoadError::Directory { name },
        _ => LoadError::Io { name, error: e },
    }
}

/// Load the document from one or two inputs (none means the bundled sample).
pub fn load(inputs: &[Input], opts: LoadOptions) -> Result<Document, LoadError> {
    load_parsed(inputs, opts).map(document::Parsed::finish)
}

/// Load the paragraphs of one or two inputs (none means the bundled sample) without aligning
/// them yet: the pairs come from [`document::Parsed::step`], window by window. Only the
/// paragraphs are kept: the texts read are dropped before this returns (a large one is handed
/// to a thread that frees it meanwhile).
pub fn load_parsed(inputs: &[Input], opts: LoadOptions) -> Result<document::Parsed, LoadError> {
    let sample = [Input::Sample];
    let inputs = if inputs.is_empty() {
        &sample[..]
    } else {
        inputs
    };
    if inputs.len() > 2 {
        return Err(LoadError::TooMany(inputs.len()));
    }
    let mut texts = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    for input in inputs {
        let (name, text, w) = read(input, opts)?;
        warnings.extend(w);
        texts.push((name, text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut parsed = document::parse_paragraphs_with(&refs, threads);
    if let [(first, _), (second, _)] = &refs[..]
        && let Some(lang) = one_language(&parsed.doc)
    {
        return Err(LoadError::SameLanguage {
            first: (*first).to_owned(),
            second: (*second).to_owned(),
            lang,
        });
    }
    parsed.doc.warnings.extend(warnings);
    drop(refs);
    // Giving the memory of a large text back to the system takes a while (some 2 ms for
    // 20 MB); a thread of its own does it, off the way to the first screen. Should the thread
    // not start, the texts are dropped here.
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    if threads > 1 && bytes >= FREE_ASIDE_MIN {
        let _detached = std::thread::Builder::new()
            .name("bitext-free".into())
            .spawn(move || drop(texts));
    }
    Ok(parsed)
}

/// The one language a document's paragraphs are in, when they are all in one.
fn one_language(doc: &Document) -> Option<Lang> {
    let (ar, en) = (doc.paragraphs.ar.len(), doc.paragraphs.en.len());
    match (ar, en) {
        (0, 0) => None,
        (_, 0) => Some(Lang::Ar),
        (0, _) => Some(Lang::En),
        _ => None,
    }
}

/// Texts at least this large are freed on a thread of their own (see [`load_parsed`]).
const FREE_ASIDE_MIN: usize = 4 << 20;

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;
    use std::io::Write as _;

    #[cfg(unix)]
    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        // Numbered lines, so that a half read at the wrong place or twice cannot go unseen; an
        // odd length, so that the halves differ in size.
        let mut text = String::new();
        let mut n = 0;
        while text.len() < (PARALLEL_READ_MIN as usize) + 4097 {
            writeln!(text, "السطر {n} line {n}").unwrap();
            n += 1;
        }
        text.push('x');
        assert!(text.len() % 2 == 1);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let input = Input::Path(file.path().to_owned());
        let (_, read_text, warnings) = read(&input, LoadOptions::default()).unwrap();
        assert!(read_text == text, "the text read differs from the file");
        assert!(warnings.is_empty());
        let bytes = read_file(file.path(), "t").unwrap();
        assert_eq!(bytes.len(), text.len());
        assert_eq!(
            bytes.capacity(),
            text.len(),
            "one allocation of the file's size"
        );
    }
}
