//! Reading input: files named on the command line, standard input, and the bundled sample.
//!
//! The only I/O below the binary. Turns the bytes into a [`crate::document::Document`] and every
//! failure into an error that names the file and the problem.

use crate::document::formats::{FormatError, Kind, Unit};
use crate::document::subtitles::{self, Cue};
use crate::document::tmx::TmxReader;
use crate::document::{
    self, Content, Document, Format, Lang, decode::DecodeError, parse::RawParagraph,
};
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
    /// A structured file (TMX, XLIFF) that cannot be read. (The problem is not the error's
    /// `source`: the message says it once, not again as a cause.)
    #[error("{name}: {problem}")]
    Format {
        /// The input's name.
        name: String,
        /// The problem.
        problem: FormatError,
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
    let (name, bytes) = read_bytes(input)?;
    let (text, warnings) = decode(&name, bytes, opts)?;
    Ok((name, text, warnings))
}

/// Read one input's bytes; returns its name and its bytes.
pub fn read_bytes(input: &Input) -> Result<(String, Vec<u8>), LoadError> {
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
    Ok((name, bytes))
}

/// Decode the bytes of the input `name` as text, with any warnings (naming it).
fn decode(
    name: &str,
    bytes: Vec<u8>,
    opts: LoadOptions,
) -> Result<(String, Vec<String>), LoadError> {
    let decoded =
        document::decode::decode_owned(bytes, opts.lossy).map_err(|problem| LoadError::Decode {
            name: name.to_owned(),
            problem,
        })?;
    let warnings = decoded
        .warnings
        .into_iter()
        .map(|w| format!("{name}: {w}"))
        .collect();
    Ok((decoded.text, warnings))
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
    if let [Input::Path(path)] = inputs
        && let Some(parsed) = Stream::open(path, &inputs[0].name())?
    {
        return Ok(parsed);
    }
    let mut loaded = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    for input in inputs {
        let (name, bytes) = read_bytes(input)?;
        let item = load_kind(&name, bytes, opts, &mut warnings)?;
        loaded.push((name, item));
    }
    // Subtitles of two files are paired by time, not aligned.
    if let [(_, Loaded::Cues(a)), (_, Loaded::Cues(b))] = &loaded[..]
        && let Some(units) = subtitles::pair_files(a, b)
    {
        loaded[0].1 = Loaded::Given(units, Format::Subtitles);
        loaded[1].1 = Loaded::Given(Vec::new(), Format::Subtitles);
    }
    let refs: Vec<(&str, Content<'_>)> = loaded
        .iter_mut()
        .enumerate()
        .map(|(i, (n, l))| (n.as_str(), l.content(i)))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut parsed = document::parse_contents(refs, threads);
    if let [(first, _), (second, _)] = &loaded[..]
        && let Some(lang) = one_language(&parsed.doc)
    {
        return Err(LoadError::SameLanguage {
            first: first.clone(),
            second: second.clone(),
            lang,
        });
    }
    parsed.doc.warnings.extend(warnings);
    // Giving the memory of a large text back to the system takes a while (some 2 ms for
    // 20 MB); a thread of its own does it, off the way to the first screen. Should the thread
    // not start, the texts are dropped here.
    let texts = loaded;
    let bytes: usize = texts.iter().map(|(_, l)| l.text_len()).sum();
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

/// One input read, by its kind.
enum Loaded {
    /// Plain text.
    Text(String),
    /// Paragraphs found in it (an HTML page).
    Paragraphs(Vec<RawParagraph>, Format),
    /// Subtitle cues (paired by time with another file's, or paragraphs alone).
    Cues(Vec<Cue>),
    /// Units paired by the file (TMX, XLIFF, subtitles of two files).
    Given(Vec<Unit>, Format),
}

impl Loaded {
    /// What the document is made of; paragraphs and units are moved out.
    fn content(&mut self, source: usize) -> Content<'_> {
        match self {
            Loaded::Text(text) => Content::Text(text),
            Loaded::Paragraphs(raw, format) => Content::Paragraphs(std::mem::take(raw), *format),
            Loaded::Cues(cues) => match subtitles::bilingual_cues(cues) {
                Some(units) => Content::Units(units, Format::Subtitles),
                None => Content::Paragraphs(subtitles::paragraphs(cues, source), Format::Subtitles),
            },
            Loaded::Given(units, format) => Content::Units(std::mem::take(units), *format),
        }
    }

    fn text_len(&self) -> usize {
        match self {
            Loaded::Text(text) => text.len(),
            _ => 0,
        }
    }
}

/// Reads the bytes of the input `name` by their kind (see [`document::formats::sniff`]); the
/// warnings, naming the input, go to `warnings`.
fn load_kind(
    name: &str,
    bytes: Vec<u8>,
    opts: LoadOptions,
    warnings: &mut Vec<String>,
) -> Result<Loaded, LoadError> {
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or_default();
    let kind = document::formats::sniff(name, head);
    let format_error = |problem| LoadError::Format {
        name: name.to_owned(),
        problem,
    };
    let named = |w: Vec<String>| w.into_iter().map(move |w| format!("{name}: {w}"));
    if kind == Kind::Html {
        if bytes.len() > document::html::MAX_PAGE_BYTES {
            return Err(format_error(FormatError::TooLarge {
                what: "HTML page",
                size: bytes.len(),
                limit: document::html::MAX_PAGE_BYTES,
            }));
        }
        let page = document::html::decode(&bytes);
        drop(bytes);
        warnings.extend(named(page.warning.into_iter().collect()));
        return Ok(Loaded::Paragraphs(
            document::html::paragraphs(&page.text, 0),
            Format::Html,
        ));
    }
    let (text, w) = decode(name, bytes, opts)?;
    warnings.extend(w);
    Ok(match kind {
        Kind::Text | Kind::Html => Loaded::Text(text),
        Kind::Subtitles => {
            let subs = subtitles::parse(&text);
            warnings.extend(named(subs.warnings));
            Loaded::Cues(subs.cues)
        }
        Kind::Tmx => {
            let (units, w) = document::tmx::parse(&text).map_err(format_error)?;
            warnings.extend(named(w));
            Loaded::Given(units, Format::Tmx)
        }
        Kind::Xliff => {
            let (units, w) = document::xliff::parse(&text).map_err(format_error)?;
            warnings.extend(named(w));
            Loaded::Given(units, Format::Xliff)
        }
    })
}

/// A single file at least this large whose pairs are given (a TMX, a TSV) is read in chunks:
/// the first screen needs the first one only, the rest is read as the document is asked for
/// more pairs ([`document::Parsed::step`]), and the file's bytes are never all in memory.
const STREAM_MIN: u64 = 8 << 20;

/// The bytes read at a time from a file read in chunks.
const CHUNK: usize = 1 << 20;

/// How a file read in chunks is read.
#[derive(Debug)]
enum Streamed {
    /// A TMX memory.
    Tmx(Box<TmxReader>),
    /// A TSV bitext; the line number of the next chunk's first line.
    Tsv(usize),
}

/// A large file read in chunks: what [`document::Parsed`] calls for the rest of the pairs.
#[derive(Debug)]
struct Stream {
    name: String,
    file: fs::File,
    size: u64,
    read: u64,
    /// Bytes read and not yet consumed (a unit cut by the end of a chunk).
    buf: Vec<u8>,
    eof: bool,
    done: bool,
    units: usize,
    replaced: bool,
    warnings: Vec<String>,
    how: Streamed,
}

impl Stream {
    /// The document of `path` with the rest of the file left to read, when the file is large and
    /// its pairs are given; `None` to read it whole.
    fn open(path: &Path, name: &str) -> Result<Option<document::Parsed>, LoadError> {
        let Ok(meta) = fs::metadata(path) else {
            return Ok(None);
        };
        if !meta.is_file() || meta.len() < STREAM_MIN || meta.len() > MAX_BYTES {
            return Ok(None);
        }
        let file = fs::File::open(path).map_err(|e| classify(e, name))?;
        let mut stream = Stream {
            name: name.to_owned(),
            file,
            size: meta.len(),
            read: 0,
            buf: Vec::with_capacity(2 * CHUNK),
            eof: false,
            done: false,
            units: 0,
            replaced: false,
            warnings: Vec::new(),
            how: Streamed::Tsv(1),
        };
        stream.fill()?;
        let head = stream
            .buf
            .get(..stream.buf.len().min(8192))
            .unwrap_or_default();
        // UTF-16 (and any other encoding than UTF-8) is decoded whole.
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            return Ok(None);
        }
        let (units, format) = match document::formats::sniff(name, head) {
            Kind::Tmx => {
                stream.how = Streamed::Tmx(Box::new(TmxReader::new()));
                let mut first = Vec::new();
                while first.is_empty() {
                    match stream.next_batch()? {
                        Some(units) => first = units,
                        None => break,
                    }
                }
                if first.is_empty()
                    && let Streamed::Tmx(reader) = &mut stream.how
                {
                    reader.finish(0).map_err(|problem| LoadError::Format {
                        name: name.to_owned(),
                        problem,
                    })?;
                }
                (first, Format::Tmx)
            }
            Kind::Text => {
                // A TSV bitext if its first chunk is one (its header, if any, is skipped there).
                let cut = memchr::memrchr(b'\n', &stream.buf).map_or(0, |i| i + 1);
                let Ok(text) = std::str::from_utf8(stream.buf.get(..cut).unwrap_or_default())
                else {
                    return Ok(None);
                };
                let Some(rows) =
                    document::parse::tsv(text.strip_prefix('\u{FEFF}').unwrap_or(text))
                else {
                    return Ok(None);
                };
                let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
                stream.how = Streamed::Tsv(lines + 1);
                stream.buf.drain(..cut);
                let units = document::parse::tsv_units(rows);
                stream.units += units.len();
                (units, Format::Tsv)
            }
            _ => return Ok(None),
        };
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let mut parsed =
            document::parse_contents(vec![(name, Content::Units(units, format))], threads);
        parsed.doc.warnings.append(&mut stream.warnings);
        if !stream.done {
            parsed.rest = Some(Box::new(stream));
        }
        Ok(Some(parsed))
    }

    /// Reads the next chunk onto the bytes not yet consumed: at least [`CHUNK`], and at least
    /// as much as is pending, so that a unit larger than a chunk costs linear time.
    fn fill(&mut self) -> Result<(), LoadError> {
        let start = self.buf.len();
        let want = CHUNK.max(start);
        self.buf.resize(start + want, 0);
        let mut filled = start;
        while filled < self.buf.len() {
            match self
                .file
                .read(self.buf.get_mut(filled..).unwrap_or_default())
            {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(classify(e, &self.name)),
            }
        }
        self.buf.truncate(filled);
        self.read += (filled - start) as u64;
        Ok(())
    }

    /// The units of the next chunk(s) (at least one unit, unless the file is done).
    fn next_batch(&mut self) -> Result<Option<Vec<Unit>>, LoadError> {
        while !self.done {
            if !self.eof {
                self.fill()?;
            }
            let last = self.eof;
            let (consumed, units) = match &mut self.how {
                Streamed::Tmx(reader) => {
                    let consumed =
                        reader
                            .feed(&self.buf, last)
                            .map_err(|problem| LoadError::Format {
                                name: self.name.clone(),
                                problem,
                            })?;
                    if reader.stopped() {
                        self.done = true;
                    }
                    (consumed, reader.take_units())
                }
                Streamed::Tsv(line) => {
                    let cut = if last {
                        self.buf.len()
                    } else {
                        memchr::memrchr(b'\n', &self.buf).map_or(0, |i| i + 1)
                    };
                    let bytes = self.buf.get(..cut).unwrap_or_default();
                    let text = String::from_utf8_lossy(bytes);
                    if matches!(text, std::borrow::Cow::Owned(_)) && !self.replaced {
                        self.replaced = true;
                        self.warnings.push(format!(
                            "{}: invalid UTF-8 after line {line} replaced with U+FFFD",
                            self.name
                        ));
                    }
                    let rows = document::parse::tsv_rows(&text, *line);
                    *line += memchr::memchr_iter(b'\n', bytes).count();
                    (cut, document::parse::tsv_units(rows))
                }
            };
            self.buf.drain(..consumed.min(self.buf.len()));
            if last {
                self.done = true;
                self.buf = Vec::new();
                let units_read = self.units + units.len();
                if let Streamed::Tmx(reader) = &mut self.how {
                    match reader.finish(units_read) {
                        Ok(w) => self
                            .warnings
                            .extend(w.into_iter().map(|w| format!("{}: {w}", self.name))),
                        Err(e) => self.warnings.push(format!("{}: {e}", self.name)),
                    }
                }
            }
            if !units.is_empty() {
                self.units += units.len();
                return Ok(Some(units));
            }
        }
        Ok(None)
    }
}

impl document::Rest for Stream {
    fn next_units(&mut self) -> Option<Vec<Unit>> {
        match self.next_batch() {
            Ok(units) => units,
            Err(e) => {
                self.warnings
                    .push(format!("{e}; the rest of the file is not shown"));
                self.done = true;
                None
            }
        }
    }

    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    fn progress(&self) -> (u64, u64) {
        (self.read, self.size.max(self.read))
    }

    fn format(&self) -> Format {
        match self.how {
            Streamed::Tmx(_) => Format::Tmx,
            Streamed::Tsv(_) => Format::Tsv,
        }
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

    /// A file of `units` pairs (numbered, so that a unit read twice or lost shows) in `form`.
    fn large(form: &str) -> String {
        let mut text = String::new();
        if form == "tmx" {
            text.push_str(
                "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body>\n",
            );
        }
        let mut n = 0;
        while text.len() < STREAM_MIN as usize + 3 * CHUNK + 777 {
            let (ar, en) = (
                format!("السطر رقم {n} من الذاكرة"),
                format!("Line {n} of the memory"),
            );
            if form == "tmx" {
                writeln!(
                    text,
                    "<tu><prop type=\"x-bitext-score\">0.5</prop><tuv xml:lang=\"en\"><seg>{en} <ph>&lt;b/&gt;</ph>&amp;</seg></tuv>\n<tuv xml:lang=\"ar\"><seg>{ar}</seg></tuv></tu>"
                )
                .unwrap();
            } else {
                writeln!(text, "{ar}\t{en}\t0.5").unwrap();
            }
            n += 1;
        }
        if form == "tmx" {
            text.push_str("</body>\n</tmx>\n");
        }
        text
    }

    #[test]
    fn a_large_memory_read_in_chunks_is_the_memory_read_whole() {
        for form in ["tmx", "tsv"] {
            let text = large(form);
            let mut file = tempfile::NamedTempFile::new().unwrap();
            file.write_all(text.as_bytes()).unwrap();
            let path = file.path().to_owned();
            let parsed = Stream::open(&path, "big").unwrap().expect("read in chunks");
            assert!(parsed.rest.is_some(), "{form}: the rest is left to read");
            let first = parsed.doc.pairs.len();
            assert!(
                first > 0 && first < 20_000,
                "{form}: {first} pairs at first"
            );
            let streamed = parsed.finish();
            let mut loaded = load_kind(
                "big",
                text.clone().into_bytes(),
                LoadOptions::default(),
                &mut Vec::new(),
            )
            .unwrap();
            let whole = document::parse_contents(vec![("big", loaded.content(0))], 1).finish();
            assert_eq!(streamed.paragraphs, whole.paragraphs, "{form}");
            assert_eq!(streamed.pairs, whole.pairs, "{form}");
            assert!(streamed.pairs.iter().all(|p| (p.score - 0.5).abs() < 1e-9));
            assert!(streamed.warnings.is_empty(), "{:?}", streamed.warnings);
        }
    }

    #[test]
    fn a_large_memory_without_arabic_or_english_is_an_error_at_once() {
        let text = large("tmx")
            .replace("xml:lang=\"ar\"", "xml:lang=\"fr\"")
            .replace("xml:lang=\"en\"", "xml:lang=\"de\"");
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let e = Stream::open(file.path(), "big.tmx").unwrap_err();
        assert_eq!(
            e.to_string(),
            "big.tmx: TMX without Arabic or English (languages found: de, fr)"
        );
    }
}
