//! Tags: O and B/I/L/U of four classes (17 tags), conversion from spans, back to spans, and the
//! transitions a well-formed sequence allows.

/// Entity classes the tagger learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// A person.
    Per = 0,
    /// A place.
    Loc = 1,
    /// An organisation.
    Org = 2,
    /// Anything else named (events, nationalities, currencies, works).
    Misc = 3,
}

impl Class {
    /// Every class, in tag order.
    pub const ALL: [Class; 4] = [Class::Per, Class::Loc, Class::Org, Class::Misc];

    /// Read a corpus class name (`PER`, `PERS`, `LOC`, `ORG`, `MISC`).
    pub fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "PER" | "PERS" => Class::Per,
            "LOC" => Class::Loc,
            "ORG" => Class::Org,
            "MISC" => Class::Misc,
            _ => return None,
        })
    }

    /// Its short name.
    pub fn name(self) -> &'static str {
        match self {
            Class::Per => "PER",
            Class::Loc => "LOC",
            Class::Org => "ORG",
            Class::Misc => "MISC",
        }
    }

    fn from_index(i: u8) -> Class {
        match i {
            0 => Class::Per,
            1 => Class::Loc,
            2 => Class::Org,
            _ => Class::Misc,
        }
    }
}

/// Number of tags.
pub const NTAGS: usize = 17;
/// The outside tag.
pub const O: u8 = 0;

/// Position of a token in its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Begins a span of two or more tokens.
    B = 0,
    /// Inside.
    I = 1,
    /// Last.
    L = 2,
    /// A one-token span.
    U = 3,
}

/// The tag of `pos` in a span of `class`.
pub fn tag(class: Class, pos: Pos) -> u8 {
    1 + (class as u8) * 4 + pos as u8
}

/// The class and position of a tag (`None` for O).
pub fn parts(t: u8) -> Option<(Class, Pos)> {
    if t == O || t as usize >= NTAGS {
        return None;
    }
    let c = Class::from_index((t - 1) / 4);
    let p = match (t - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some((c, p))
}

/// A span of tokens `start..end` of one class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its class.
    pub class: Class,
}

/// BILOU tags of `n` tokens carrying non-overlapping `spans`.
pub fn encode(n: usize, spans: &[Span]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.start >= s.end || s.end > n {
            continue;
        }
        if s.end - s.start == 1 {
            if let Some(t) = tags.get_mut(s.start) {
                *t = tag(s.class, Pos::U);
            }
            continue;
        }
        for (i, t) in tags.iter_mut().enumerate().take(s.end).skip(s.start) {
            *t = tag(
                s.class,
                if i == s.start {
                    Pos::B
                } else if i + 1 == s.end {
                    Pos::L
                } else {
                    Pos::I
                },
            );
        }
    }
    tags
}

/// The spans of a tag sequence. Lenient with ill-formed input: a span opens at B or U or at an
/// I/L that does not continue the previous span, and closes at L or U or where the next tag does
/// not continue it.
pub fn decode(tags: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Class)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match parts(t) {
            None => {
                if let Some((s, c)) = open.take() {
                    out.push(Span {
                        start: s,
                        end: i,
                        class: c,
                    });
                }
            }
            Some((c, p)) => {
                let continues = matches!(p, Pos::I | Pos::L) && open.is_some_and(|(_, oc)| oc == c);
                if !continues && let Some((s, oc)) = open.take() {
                    out.push(Span {
                        start: s,
                        end: i,
                        class: oc,
                    });
                }
                if !continues {
                    open = Some((i, c));
                }
                if matches!(p, Pos::L | Pos::U)
                    && let Some((s, oc)) = open.take()
                {
                    out.push(Span {
                        start: s,
                        end: i + 1,
                        class: oc,
                    });
                }
            }
        }
    }
    if let Some((s, c)) = open {
        out.push(Span {
            start: s,
            end: tags.len(),
            class: c,
        });
    }
    out
}

/// Whether tag `next` may follow tag `prev` (`None`: the start of a sentence).
pub fn allowed(prev: Option<u8>, next: u8) -> bool {
    let inside = |t: u8| parts(t).filter(|(_, p)| matches!(p, Pos::B | Pos::I));
    match (prev.and_then(inside), parts(next)) {
        (None, None) => true,
        (None, Some((_, p))) => matches!(p, Pos::B | Pos::U),
        (Some(_), None) => false,
        (Some((pc, _)), Some((nc, np))) => pc == nc && matches!(np, Pos::I | Pos::L),
    }
}

/// Whether a sentence may end with tag `t`.
pub fn may_end(t: u8) -> bool {
    !matches!(parts(t), Some((_, Pos::B | Pos::I)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_through_bilou() {
        let spans = vec![
            Span {
                start: 0,
                end: 1,
                class: Class::Loc,
            },
            Span {
                start: 1,
                end: 4,
                class: Class::Per,
            },
            Span {
                start: 5,
                end: 7,
                class: Class::Org,
            },
        ];
        let tags = encode(8, &spans);
        assert_eq!(decode(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), w[1]), "{w:?}");
        }
        assert!(tags.last().is_some_and(|&t| may_end(t)));
    }

    #[test]
    fn transitions_keep_sequences_well_formed() {
        let b = tag(Class::Per, Pos::B);
        assert!(!allowed(None, tag(Class::Per, Pos::I)));
        assert!(allowed(None, b));
        assert!(!allowed(Some(b), O));
        assert!(!allowed(Some(b), tag(Class::Loc, Pos::L)));
        assert!(allowed(Some(b), tag(Class::Per, Pos::L)));
        assert!(!may_end(b));
        let count = (0..NTAGS as u8)
            .flat_map(|p| (0..NTAGS as u8).map(move |n| (p, n)))
            .filter(|&(p, n)| allowed(Some(p), n))
            .count();
        // From O/L/U (9 tags): O, B, U (9 each); from B/I (8 tags): I, L of the class (2 each).
        assert_eq!(count, 9 * 9 + 8 * 2);
    }
}
