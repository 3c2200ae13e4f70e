//! Turning the bytes of a file into text, or a precise reason why they are not text.
//!
//! Accepts UTF-8 with or without a BOM. Recognises UTF-16 (with or without a BOM) and binary data
//! (NUL bytes) so the user is told what the file is rather than shown garbage. Pure: no I/O.

use thiserror::Error;

/// Why a file's bytes cannot be read as a bilingual text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// Nothing at all, or only a BOM.
    #[error("the file is empty")]
    Empty,
    /// Only spaces, tabs and line breaks.
    #[error("the file holds only whitespace")]
    WhitespaceOnly,
    /// A UTF-16 file; bitext reads UTF-8.
    #[error(
        "the file is UTF-16 ({endian}), not UTF-8; convert it first, e.g. `iconv -f UTF-16 -t UTF-8`"
    )]
    Utf16 {
        /// `little-endian` or `big-endian`.
        endian: &'static str,
    },
    /// NUL bytes: a binary file, not text.
    #[error("the file looks binary (a NUL byte at byte offset {offset}), not text")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Bytes that are not valid UTF-8.
    #[error(
        "the file is not valid UTF-8 (invalid byte 0x{byte:02X} at byte offset {offset}); use --lossy to open it anyway"
    )]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
        /// The byte there.
        byte: u8,
    },
}

/// Decoded text, with what had to be repaired to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a BOM.
    pub text: String,
    /// Repairs made (with `lossy`): invalid sequences replaced by U+FFFD.
    pub warnings: Vec<String>,
}

/// Decode a file's bytes. With `lossy`, invalid UTF-8 is replaced by U+FFFD (and a warning says
/// where the first one was); without it, invalid UTF-8 is an error.
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec(), lossy)
}

/// [`decode`] of bytes the caller gives away: valid UTF-8 becomes the text without a copy (a
/// large file is not held twice while it loads).
pub fn decode_owned(mut bytes: Vec<u8>, lossy: bool) -> Result<Decoded, DecodeError> {
    if let Some(endian) = utf16_endianness(&bytes) {
        return Err(DecodeError::Utf16 { endian });
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if bytes.len() == bom {
        return Err(DecodeError::Empty);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let mut warnings = Vec::new();
    bytes.drain(..bom);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let body = e.into_bytes();
            let offset = bom + valid;
            let byte = body.get(valid).copied().unwrap_or(0);
            if !lossy {
                return Err(DecodeError::InvalidUtf8 { offset, byte });
            }
            warnings.push(format!(
                "invalid UTF-8 replaced with U+FFFD (the first at byte offset {offset})"
            ));
            String::from_utf8_lossy(&body).into_owned()
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::WhitespaceOnly);
    }
    Ok(Decoded { text, warnings })
}

/// Recognise UTF-16 by its BOM, or by the NUL bytes that ASCII text has every other byte.
fn utf16_endianness(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let sample = bytes.get(..bytes.len().min(4096))?;
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 {
            even_nul += 1;
        }
        if pair[1] == 0 {
            odd_nul += 1;
        }
    }
    // Latin text in UTF-16 has a NUL in most code units; Arabic has 0x06 there instead, so also
    // accept the Arabic block's high byte on one side with no NULs on the other.
    let (mut even_06, mut odd_06) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0x06 {
            even_06 += 1;
        }
        if pair[1] == 0x06 {
            odd_06 += 1;
        }
    }
    let high = |nul: usize, six: usize| (nul + six) * 10 >= pairs * 6;
    if high(odd_nul, odd_06) && even_nul == 0 && odd_nul > 0 {
        Some("little-endian")
    } else if high(even_nul, even_06) && odd_nul == 0 && even_nul > 0 {
        Some("big-endian")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_and_bom() {
        assert_eq!(decode("مرحبا\n".as_bytes(), false).unwrap().text, "مرحبا\n");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("hello".as_bytes());
        assert_eq!(decode(&b, false).unwrap().text, "hello");
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(decode(b"", false), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF", false), Err(DecodeError::Empty));
        assert_eq!(
            decode(b" \n\t\r\n", false),
            Err(DecodeError::WhitespaceOnly)
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset_and_lossy_repairs() {
        let b = b"abc\xFFdef";
        assert_eq!(
            decode(b, false),
            Err(DecodeError::InvalidUtf8 {
                offset: 3,
                byte: 0xFF
            })
        );
        let d = decode(b, true).unwrap();
        assert_eq!(d.text, "abc\u{FFFD}def");
        assert!(d.warnings[0].contains("byte offset 3"));
    }

    #[test]
    fn binary_names_the_first_nul_wherever_it_is() {
        let arabic = "مرحبا بكم".as_bytes();
        for at in [0, 1, arabic.len() / 2, arabic.len()] {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(arabic);
            b.insert(3 + at, 0);
            b.extend_from_slice(b"\0tail\0");
            assert_eq!(
                decode(&b, false),
                Err(DecodeError::Binary { offset: 3 + at }),
                "NUL at {at}"
            );
            // Binary wins over invalid UTF-8, with or without --lossy.
            b.push(0xFF);
            assert_eq!(
                decode(&b, true),
                Err(DecodeError::Binary { offset: 3 + at })
            );
        }
    }

    #[test]
    fn utf16_and_binary() {
        let le: Vec<u8> = "hello world"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&le, false),
            Err(DecodeError::Utf16 {
                endian: "little-endian"
            })
        );
        let be: Vec<u8> = "مرحبا hello"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&be, false),
            Err(DecodeError::Utf16 {
                endian: "big-endian"
            })
        );
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x00\x00", false),
            Err(DecodeError::Binary { offset: 6 })
        );
    }
}
